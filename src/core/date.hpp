// Calendar dates (no times, no time zones) and financial years.
//
// A Date wraps std::chrono::sys_days. Parsing accepts an explicit list of formats, never the
// locale: ISO yyyy-mm-dd, UK dd/mm/yyyy (and d/m/yy), dd-Mon-yyyy / dd-Mon-yy, and Excel serial
// numbers (1900 system, with Excel's phantom 29 Feb 1900 accounted for).
// A FinancialYear runs 1 April to 31 March and is written "2025/26".
#pragma once

#include <chrono>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ascent {

class Date {
public:
    constexpr Date() = default;
    constexpr explicit Date(std::chrono::sys_days days) : days_(days) {}
    static Date ymd(int year, unsigned month, unsigned day);
    static Date from_serial(int32_t days_since_epoch) {
        return Date(std::chrono::sys_days(std::chrono::days(days_since_epoch)));
    }

    std::chrono::year_month_day ymd() const { return std::chrono::year_month_day(days_); }
    int year() const { return static_cast<int>(ymd().year()); }
    unsigned month() const { return static_cast<unsigned>(ymd().month()); }
    unsigned day() const { return static_cast<unsigned>(ymd().day()); }
    // Days since 1970-01-01; what the store keeps.
    int32_t serial() const { return static_cast<int32_t>(days_.time_since_epoch().count()); }
    std::chrono::sys_days sys_days() const { return days_; }

    Date plus_days(int32_t n) const { return Date(days_ + std::chrono::days(n)); }
    int32_t days_until(Date later) const { return later.serial() - serial(); }
    // Today by the system clock (UTC).
    static Date today();
    std::string iso() const; // 2025-04-01
    std::string uk() const;  // 01/04/2025

    auto operator<=>(const Date &) const = default;

private:
    std::chrono::sys_days days_{};
};

// Parse one of the accepted formats. Returns nothing for any other text or an impossible date.
std::optional<Date> parse_date(std::string_view text);

// Whole years of age on `on` for someone born on `born`.
int age_on(Date born, Date on);

class FinancialYear {
public:
    constexpr explicit FinancialYear(int start_year) : start_year_(start_year) {}
    static FinancialYear containing(Date date);
    // "2025/26" or "2025-26"; nothing for any other text.
    static std::optional<FinancialYear> parse(std::string_view text);

    int start_year() const { return start_year_; }
    Date first_day() const { return Date::ymd(start_year_, 4, 1); }
    Date last_day() const { return Date::ymd(start_year_ + 1, 3, 31); }
    int32_t days() const { return first_day().days_until(last_day()) + 1; }
    bool contains(Date date) const { return date >= first_day() && date <= last_day(); }
    std::string label() const; // 2025/26
    FinancialYear next() const { return FinancialYear(start_year_ + 1); }
    // Period number of a date within the year: April = 1 … March = 12.
    static unsigned period_of(Date date);

    // Part-year helpers for a change effective on `effective` (inclusive), up to 31 March.
    // Days in this year from the effective date (0 if after the year, all days if before it).
    int32_t days_from(Date effective) const;
    // Calendar months remaining, counting the effective month only if it starts on the 1st and
    // the part-month as a fraction of its days otherwise: returned as an exact Ratio.
    struct MonthsRemaining { int64_t num; int64_t den; };
    MonthsRemaining months_from(Date effective) const;

    auto operator<=>(const FinancialYear &) const = default;

private:
    int start_year_;
};

} // namespace ascent
