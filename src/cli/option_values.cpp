#include "cli/option_values.hpp"

#include <iostream>

#include "app/council.hpp"
#include "core/error.hpp"
#include "core/money.hpp"

namespace ascent::cli {

WeeksPerYear parse_weeks(const std::string &text) {
    if (auto w = WeeksPerYear::parse(text)) return *w;
    throw input_error("--weeks must be 52, 52.14, 52.143 or 365/7, not '" + text + "'");
}

WeeksPerYear weeks_of(app::Council &council, const std::string &text) {
    if (text.empty()) return council.weeks_per_year();
    const auto weeks = parse_weeks(text);
    std::cerr << "ascent: --weeks " << weeks.name << " for this run, not the council's setting (" << council.weeks_per_year().name << ")\n";
    return weeks;
}

std::optional<int64_t> parse_percent(std::string_view text) {
    if (!text.ends_with('%')) return std::nullopt;
    const auto r = parse_decimal(text.substr(0, text.size() - 1), 4);
    if (!r) return std::nullopt;
    return r->num * (10'000 / r->den);
}

std::optional<Date> optional_date(const std::string &text, std::string_view option) {
    if (text.empty()) return std::nullopt;
    if (auto date = parse_date(text)) return date;
    throw input_error(std::string(option) + " must be a date such as 31/03/2026, not '" + text + "'");
}

int64_t pence_of(const std::string &text, const char *option) {
    const auto m = parse_money(text);
    if (!m || m->pence() <= 0) throw input_error(std::string(option) + " must be an amount in pounds such as 1,100.00");
    return m->pence();
}

} // namespace ascent::cli
