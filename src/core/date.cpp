#include "core/date.hpp"

#include <array>
#include <chrono>
#include <cctype>
#include <cstdio>

namespace ascent {

namespace {

using namespace std::chrono;

std::optional<Date> make_date(int y, unsigned m, unsigned d) {
    const year_month_day ymd{year(y), month(m), day(d)};
    if (!ymd.ok() || y < 1850 || y > 2200) return std::nullopt;
    return Date(sys_days(ymd));
}

// Reads an unsigned number of 1..max_digits digits at `pos`; advances pos.
std::optional<int> read_number(std::string_view s, std::size_t &pos, std::size_t max_digits) {
    std::size_t start = pos;
    int value = 0;
    while (pos < s.size() && pos - start < max_digits && std::isdigit(static_cast<unsigned char>(s[pos]))) {
        value = value * 10 + (s[pos] - '0');
        ++pos;
    }
    if (pos == start) return std::nullopt;
    return value;
}

std::optional<unsigned> month_from_name(std::string_view name) {
    static constexpr std::array<std::string_view, 12> k_names = {"jan", "feb", "mar", "apr", "may", "jun",
                                                                 "jul", "aug", "sep", "oct", "nov", "dec"};
    if (name.size() < 3) return std::nullopt;
    std::string lower;
    for (char c : name.substr(0, 3)) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    for (unsigned i = 0; i < 12; ++i)
        if (lower == k_names[i]) return i + 1;
    return std::nullopt;
}

// A two- or four-digit year that ends the text; two digits mean 1970–2069.
std::optional<int> read_year_at_end(std::string_view s, std::size_t pos) {
    const std::size_t start = pos;
    auto y = read_number(s, pos, 4);
    if (!y || pos != s.size()) return std::nullopt;
    if (pos - start == 2) return *y < 70 ? 2000 + *y : 1900 + *y;
    if (pos - start == 4) return y;
    return std::nullopt;
}

} // namespace

Date Date::ymd(int y, unsigned m, unsigned d) {
    return Date(std::chrono::sys_days(year_month_day{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)}));
}

namespace {

// `value` as `width` zero-padded digits at `out`. Dates are formatted without snprintf: an import
// writes millions of them.
void put_digits(char *out, unsigned value, int width) {
    for (int k = width - 1; k >= 0; --k, value /= 10) out[k] = static_cast<char>('0' + value % 10);
}

bool four_digit_year(int y) { return y >= 0 && y <= 9999; }

} // namespace

std::string Date::iso() const {
    const auto date = ymd();
    const int y = static_cast<int>(date.year());
    const auto m = static_cast<unsigned>(date.month()), d = static_cast<unsigned>(date.day());
    if (!four_digit_year(y)) {
        char buf[24];
        std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
        return buf;
    }
    std::string out = "0000-00-00";
    put_digits(&out[0], static_cast<unsigned>(y), 4);
    put_digits(&out[5], m, 2);
    put_digits(&out[8], d, 2);
    return out;
}

std::string Date::uk() const {
    const auto date = ymd();
    const int y = static_cast<int>(date.year());
    const auto m = static_cast<unsigned>(date.month()), d = static_cast<unsigned>(date.day());
    if (!four_digit_year(y)) {
        char buf[24];
        std::snprintf(buf, sizeof buf, "%02u/%02u/%04d", d, m, y);
        return buf;
    }
    std::string out = "00/00/0000";
    put_digits(&out[0], d, 2);
    put_digits(&out[3], m, 2);
    put_digits(&out[6], static_cast<unsigned>(y), 4);
    return out;
}

std::optional<Date> parse_date(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    // Case-management exports often append a midnight time: "2024-04-01 00:00:00".
    if (auto space = s.find(' '); space != std::string_view::npos && s.substr(space + 1).starts_with("00:00"))
        s = s.substr(0, space);
    if (s.empty()) return std::nullopt;
    std::size_t pos = 0;
    auto first = read_number(s, pos, 5);
    if (!first) return std::nullopt;
    if (pos == s.size()) { // Excel serial day number (1900 date system)
        const int serial = *first;
        if (serial < 1 || serial > 120000) return std::nullopt;
        // Serial 1 = 1900-01-01, and Excel counts a 29 Feb 1900 that never was (serial 60).
        const int offset = serial >= 61 ? serial - 1 : serial;
        return Date(sys_days(year_month_day{year(1899), month(12), day(31)}) + days(offset));
    }
    const char sep = s[pos];
    if (sep == '-' && pos == 4) { // ISO yyyy-mm-dd
        ++pos;
        auto m = read_number(s, pos, 2);
        if (!m || pos >= s.size() || s[pos] != '-') return std::nullopt;
        ++pos;
        auto d = read_number(s, pos, 2);
        if (!d || pos != s.size()) return std::nullopt;
        return make_date(*first, static_cast<unsigned>(*m), static_cast<unsigned>(*d));
    }
    if ((sep == '/' || sep == '.') && pos <= 2) { // UK dd/mm/yyyy or dd/mm/yy
        ++pos;
        auto m = read_number(s, pos, 2);
        if (!m || pos >= s.size() || s[pos] != sep) return std::nullopt;
        ++pos;
        auto y = read_year_at_end(s, pos);
        if (!y) return std::nullopt;
        return make_date(*y, static_cast<unsigned>(*m), static_cast<unsigned>(*first));
    }
    if ((sep == '-' || sep == ' ') && pos <= 2) { // dd-Mon-yyyy or dd-Mon-yy
        ++pos;
        std::size_t name_start = pos;
        while (pos < s.size() && std::isalpha(static_cast<unsigned char>(s[pos]))) ++pos;
        auto m = month_from_name(s.substr(name_start, pos - name_start));
        if (!m || pos >= s.size() || s[pos] != sep) return std::nullopt;
        ++pos;
        auto y = read_year_at_end(s, pos);
        if (!y) return std::nullopt;
        return make_date(*y, *m, static_cast<unsigned>(*first));
    }
    return std::nullopt;
}

int age_on(Date born, Date on) {
    int age = on.year() - born.year();
    if (on.month() < born.month() || (on.month() == born.month() && on.day() < born.day())) --age;
    return age;
}

FinancialYear FinancialYear::containing(Date date) {
    return FinancialYear(date.month() >= 4 ? date.year() : date.year() - 1);
}

std::optional<FinancialYear> FinancialYear::parse(std::string_view text) {
    if (text.size() != 7 || (text[4] != '/' && text[4] != '-')) return std::nullopt;
    int start = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        if (!std::isdigit(static_cast<unsigned char>(text[i]))) return std::nullopt;
        start = start * 10 + (text[i] - '0');
    }
    if (!std::isdigit(static_cast<unsigned char>(text[5])) || !std::isdigit(static_cast<unsigned char>(text[6])))
        return std::nullopt;
    const int end_yy = (text[5] - '0') * 10 + (text[6] - '0');
    if ((start + 1) % 100 != end_yy) return std::nullopt;
    return FinancialYear(start);
}

std::string FinancialYear::label() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d/%02d", start_year_, (start_year_ + 1) % 100);
    return buf;
}

unsigned FinancialYear::period_of(Date date) { return date.month() >= 4 ? date.month() - 3 : date.month() + 9; }

int32_t FinancialYear::days_from(Date effective) const {
    if (effective > last_day()) return 0;
    if (effective < first_day()) return days();
    return effective.days_until(last_day()) + 1;
}

FinancialYear::MonthsRemaining FinancialYear::months_from(Date effective) const {
    if (effective > last_day()) return {0, 1};
    if (effective <= first_day()) return {12, 1};
    const unsigned period = period_of(effective);
    const int64_t whole_after = 12 - period; // months after the effective month
    const auto month_days = static_cast<int64_t>(
        static_cast<unsigned>(year_month_day_last(year(effective.year()), month_day_last(month(effective.month()))).day()));
    const int64_t days_left_in_month = month_days - effective.day() + 1;
    return {whole_after * month_days + days_left_in_month, month_days};
}

Date Date::today() { return Date(std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())); }

} // namespace ascent
