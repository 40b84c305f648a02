#include "core/money.hpp"

#include <cctype>
#include <cstdlib>

namespace ascent {

std::string_view to_string(RoundingMode mode) {
    switch (mode) {
    case RoundingMode::half_up: return "half-up";
    case RoundingMode::half_even: return "half-even";
    case RoundingMode::truncate: return "truncate";
    }
    return "?";
}

int64_t divide_rounded(Int128 numerator, Int128 denominator, RoundingMode mode) {
    if (denominator < 0) {
        numerator = -numerator;
        denominator = -denominator;
    }
    const bool negative = numerator < 0;
    const Int128 magnitude = negative ? -numerator : numerator;
    Int128 quotient = magnitude / denominator;
    const Int128 remainder = magnitude % denominator;
    switch (mode) {
    case RoundingMode::truncate: break;
    case RoundingMode::half_up: // half away from zero, as councils and Excel's ROUND do
        if (remainder * 2 >= denominator) ++quotient;
        break;
    case RoundingMode::half_even:
        if (remainder * 2 > denominator || (remainder * 2 == denominator && quotient % 2 == 1)) ++quotient;
        break;
    }
    return static_cast<int64_t>(negative ? -quotient : quotient);
}

Money Money::times(Ratio ratio, RoundingMode mode) const {
    return Money(divide_rounded(static_cast<Int128>(pence_) * ratio.num, ratio.den, mode));
}

Money Money::rounded_to(int64_t unit_pence, RoundingMode mode) const {
    return Money(divide_rounded(pence_, unit_pence, mode) * unit_pence);
}

std::optional<Ratio> parse_decimal(std::string_view text, int max_decimals) {
    // Trim spaces; accept a leading sign or accounting brackets, a £ sign and thousands commas.
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
    bool negative = false;
    if (text.size() >= 2 && text.front() == '(' && text.back() == ')') {
        negative = true;
        text = text.substr(1, text.size() - 2);
    }
    if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
        negative = negative != (text.front() == '-');
        text.remove_prefix(1);
    }
    if (text.starts_with("\xC2\xA3")) text.remove_prefix(2); // £ in UTF-8
    if (text.empty()) return std::nullopt;

    int64_t whole = 0;
    int64_t fraction = 0;
    int decimals = 0;
    bool seen_point = false;
    bool seen_digit = false;
    constexpr int64_t k_limit = 922'337'203'685'477LL; // keeps whole*10^4 within int64
    for (char c : text) {
        if (c >= '0' && c <= '9') {
            seen_digit = true;
            if (seen_point) {
                if (++decimals > max_decimals) return std::nullopt;
                fraction = fraction * 10 + (c - '0');
            } else {
                whole = whole * 10 + (c - '0');
                if (whole > k_limit) return std::nullopt;
            }
        } else if (c == '.' && !seen_point) {
            seen_point = true;
        } else if (c == ',' && !seen_point && seen_digit) {
            continue;
        } else {
            return std::nullopt;
        }
    }
    if (!seen_digit) return std::nullopt;
    int64_t scale = 1;
    for (int i = 0; i < max_decimals; ++i) scale *= 10;
    for (int i = decimals; i < max_decimals; ++i) fraction *= 10;
    const int64_t value = whole * scale + fraction;
    return Ratio{negative ? -value : value, scale};
}

std::optional<Money> parse_money(std::string_view text) {
    auto ratio = parse_decimal(text, 2);
    if (!ratio) return std::nullopt;
    return Money::from_pence(ratio->num);
}

std::string group_thousands(int64_t value) {
    const bool negative = value < 0;
    const uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
    const std::string digits = std::to_string(magnitude);
    std::string out;
    const auto n = digits.size();
    for (std::size_t i = 0; i < n; ++i) {
        out.push_back(digits[i]);
        const auto left = n - 1 - i;
        if (left > 0 && left % 3 == 0) out.push_back(',');
    }
    return negative ? "-" + out : out;
}

std::string count_of(uint64_t n, std::string_view singular, std::string_view plural) {
    return group_thousands(static_cast<int64_t>(n)) + " " + std::string(n == 1 ? singular : plural);
}

namespace {

// Format pence/unit with `decimals` places after rounding once; unit is pence per displayed unit.
std::string format_scaled(Money m, int64_t unit_pence, int decimals, RoundingMode mode, std::string_view suffix) {
    int64_t scale = 1;
    for (int i = 0; i < decimals; ++i) scale *= 10;
    const int64_t scaled = divide_rounded(static_cast<Int128>(m.pence()) * scale, unit_pence, mode);
    const bool negative = scaled < 0;
    const int64_t magnitude = negative ? -scaled : scaled;
    std::string text = "\xC2\xA3" + group_thousands(magnitude / scale);
    if (decimals > 0) {
        std::string frac = std::to_string(magnitude % scale);
        text += "." + std::string(static_cast<std::size_t>(decimals) - frac.size(), '0') + frac;
    }
    text += suffix;
    return negative ? "-" + text : text;
}

} // namespace

std::string format_pence(Money m) { return format_scaled(m, 100, 2, RoundingMode::truncate, ""); }
std::string format_pounds(Money m, RoundingMode mode) { return format_scaled(m, 100, 0, mode, ""); }
std::string format_thousands(Money m, int decimals, RoundingMode mode) {
    return format_scaled(m, 100'000, decimals, mode, "K");
}
std::string format_millions(Money m, int decimals, RoundingMode mode) {
    return format_scaled(m, 100'000'000, decimals, mode, "m");
}

} // namespace ascent
