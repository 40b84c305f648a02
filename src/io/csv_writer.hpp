// A buffered CSV file writer (RFC 4180): fields are quoted only when they need it; rows end CRLF.
// Call close() to learn whether everything reached the disk; the destructor cannot report it.
#pragma once

#include <cstdio>
#include <initializer_list>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace ascent::io {

// Whether a spreadsheet would read `text` as a formula: it starts with = + - @, a tab or a carriage
// return (OWASP's rule against CSV and formula injection; a person id "=HYPERLINK(…)" was written
// out as given). A signed plain number such as -40.00 or +3 is a number, not a formula.
inline bool looks_like_formula(std::string_view text) {
    if (text.empty()) return false;
    const char c = text.front();
    if (c != '=' && c != '+' && c != '-' && c != '@' && c != '\t' && c != '\r') return false;
    if (c != '-' && c != '+') return true;
    const auto rest = text.substr(1);
    return rest.empty() || rest.find_first_not_of("0123456789.,") != std::string_view::npos ||
           rest.find_first_of("0123456789") == std::string_view::npos;
}
// The text to put in an exported cell: with a leading apostrophe if it looks like a formula.
inline std::string safe_cell(std::string_view text) {
    return looks_like_formula(text) ? "'" + std::string(text) : std::string(text);
}

// Appends one field, quoted only if it holds a comma, quote or line break; a field that looks
// like a formula gets a leading apostrophe.
inline void append_csv_field(std::string &out, std::string_view text) {
    const bool formula = looks_like_formula(text);
    if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
        if (formula) out.push_back('\'');
        out.append(text);
        return;
    }
    out.push_back('"');
    if (formula) out.push_back('\'');
    for (char c : text) {
        if (c == '"') out.push_back('"');
        out.push_back(c);
    }
    out.push_back('"');
}

// One CSV row, ending CRLF, for output built in memory.
inline std::string csv_line(std::initializer_list<std::string_view> fields) {
    std::string out;
    bool first = true;
    for (auto f : fields) {
        if (!first) out.push_back(',');
        first = false;
        append_csv_field(out, f);
    }
    return out + "\r\n";
}

class CsvWriter {
public:
    explicit CsvWriter(const std::string &path) : path_(path), file_(std::fopen(path.c_str(), "wb")) {
        if (file_ == nullptr) throw input_error(path + ": cannot write");
        buffer_.reserve(1 << 20);
    }
    CsvWriter(const CsvWriter &) = delete;
    CsvWriter &operator=(const CsvWriter &) = delete;
    ~CsvWriter() {
        if (file_ == nullptr) return;
        std::fwrite(buffer_.data(), 1, buffer_.size(), file_);
        std::fclose(file_);
    }
    CsvWriter &field(std::string_view text) {
        if (!first_) buffer_.push_back(',');
        first_ = false;
        append_csv_field(buffer_, text);
        return *this;
    }
    CsvWriter &fields(std::initializer_list<std::string_view> texts) {
        for (auto t : texts) field(t);
        return *this;
    }
    void end_row() {
        buffer_.append("\r\n");
        first_ = true;
        if (buffer_.size() > (1 << 20) - 4096) flush();
    }
    // Writes what is buffered and closes the file; throws if the disk refused any of it.
    void close() {
        flush();
        const bool failed = std::fclose(file_) != 0;
        file_ = nullptr;
        if (failed) throw input_error(path_ + ": write failed (disk full?)");
    }

private:
    void flush() {
        if (!buffer_.empty() && std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size())
            throw input_error(path_ + ": write failed (disk full?)");
        buffer_.clear();
    }
    std::string path_;
    std::FILE *file_;
    std::string buffer_;
    bool first_ = true;
};

} // namespace ascent::io
