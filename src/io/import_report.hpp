// What an import or validation found: every problem with file, row, column, value and what was
// expected, plus counts. Bad data is reported here as values, never thrown.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ascent::io {

enum class Severity { warning, error };

struct Issue {
    Severity severity;
    std::string code;      // stable identifier, e.g. "bad-date", "unknown-code"
    uint64_t row = 0;      // spreadsheet row (header = 1); 0 for file-level issues
    std::string column;    // column header as written in the file
    std::string value;     // the offending value (truncated to 80 characters)
    std::string message;   // what was expected
};

class ImportReport {
public:
    explicit ImportReport(std::string file) : file_(std::move(file)) {}

    void add(Severity severity, std::string code, uint64_t row, std::string column, std::string_view value,
             std::string message);
    void error(std::string code, uint64_t row, std::string column, std::string_view value, std::string message) {
        add(Severity::error, std::move(code), row, std::move(column), value, std::move(message));
    }
    void warning(std::string code, uint64_t row, std::string column, std::string_view value, std::string message) {
        add(Severity::warning, std::move(code), row, std::move(column), value, std::move(message));
    }

    const std::string &file() const { return file_; }
    const std::vector<Issue> &issues() const { return issues_; }
    uint64_t errors() const { return errors_; }
    uint64_t warnings() const { return warnings_; }
    // Issues beyond the detail limit are counted but not kept.
    uint64_t issues_not_listed() const { return errors_ + warnings_ - issues_.size(); }
    const std::map<std::string, uint64_t> &counts_by_code() const { return counts_; }

    uint64_t rows_read = 0;     // data rows (excluding the header)
    uint64_t rows_rejected = 0; // rows with at least one error
    std::string format;         // what the reader found ("CSV, UTF-8, delimiter ','")
    std::string release;        // CLD release detected: "R1", "R2", "R1 and R2 mixed", "unknown"
    std::vector<std::string> notes; // plain statements: columns matched, rows per event type…

    // Adds another part's issues and counts (a file read in parts).
    void absorb(const ImportReport &part);
    // Orders issues by row, keeping the order within a row.
    void sort_by_row();

    // One issue as a line: "file:row: error [code] column 'X' value 'v': message".
    std::string format_issue(const Issue &issue) const;
    // The first error, if any (for a one-line answer).
    const Issue *first_error() const;
    // The report as text: one line per issue ("file:row: column 'X': value 'v': message"),
    // then a summary.
    std::string to_text(std::size_t max_issues = 200) const;

    static constexpr std::size_t k_detail_limit = 10'000;

private:
    std::string file_;
    std::vector<Issue> issues_;
    std::map<std::string, uint64_t> counts_;
    uint64_t errors_ = 0;
    uint64_t warnings_ = 0;
};

} // namespace ascent::io
