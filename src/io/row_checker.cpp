#include "io/row_checker.hpp"

#include <cctype>

namespace ascent::io {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

} // namespace

bool RowChecker::blank(std::string_view raw) {
    raw = trim(raw);
    return raw.empty() || raw == "NULL" || raw == "null";
}

bool RowChecker::require(const std::string &column, std::string_view raw) {
    if (!blank(raw)) return true;
    error("missing-value", column, raw, "a value is required");
    return false;
}

std::optional<Date> RowChecker::date(const std::string &column, std::string_view raw) {
    if (blank(raw)) return std::nullopt;
    if (auto d = parse_date(raw)) return d;
    error("bad-date", column, raw, "expected a date such as 31/03/2025 or 2025-03-31");
    return std::nullopt;
}

std::optional<Money> RowChecker::money(const std::string &column, std::string_view raw, bool allow_negative) {
    if (blank(raw)) return std::nullopt;
    auto m = parse_money(raw);
    if (!m) {
        error("bad-number", column, raw, "expected an amount in pounds with at most 2 decimal places, e.g. 1234.56");
        return std::nullopt;
    }
    if (!allow_negative && *m < Money{}) {
        error("negative-amount", column, raw, "expected an amount of zero or more");
        return std::nullopt;
    }
    return m;
}

std::optional<int32_t> RowChecker::hundredths(const std::string &column, std::string_view raw) {
    if (blank(raw)) return std::nullopt;
    auto r = parse_decimal(raw, 2);
    if (!r || r->num > 100'000'000 || r->num < -100'000'000) {
        error("bad-number", column, raw, "expected a number with at most 2 decimal places, e.g. 10.5");
        return std::nullopt;
    }
    // Units and quantities are counts: -300 planned units was stored, and costed as +300.
    if (r->num < 0) {
        error("bad-number", column, raw, "a quantity cannot be negative; expected 0 or more, e.g. 10.5");
        return std::nullopt;
    }
    return static_cast<int32_t>(r->num);
}

std::optional<uint16_t> RowChecker::percent(const std::string &column, std::string_view raw) {
    if (blank(raw)) return std::nullopt;
    std::string_view text = trim(raw);
    if (!text.empty() && text.back() == '%') text.remove_suffix(1);
    auto r = parse_decimal(text, 2);
    if (!r || r->num < 0 || r->num > 10'000) {
        error("bad-percent", column, raw, "expected a percentage from 0 to 100, e.g. 50 or 50%");
        return std::nullopt;
    }
    return static_cast<uint16_t>(r->num);
}

std::optional<bool> RowChecker::flag(const std::string &column, std::string_view raw) {
    if (blank(raw)) return std::nullopt;
    const auto key = normalise_key(raw);
    if (key == "yes" || key == "y" || key == "true" || key == "1") return true;
    if (key == "no" || key == "n" || key == "false" || key == "0") return false;
    error("bad-flag", column, raw, "expected Yes or No");
    return std::nullopt;
}

std::optional<int32_t> RowChecker::whole_number(const std::string &column, std::string_view raw) {
    if (blank(raw)) return std::nullopt;
    auto r = parse_decimal(raw, 0);
    if (!r || r->num < 0 || r->num > 1'000'000) {
        error("bad-number", column, raw, "expected a whole number from 0 to 1,000,000");
        return std::nullopt;
    }
    return static_cast<int32_t>(r->num);
}

Code RowChecker::code(CodeCache &cache, const std::string &column, std::string_view raw, Release *release) {
    if (blank(raw)) return 0;
    if (auto match = cache.match(raw)) {
        if (release != nullptr) *release = match->release;
        return match->code;
    }
    error("unknown-code", column, raw, "not a " + std::string(code_field_name(cache.field())) +
                                           " value; expected one of: " + expected_values(cache.field()));
    return 0;
}

} // namespace ascent::io
