// A buffered CSV file writer (RFC 4180): fields are quoted only when they need it; rows end CRLF.
// Call close() to learn whether everything reached the disk; the destructor cannot report it.
#pragma once

#include <cstdio>
#include <initializer_list>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace ascent::io {

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
        if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
            buffer_.append(text);
        } else {
            buffer_.push_back('"');
            for (char c : text) {
                if (c == '"') buffer_.push_back('"');
                buffer_.push_back(c);
            }
            buffer_.push_back('"');
        }
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
