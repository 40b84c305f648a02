#include "io/import_report.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/money.hpp"

namespace ascent::io {

void ImportReport::add(Severity severity, std::string code, uint64_t row, std::string column, std::string_view value,
                       std::string message) {
    (severity == Severity::error ? errors_ : warnings_)++;
    counts_[code]++;
    if (issues_.size() >= k_detail_limit) return;
    std::string shown(value.substr(0, 80));
    if (value.size() > 80) shown += "…";
    issues_.push_back({severity, std::move(code), row, std::move(column), std::move(shown), std::move(message)});
}

void ImportReport::absorb(const ImportReport &part) {
    errors_ += part.errors_;
    warnings_ += part.warnings_;
    for (const auto &[code, count] : part.counts_) counts_[code] += count;
    for (const auto &issue : part.issues_) {
        if (issues_.size() >= k_detail_limit) break;
        issues_.push_back(issue);
    }
    rows_read += part.rows_read;
    rows_rejected += part.rows_rejected;
}

void ImportReport::sort_by_row() {
    std::stable_sort(issues_.begin(), issues_.end(), [](const Issue &a, const Issue &b) { return a.row < b.row; });
}

std::string ImportReport::format_issue(const Issue &issue) const {
    std::string out = fmt::format("{}:{}: {} [{}]", file_, issue.row,
                                  issue.severity == Severity::error ? "error" : "warning", issue.code);
    if (!issue.column.empty()) out += fmt::format(" column '{}'", issue.column);
    if (!issue.value.empty()) out += fmt::format(" value '{}'", issue.value);
    return out + ": " + issue.message;
}

const Issue *ImportReport::first_error() const {
    for (const auto &issue : issues_)
        if (issue.severity == Severity::error) return &issue;
    return nullptr;
}

std::string ImportReport::to_text(std::size_t max_issues) const {
    std::string out;
    std::size_t listed = 0;
    for (const auto &issue : issues_) {
        if (listed++ >= max_issues) break;
        out += format_issue(issue) + "\n";
    }
    const auto total = errors_ + warnings_;
    if (total > listed) out += fmt::format("… and {} more issues not listed\n", total - listed);
    out += fmt::format("{}: {} read, {} rejected; {}, {}\n", file_, count_of(rows_read, "data row", "data rows"),
                       rows_rejected, count_of(errors_, "error", "errors"), count_of(warnings_, "warning", "warnings"));
    if (!counts_.empty()) {
        out += "  by kind:";
        for (const auto &[code, count] : counts_) out += fmt::format(" {} {};", code, count);
        out.back() = '\n';
    }
    return out;
}

} // namespace ascent::io
