// Field parsing for one row of an import, reporting each problem with row, column and value.
// Shared by the CLD and extract importers so both say the same thing about the same mistake.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/date.hpp"
#include "core/ledger.hpp"
#include "core/money.hpp"
#include "io/code_cache.hpp"
#include "io/import_report.hpp"

namespace ascent::io {

class RowChecker {
public:
    RowChecker(ImportReport &report, uint64_t row) : report_(report), row_(row) {}

    bool rejected() const { return rejected_; }
    uint64_t row() const { return row_; }

    void error(std::string code, const std::string &column, std::string_view value, std::string message) {
        rejected_ = true;
        report_.error(std::move(code), row_, column, value, std::move(message));
    }
    void warning(std::string code, const std::string &column, std::string_view value, std::string message) {
        report_.warning(std::move(code), row_, column, value, std::move(message));
    }

    // Blank (or the literal NULL that national extracts contain) is "not recorded".
    static bool blank(std::string_view raw);

    bool require(const std::string &column, std::string_view raw);
    std::optional<Date> date(const std::string &column, std::string_view raw);
    std::optional<Money> money(const std::string &column, std::string_view raw, bool allow_negative = false);
    // A decimal quantity with up to two places, in hundredths.
    std::optional<int32_t> hundredths(const std::string &column, std::string_view raw);
    // A percentage ("25", "25%", "0.25" is read as 0.25%) in basis points, 0–100%.
    std::optional<uint16_t> percent(const std::string &column, std::string_view raw);
    std::optional<bool> flag(const std::string &column, std::string_view raw);
    std::optional<int32_t> whole_number(const std::string &column, std::string_view raw);
    // 0 for blank; rejects unknown values naming the expected list.
    Code code(CodeCache &cache, const std::string &column, std::string_view raw, Release *release = nullptr);
    // A named value parsed by `parse` (ledger.hpp's parse_* functions); `expected` lists the names.
    template <typename Enum, typename Parse>
    Enum named(const std::string &column, std::string_view raw, Parse parse, std::string_view expected) {
        if (blank(raw)) return Enum{};
        if (auto v = parse(raw)) return *v;
        error("unknown-value", column, raw, "expected one of: " + std::string(expected));
        return Enum{};
    }

private:
    ImportReport &report_;
    uint64_t row_;
    bool rejected_ = false;
};

} // namespace ascent::io
