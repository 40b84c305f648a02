#include "io/csv_reader.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <thread>

#include "core/error.hpp"

namespace ascent::io {

namespace {

// Read-only mapping of a whole file; an empty file maps to an empty view.
class MappedFile {
public:
    explicit MappedFile(const std::string &path) {
        fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd_ < 0) throw input_error(path + ": cannot open: " + std::strerror(errno));
        struct stat st {};
        if (::fstat(fd_, &st) != 0 || !S_ISREG(st.st_mode)) {
            ::close(fd_);
            throw input_error(path + ": not a regular file");
        }
        size_ = static_cast<std::size_t>(st.st_size);
        if (size_ > 0) {
            void *mapped = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd_, 0);
            if (mapped == MAP_FAILED) {
                ::close(fd_);
                throw input_error(path + ": cannot read: " + std::strerror(errno));
            }
            ::madvise(mapped, size_, MADV_SEQUENTIAL);
            data_ = static_cast<const char *>(mapped);
        }
    }
    MappedFile(const MappedFile &) = delete;
    MappedFile &operator=(const MappedFile &) = delete;
    ~MappedFile() {
        if (data_ != nullptr) ::munmap(const_cast<char *>(data_), size_);
        ::close(fd_);
    }
    std::string_view view() const { return {data_, size_}; }

private:
    int fd_ = -1;
    const char *data_ = nullptr;
    std::size_t size_ = 0;
};

// Code points for 0x80–0x9F in Windows-1252 (0 where the byte is undefined).
constexpr std::array<uint16_t, 32> k_cp1252_high = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

void append_utf8(std::string &out, uint32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

char sniff_delimiter(std::string_view text) {
    constexpr std::array<char, 4> k_candidates = {',', ';', '\t', '|'};
    std::array<std::size_t, 4> counts{};
    bool quoted = false;
    for (char c : text) {
        if (c == '"') quoted = !quoted;
        if (quoted) continue;
        if (c == '\n') break;
        for (std::size_t i = 0; i < k_candidates.size(); ++i)
            if (c == k_candidates[i]) ++counts[i];
    }
    std::size_t best = 0;
    for (std::size_t i = 1; i < counts.size(); ++i)
        if (counts[i] > counts[best]) best = i;
    return k_candidates[best];
}

// Eight bytes at a time. x86-64's baseline has no popcount instruction, and GCC's library call
// per word took a fifth of the samples while a 3 GB file was split, so flagged bytes are summed
// by a multiply instead.
constexpr uint64_t k_ones = 0x0101010101010101ULL, k_low7 = 0x7F7F7F7F7F7F7F7FULL, k_high = ~k_low7;

uint64_t word_at(const char *p) {
    uint64_t word;
    std::memcpy(&word, p, 8);
    return word;
}
// The top bit of each byte of `word` that equals the byte repeated in `pattern` (k_ones * byte).
uint64_t flag_equal(uint64_t word, uint64_t pattern) {
    const uint64_t x = word ^ pattern;
    return ~(((x & k_low7) + k_low7) | x | k_low7);
}
uint64_t count_flags(uint64_t flags) { return ((flags >> 7) * k_ones) >> 56; }

uint64_t count_lines_in(std::string_view text) {
    uint64_t lines = 0;
    std::size_t i = 0;
    for (; i + 8 <= text.size(); i += 8) lines += count_flags(flag_equal(word_at(text.data() + i), k_ones * '\n'));
    for (; i < text.size(); ++i) lines += text[i] == '\n' ? 1 : 0;
    return lines;
}

// The end (one past its '\n') of the first record that ends at or after `target`, reading from
// `from`, a record's start, exactly as CsvReader::next reads: a '"' opens a quoted field only at
// a field's start (after the delimiter or a line end); elsewhere, as in `St Anne"s`, it is a
// character. Only quotes and line ends are visited (memchr), so this is fast; counting quote
// parity instead is wrong for such files.
std::size_t record_end_after(std::string_view text, std::size_t from, std::size_t target, char delimiter) {
    const std::size_t n = text.size();
    const auto find = [&](char c, std::size_t at) {
        const void *hit = at < n ? std::memchr(text.data() + at, c, n - at) : nullptr;
        return hit != nullptr ? static_cast<std::size_t>(static_cast<const char *>(hit) - text.data()) : n;
    };
    std::size_t p = from;
    std::size_t next_line = find('\n', target);
    while (p < n) {
        const std::size_t quote = find('"', p);
        if (next_line < quote) return next_line + 1;
        if (quote == n) return n;
        const bool field_start = quote == from || text[quote - 1] == delimiter || text[quote - 1] == '\n';
        p = quote + 1;
        if (!field_start) continue; // a character of an unquoted field (or of a quoted field's tail)
        // Inside a quoted field: up to a '"' not followed by another.
        while (true) {
            const std::size_t close = find('"', p);
            if (close == n) return n; // ends inside a quoted field: the reader reports it
            p = close + 1;
            if (p < n && text[p] == '"') {
                ++p;
                continue;
            }
            break;
        }
        if (next_line < p) next_line = find('\n', std::max(p, target));
    }
    return n;
}

// scan_text for one piece: stops at the first NUL; after the first byte that is not UTF-8, only
// looks for a NUL.
TextScan scan_piece(std::string_view bytes) {
    TextScan scan;
    const auto *start = reinterpret_cast<const unsigned char *>(bytes.data());
    const auto *p = start, *end = start + bytes.size();
    const auto not_utf8 = [&] {
        scan.utf8 = false;
        const auto *nul = std::memchr(p, 0, static_cast<std::size_t>(end - p));
        if (nul != nullptr) scan.nul = static_cast<std::size_t>(static_cast<const unsigned char *>(nul) - start);
        return scan;
    };
    while (p < end) {
        // Skip ASCII without NULs eight bytes at a time.
        while (end - p >= 8) {
            const uint64_t word = word_at(reinterpret_cast<const char *>(p));
            if ((word & k_high) != 0 || flag_equal(word, 0) != 0) break;
            p += 8;
        }
        if (p >= end) break;
        const unsigned char c = *p;
        if (c == 0) {
            scan.nul = static_cast<std::size_t>(p - start);
            return scan;
        }
        if (c < 0x80) {
            ++p;
            continue;
        }
        std::size_t extra = 0;
        if (c >= 0xC2 && c <= 0xDF) extra = 1;
        else if (c >= 0xE0 && c <= 0xEF) extra = 2;
        else if (c >= 0xF0 && c <= 0xF4) extra = 3;
        else return not_utf8();
        if (static_cast<std::size_t>(end - p) <= extra) return not_utf8();
        for (std::size_t i = 1; i <= extra; ++i)
            if ((p[i] & 0xC0) != 0x80) return not_utf8();
        p += extra + 1;
    }
    return scan;
}

// The file's bytes as UTF-8, shared by the readers of its parts.
struct Source {
    explicit Source(const std::string &path) : file(path) {}
    MappedFile file;
    std::string converted; // Windows-1252 files, converted
};

class CsvReader final : public TableReader {
public:
    CsvReader(const std::string &path, const TableOptions &options)
        : path_(path), source_(std::make_shared<Source>(path)), max_field_(options.max_field_bytes),
          split_min_(options.split_min_bytes) {
        std::string_view bytes = source_->file.view();
        if (bytes.starts_with("\xEF\xBB\xBF")) {
            bytes.remove_prefix(3);
            encoding_ = "UTF-8 with byte-order mark";
        }
        if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF"))
            throw input_error(path + ": the file is UTF-16 encoded; expected UTF-8 or Windows-1252 text "
                                     "(in Excel, save as 'CSV UTF-8')");
        const TextScan scan = scan_text(bytes);
        if (scan.nul != std::string_view::npos)
            throw input_error(path + ": not a text file (a NUL byte at offset " + std::to_string(scan.nul) +
                              "); expected a CSV or XLSX file");
        if (!scan.utf8) {
            source_->converted = windows_1252_to_utf8(bytes);
            bytes = source_->converted;
            encoding_ = "Windows-1252 (converted to UTF-8)";
        }
        text_ = bytes;
        delimiter_ = sniff_delimiter(text_);
    }

    std::vector<std::unique_ptr<TableReader>> split(std::size_t parts) override {
        std::vector<std::unique_ptr<TableReader>> readers;
        const std::size_t begin = pos_, end = text_.size();
        if (parts < 2 || end - begin < split_min_) return readers;
        std::size_t from = begin;
        uint64_t row = next_row_;
        for (std::size_t k = 1; k <= parts && from < end; ++k) {
            std::size_t cut = end;
            uint64_t lines = 0; // up to the cut, for the next part's first row number
            if (k < parts) {
                cut = record_end_after(text_.substr(0, end), from, std::max(from, begin + (end - begin) * k / parts),
                                       delimiter_);
                lines = count_lines_in(text_.substr(from, cut - from));
            }
            readers.push_back(std::unique_ptr<TableReader>(new CsvReader(*this, from, cut, row)));
            row += lines;
            from = cut;
        }
        pos_ = end;
        return readers;
    }

    bool next(std::vector<std::string_view> &cells) override {
        cells.clear();
        scratch_.clear();
        scratch_offsets_.clear();
        if (pos_ >= text_.size()) return false;
        row_ = next_row_;
        const std::size_t n = text_.size();
        while (true) {
            // One field.
            if (pos_ < n && text_[pos_] == '"') {
                const uint64_t start_line = next_row_;
                ++pos_;
                const std::size_t begin = scratch_.size();
                while (true) {
                    const std::size_t quote = text_.find('"', pos_);
                    if (quote == std::string_view::npos)
                        throw input_error(path_ + ": row " + std::to_string(start_line) +
                                          ": the file ends inside a quoted field (is it truncated?)");
                    count_lines(pos_, quote);
                    scratch_.append(text_.substr(pos_, quote - pos_));
                    pos_ = quote + 1;
                    if (pos_ < n && text_[pos_] == '"') {
                        scratch_.push_back('"');
                        ++pos_;
                        continue;
                    }
                    break;
                }
                check_field_size(scratch_.size() - begin, cells.size());
                // Text after the closing quote up to the delimiter is kept, as spreadsheets do.
                const std::size_t stop = find_field_end(pos_);
                std::string_view tail = text_.substr(pos_, stop - pos_);
                if (!tail.empty() && tail.back() == '\r') tail.remove_suffix(1); // CRLF after a quoted field
                scratch_.append(tail);
                scratch_offsets_.emplace_back(cells.size(), begin, scratch_.size() - begin);
                cells.emplace_back();
                pos_ = stop;
            } else {
                const std::size_t stop = find_field_end(pos_);
                std::string_view field = text_.substr(pos_, stop - pos_);
                if (!field.empty() && field.back() == '\r' && (stop == n || text_[stop] == '\n'))
                    field.remove_suffix(1);
                check_field_size(field.size(), cells.size());
                cells.push_back(field);
                pos_ = stop;
            }
            if (pos_ >= n) break;
            if (text_[pos_] == delimiter_) {
                ++pos_;
                continue;
            }
            // End of record: '\n' (a '\r' before it was trimmed above or is skipped here).
            if (text_[pos_] == '\r') ++pos_;
            if (pos_ < n && text_[pos_] == '\n') ++pos_;
            ++next_row_;
            break;
        }
        for (const auto &[index, offset, length] : scratch_offsets_)
            cells[index] = std::string_view(scratch_).substr(offset, length);
        return true;
    }

    uint64_t row() const override { return row_; }
    uint64_t progress_done() const override { return pos_; }
    uint64_t progress_total() const override { return text_.size(); }
    std::string describe() const override {
        const std::string delimiter = delimiter_ == '\t' ? "tab" : std::string(1, delimiter_);
        return "CSV, " + encoding_ + ", delimiter '" + delimiter + "'";
    }

private:
    std::size_t find_field_end(std::size_t from) const {
        const char *begin = text_.data() + from;
        const char *end = text_.data() + text_.size();
        for (const char *p = begin; p < end; ++p)
            if (*p == delimiter_ || *p == '\n') return static_cast<std::size_t>(p - text_.data());
        return text_.size();
    }
    void count_lines(std::size_t from, std::size_t to) {
        for (std::size_t i = from; i < to; ++i)
            if (text_[i] == '\n') ++next_row_;
    }
    void check_field_size(std::size_t size, std::size_t column) const {
        if (size > max_field_)
            throw input_error(path_ + ": row " + std::to_string(row_) + ", column " + std::to_string(column + 1) +
                              ": a field of " + std::to_string(size) + " bytes is longer than the limit of " +
                              std::to_string(max_field_) + " bytes (is a closing quote missing?)");
    }

    // A reader of [begin, end) of `whole`, whose first row is numbered `first_row`.
    CsvReader(const CsvReader &whole, std::size_t begin, std::size_t end, uint64_t first_row)
        : path_(whole.path_), source_(whole.source_), max_field_(whole.max_field_), split_min_(whole.split_min_),
          text_(whole.text_.substr(0, end)), encoding_(whole.encoding_), delimiter_(whole.delimiter_), pos_(begin),
          next_row_(first_row) {}

    std::string path_;
    std::shared_ptr<Source> source_;
    std::size_t max_field_;
    std::size_t split_min_;
    std::string_view text_;
    std::string encoding_ = "UTF-8";
    char delimiter_ = ',';
    std::size_t pos_ = 0;
    uint64_t row_ = 0;
    uint64_t next_row_ = 1;
    std::string scratch_;
    std::vector<std::tuple<std::size_t, std::size_t, std::size_t>> scratch_offsets_;
};

} // namespace

TextScan scan_text(std::string_view bytes) {
    constexpr std::size_t k_scan_alone_bytes = 64 << 20;
    if (bytes.size() < k_scan_alone_bytes) return scan_piece(bytes);
    // The second half starts at a character's first byte: valid UTF-8 has at most three
    // continuation bytes in a row, and a half that starts with one is not valid.
    std::size_t half = bytes.size() / 2;
    for (int k = 0; k < 3 && (static_cast<unsigned char>(bytes[half]) & 0xC0) == 0x80; ++k) ++half;
    TextScan second;
    std::thread other([&] { second = scan_piece(bytes.substr(half)); });
    const TextScan first = scan_piece(bytes.substr(0, half));
    other.join();
    if (first.nul != std::string_view::npos) return first;
    if (second.nul != std::string_view::npos) return {half + second.nul, false};
    return {std::string_view::npos, first.utf8 && second.utf8};
}

std::string windows_1252_to_utf8(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size() + bytes.size() / 16);
    for (char ch : bytes) {
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x80) out.push_back(ch);
        else if (c < 0xA0) append_utf8(out, k_cp1252_high[c - 0x80] != 0 ? k_cp1252_high[c - 0x80] : 0xFFFD);
        else append_utf8(out, c);
    }
    return out;
}

std::unique_ptr<TableReader> open_csv(const std::string &path, const TableOptions &options) {
    return std::make_unique<CsvReader>(path, options);
}

} // namespace ascent::io
