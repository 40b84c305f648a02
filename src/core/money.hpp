// Money: an exact amount in integer pence.
//
// Councils check every figure, so money is never a binary float. Amounts are int64 pence;
// multiplying by a quantity (hours, weeks per year, a percentage) goes through an exact rational
// (`Ratio`) and 128-bit intermediates, and rounds exactly once with an explicit RoundingMode.
// Display helpers format the way councils print figures: to the penny, whole pounds, £000 and £m.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ascent {

// 128-bit intermediates for exact products (a GCC/Clang extension; __extension__ keeps -Wpedantic quiet).
__extension__ typedef __int128 Int128;

enum class RoundingMode { half_up, half_even, truncate };

std::string_view to_string(RoundingMode mode);

// An exact non-negative-denominator fraction, e.g. 365/7 weeks a year or 10.50 hours (1050/100).
struct Ratio {
    int64_t num = 0;
    int64_t den = 1;
    auto operator<=>(const Ratio &) const = default;
};

// Divide exactly and round once. Used by every Money computation.
int64_t divide_rounded(Int128 numerator, Int128 denominator, RoundingMode mode);

class Money {
public:
    constexpr Money() = default;
    static constexpr Money from_pence(int64_t pence) { return Money(pence); }
    static constexpr Money from_pounds(int64_t pounds) { return Money(pounds * 100); }

    constexpr int64_t pence() const { return pence_; }

    constexpr Money operator+(Money other) const { return Money(pence_ + other.pence_); }
    constexpr Money operator-(Money other) const { return Money(pence_ - other.pence_); }
    constexpr Money operator-() const { return Money(-pence_); }
    constexpr Money &operator+=(Money other) { pence_ += other.pence_; return *this; }
    constexpr Money &operator-=(Money other) { pence_ -= other.pence_; return *this; }
    constexpr auto operator<=>(const Money &) const = default;

    // this × ratio, rounded once.
    Money times(Ratio ratio, RoundingMode mode = RoundingMode::half_up) const;
    Money times(int64_t factor) const { return Money(pence_ * factor); }
    // Round to a multiple of `unit_pence` (e.g. 100 for whole pounds, 100'000 for £1K).
    Money rounded_to(int64_t unit_pence, RoundingMode mode = RoundingMode::half_up) const;

private:
    constexpr explicit Money(int64_t pence) : pence_(pence) {}
    int64_t pence_ = 0;
};

// Parse a decimal amount in pounds ("1234.5", "£1,234.56", "-3", "(12.00)") to pence exactly.
// Returns nothing if the text is not a number or has more than two decimal places.
std::optional<Money> parse_money(std::string_view text);

// Parse a non-negative-or-negative decimal with up to `max_decimals` places into an exact Ratio
// over 10^max_decimals (e.g. "10.5" with 2 → 1050/100).
std::optional<Ratio> parse_decimal(std::string_view text, int max_decimals);

// Display rules. Each rounds for display only; the stored value never changes.
std::string format_pence(Money m);                     // £1,234.56   (-£1,234.56)
std::string format_pounds(Money m, RoundingMode mode = RoundingMode::half_up);     // £1,235
std::string format_thousands(Money m, int decimals = 0,
                             RoundingMode mode = RoundingMode::half_up);           // £1,235K / £1,234.6K
std::string format_millions(Money m, int decimals = 1,
                            RoundingMode mode = RoundingMode::half_up);            // £1.2m / £1.235m
// A plain number with thousands separators ("1,234,567").
std::string group_thousands(int64_t value);
// "1 error", "2 errors": a count with the noun in the right number.
std::string count_of(uint64_t n, std::string_view singular, std::string_view plural);

} // namespace ascent
