#include "io/xlsx_reader.hpp"

#include <expat.h>
#include <zip.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <algorithm>
#include <deque>
#include <exception>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <utility>

#include "core/date.hpp"
#include "core/error.hpp"

namespace ascent::io {

namespace {

std::string_view local_name(const char *qualified) {
    std::string_view name(qualified);
    if (auto colon = name.rfind(':'); colon != std::string_view::npos) name.remove_prefix(colon + 1);
    return name;
}

const char *attribute(const char **attrs, std::string_view wanted) {
    for (std::size_t i = 0; attrs[i] != nullptr; i += 2)
        if (local_name(attrs[i]) == wanted) return attrs[i + 1];
    return nullptr;
}

class XmlParser;

class Archive {
public:
    Archive(const std::string &path, uint64_t max_bytes) : path_(path), max_bytes_(max_bytes) {
        int error = 0;
        zip_ = zip_open(path.c_str(), ZIP_RDONLY, &error);
        if (zip_ == nullptr)
            throw input_error(path + ": not a readable XLSX workbook (the zip archive could not be opened)");
    }
    Archive(const Archive &) = delete;
    Archive &operator=(const Archive &) = delete;
    ~Archive() { zip_discard(zip_); }

    bool has(const std::string &name) const { return zip_name_locate(zip_, name.c_str(), 0) >= 0; }

    // Parses a whole part through `parser`.
    void parse(const std::string &name, XmlParser &parser);

    const std::string &path() const { return path_; }
    uint64_t max_bytes() const { return max_bytes_; }
    zip_t *handle() { return zip_; }

private:
    std::string path_;
    uint64_t max_bytes_;
    zip_t *zip_ = nullptr;
};

// RAII wrapper for an expat parser with C++ callbacks.
struct XmlHandlers {
    std::function<void(std::string_view, const char **)> start;
    std::function<void(std::string_view)> end;
    std::function<void(std::string_view)> text;
};

class XmlParser {
public:
    explicit XmlParser(XmlHandlers handlers) : handlers_(std::move(handlers)) {
        parser_ = XML_ParserCreate("UTF-8");
        XML_SetUserData(parser_, this);
        XML_SetElementHandler(
            parser_,
            [](void *self, const char *name, const char **attrs) {
                static_cast<XmlParser *>(self)->guard([&](XmlHandlers &h) {
                    if (h.start) h.start(local_name(name), attrs);
                });
            },
            [](void *self, const char *name) {
                static_cast<XmlParser *>(self)->guard([&](XmlHandlers &h) {
                    if (h.end) h.end(local_name(name));
                });
            });
        XML_SetCharacterDataHandler(parser_, [](void *self, const char *s, int len) {
            static_cast<XmlParser *>(self)->guard([&](XmlHandlers &h) {
                if (h.text) h.text(std::string_view(s, static_cast<std::size_t>(len)));
            });
        });
    }
    XmlParser(const XmlParser &) = delete;
    XmlParser &operator=(const XmlParser &) = delete;
    ~XmlParser() { XML_ParserFree(parser_); }
    XML_Parser get() { return parser_; }
    // Rethrows what a callback threw (it stopped the parser; exceptions must not unwind through expat).
    void rethrow() {
        if (failure_) std::rethrow_exception(std::exchange(failure_, nullptr));
    }

private:
    template <typename F>
    void guard(F &&call) {
        if (failure_) return;
        try {
            call(handlers_);
        } catch (...) {
            failure_ = std::current_exception();
            XML_StopParser(parser_, XML_FALSE);
        }
    }
    std::exception_ptr failure_;
    XmlHandlers handlers_;
    XML_Parser parser_;
};

// One part of the archive, decompressed and parsed 64 KiB at a time. Its declared size is checked
// before anything is decompressed, and the bytes actually produced are counted against the limit.
class PartStream {
public:
    PartStream(Archive &archive, const std::string &name) : path_(archive.path()), name_(name), limit_(archive.max_bytes()) {
        zip_stat_t st;
        zip_stat_init(&st);
        if (zip_stat(archive.handle(), name.c_str(), 0, &st) != 0)
            throw input_error(path_ + ": the workbook has no part '" + name + "' (is the file damaged?)");
        if ((st.valid & ZIP_STAT_SIZE) != 0) {
            if (st.size > limit_)
                throw input_error(path_ + ": part '" + name + "' claims " + std::to_string(st.size) +
                                  " bytes uncompressed, more than the limit of " + std::to_string(limit_) +
                                  " bytes; refusing to decompress it");
            size_ = st.size;
        }
        file_ = zip_fopen(archive.handle(), name.c_str(), 0);
        if (file_ == nullptr) throw input_error(path_ + ": cannot read part '" + name + "'");
    }
    PartStream(const PartStream &) = delete;
    PartStream &operator=(const PartStream &) = delete;
    ~PartStream() { zip_fclose(file_); }

    // Parses the next chunk; false once the part is finished.
    bool feed(XmlParser &xml) {
        XML_Parser parser = xml.get();
        if (done_) return false;
        const zip_int64_t got = zip_fread(file_, buffer_.data(), buffer_.size());
        if (got < 0) throw input_error(path_ + ": part '" + name_ + "' is damaged (decompression failed)");
        read_ += static_cast<uint64_t>(got);
        if (read_ > limit_)
            throw input_error(path_ + ": part '" + name_ + "' decompresses to more than the limit of " +
                              std::to_string(limit_) + " bytes");
        done_ = got == 0;
        const auto status = XML_Parse(parser, buffer_.data(), static_cast<int>(got), done_ ? 1 : 0);
        xml.rethrow();
        if (status == XML_STATUS_ERROR)
            throw input_error(path_ + ": part '" + name_ + "' is not valid XML (" +
                              XML_ErrorString(XML_GetErrorCode(parser)) + " at line " +
                              std::to_string(XML_GetCurrentLineNumber(parser)) + ")");
        return true;
    }
    uint64_t bytes_read() const { return read_; }
    uint64_t size() const { return size_; }

private:
    std::string path_, name_;
    uint64_t limit_;
    uint64_t size_ = 0;
    uint64_t read_ = 0;
    bool done_ = false;
    zip_file_t *file_ = nullptr;
    std::vector<char> buffer_ = std::vector<char>(1 << 16);
};

void Archive::parse(const std::string &name, XmlParser &parser) {
    PartStream stream(*this, name);
    while (stream.feed(parser)) {
    }
}

struct Workbook {
    std::vector<std::pair<std::string, std::string>> sheets; // name, part path
    bool date1904 = false;
};

std::string resolve_target(std::string target) {
    if (target.starts_with("/")) return target.substr(1);
    if (target.starts_with("xl/")) return target;
    return "xl/" + target;
}

Workbook read_workbook(Archive &archive) {
    std::map<std::string, std::string> targets;
    {
        XmlParser rels({.start = [&](std::string_view name, const char **attrs) {
                            if (name != "Relationship") return;
                            const char *id = attribute(attrs, "Id");
                            const char *target = attribute(attrs, "Target");
                            if (id != nullptr && target != nullptr) targets[id] = resolve_target(target);
                        },
                        .end = {},
                        .text = {}});
        archive.parse("xl/_rels/workbook.xml.rels", rels);
    }
    Workbook book;
    XmlParser parser({.start = [&](std::string_view name, const char **attrs) {
                          if (name == "sheet") {
                              const char *sheet_name = attribute(attrs, "name");
                              const char *rid = attribute(attrs, "id");
                              if (sheet_name != nullptr && rid != nullptr && targets.contains(rid))
                                  book.sheets.emplace_back(sheet_name, targets[rid]);
                          } else if (name == "workbookPr") {
                              const char *d = attribute(attrs, "date1904");
                              book.date1904 = d != nullptr && (std::strcmp(d, "1") == 0 || std::strcmp(d, "true") == 0);
                          }
                      },
                      .end = {},
                      .text = {}});
    archive.parse("xl/workbook.xml", parser);
    return book;
}

std::vector<std::string> read_shared_strings(Archive &archive) {
    std::vector<std::string> strings;
    if (!archive.has("xl/sharedStrings.xml")) return strings;
    bool in_si = false;
    bool in_t = false;
    bool in_phonetic = false;
    XmlParser parser({.start =
                          [&](std::string_view name, const char **) {
                              if (name == "si") {
                                  in_si = true;
                                  strings.emplace_back();
                              } else if (name == "t") {
                                  in_t = true;
                              } else if (name == "rPh") {
                                  in_phonetic = true;
                              }
                          },
                      .end =
                          [&](std::string_view name) {
                              if (name == "si") in_si = false;
                              else if (name == "t") in_t = false;
                              else if (name == "rPh") in_phonetic = false;
                          },
                      .text =
                          [&](std::string_view text) {
                              if (in_si && in_t && !in_phonetic) strings.back().append(text);
                          }});
    archive.parse("xl/sharedStrings.xml", parser);
    return strings;
}

bool is_date_format_code(std::string_view code) {
    // A custom format is a date if it has d, m or y outside quotes and brackets (colours, locales).
    bool quoted = false;
    bool bracket = false;
    for (char c : code) {
        if (c == '"') quoted = !quoted;
        else if (!quoted && c == '[') bracket = true;
        else if (!quoted && c == ']') bracket = false;
        else if (!quoted && !bracket && (c == 'd' || c == 'm' || c == 'y' || c == 'D' || c == 'M' || c == 'Y'))
            return true;
    }
    return false;
}

// For each cell style index, whether it formats a date.
std::vector<bool> read_date_styles(Archive &archive) {
    std::vector<bool> is_date;
    if (!archive.has("xl/styles.xml")) return is_date;
    std::set<int> custom_dates;
    bool in_cell_xfs = false;
    XmlParser parser({.start =
                          [&](std::string_view name, const char **attrs) {
                              if (name == "numFmt") {
                                  const char *id = attribute(attrs, "numFmtId");
                                  const char *code = attribute(attrs, "formatCode");
                                  if (id != nullptr && code != nullptr && is_date_format_code(code))
                                      custom_dates.insert(std::atoi(id));
                              } else if (name == "cellXfs") {
                                  in_cell_xfs = true;
                              } else if (name == "xf" && in_cell_xfs) {
                                  const char *id = attribute(attrs, "numFmtId");
                                  const int fmt = id != nullptr ? std::atoi(id) : 0;
                                  // Built-in date formats: 14–22 and 45–47.
                                  is_date.push_back((fmt >= 14 && fmt <= 22) || (fmt >= 45 && fmt <= 47) ||
                                                    custom_dates.contains(fmt));
                              }
                          },
                      .end = [&](std::string_view name) { if (name == "cellXfs") in_cell_xfs = false; },
                      .text = {}});
    archive.parse("xl/styles.xml", parser);
    return is_date;
}

// Excel's largest sheet: columns A to XFD, rows 1 to 1,048,576.
constexpr std::size_t k_max_columns = 16384;
constexpr uint64_t k_max_rows = 1048576;

// "AB12" → zero-based column 27 and row 12; nullopt unless it is a reference inside Excel's
// largest sheet (a column such as AAAAAA would otherwise size a row at 12 million cells).
std::optional<std::pair<std::size_t, uint64_t>> cell_reference(std::string_view ref) {
    std::size_t col = 0, i = 0;
    for (; i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z' && col <= k_max_columns; ++i)
        col = col * 26 + static_cast<std::size_t>(ref[i] - 'A' + 1);
    uint64_t row = 0;
    const std::size_t digits = i;
    for (; i < ref.size() && ref[i] >= '0' && ref[i] <= '9' && row <= k_max_rows; ++i)
        row = row * 10 + static_cast<uint64_t>(ref[i] - '0');
    if (col == 0 || col > k_max_columns || i == digits || i != ref.size() || row == 0 || row > k_max_rows)
        return std::nullopt;
    return std::pair{col - 1, row};
}

std::string format_number(std::string_view raw) {
    // Excel stores binary doubles; show them as Excel does, to 15 significant digits.
    const std::string text(raw);
    char *end = nullptr;
    const double value = std::strtod(text.c_str(), &end);
    if (end == text.c_str() || *end != '\0') return text;
    if (value == std::floor(value) && std::fabs(value) < 1e15) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.0f", value);
        return buf;
    }
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.15g", value);
    return buf;
}

class XlsxReader final : public TableReader {
public:
    XlsxReader(const std::string &path, const TableOptions &options)
        : path_(path), archive_(path, options.max_uncompressed_bytes) {
        const Workbook book = read_workbook(archive_);
        if (book.sheets.empty()) throw input_error(path + ": the workbook has no sheets");
        date1904_ = book.date1904;
        auto sheet = book.sheets.front();
        if (!options.sheet.empty()) {
            bool found = false;
            for (const auto &s : book.sheets)
                if (s.first == options.sheet) {
                    sheet = s;
                    found = true;
                }
            if (!found) throw input_error(path + ": the workbook has no sheet named '" + options.sheet + "'");
        }
        sheet_name_ = sheet.first;
        part_ = sheet.second;
        shared_ = read_shared_strings(archive_);
        date_styles_ = read_date_styles(archive_);
        stream_ = std::make_unique<PartStream>(archive_, part_);
    }

    bool next(std::vector<std::string_view> &cells) override {
        cells.clear();
        // Parse more of the sheet only when the rows parsed so far are used up.
        while (rows_.empty() && stream_->feed(parser_)) {
        }
        if (rows_.empty()) return false;
        current_ = std::move(rows_.front());
        rows_.pop_front();
        row_ = current_.number;
        // Excel leaves out the blank cells at the end of a row: they are blank fields, up to the
        // width of the first row (the header).
        if (width_ == 0) width_ = current_.cells.size();
        else if (!current_.cells.empty() && current_.cells.size() < width_) current_.cells.resize(width_);
        cells.reserve(current_.cells.size());
        for (const auto &c : current_.cells) cells.emplace_back(c);
        return true;
    }
    uint64_t row() const override { return row_; }
    uint64_t progress_done() const override { return stream_->bytes_read(); }
    uint64_t progress_total() const override { return std::max(stream_->size(), stream_->bytes_read()); }
    std::string describe() const override { return "XLSX, sheet '" + sheet_name_ + "'"; }

private:
    struct Row {
        uint64_t number = 0;
        std::vector<std::string> cells;
    };

    void on_start(std::string_view name, const char **attrs) {
        if (name == "row") {
            pending_ = Row{};
            const char *r = attribute(attrs, "r");
            pending_.number = last_row_number_ + 1;
            if (r != nullptr) {
                const auto number = cell_reference(std::string("A") + r);
                if (!number) fail("row '" + std::string(r) + "'", "a row number from 1 to 1,048,576");
                pending_.number = number->second;
            }
        } else if (name == "c") {
            const char *ref = attribute(attrs, "r");
            column_ = pending_.cells.size();
            if (ref != nullptr) {
                const auto at = cell_reference(ref);
                if (!at) fail("cell '" + std::string(ref) + "'", "a cell reference from A1 to XFD1048576");
                column_ = at->first;
            } else if (column_ == k_max_columns) {
                fail("row " + std::to_string(pending_.number), "at most 16,384 cells in a row");
            }
            const char *type = attribute(attrs, "t");
            type_ = type != nullptr ? type : "n";
            const char *style = attribute(attrs, "s");
            style_ = style != nullptr ? static_cast<std::size_t>(std::atoi(style)) : 0;
            value_.clear();
        } else if (name == "v" || (name == "t" && type_ == "inlineStr")) {
            in_value_ = true;
        }
    }

    void on_end(std::string_view name) {
        if (name == "v" || name == "t") {
            in_value_ = false;
        } else if (name == "c") {
            if (pending_.cells.size() <= column_) pending_.cells.resize(column_ + 1);
            pending_.cells[column_] = cell_text();
        } else if (name == "row") {
            // Blank rows between data are kept as empty rows so row numbers stay true.
            last_row_number_ = pending_.number;
            rows_.push_back(std::move(pending_));
        }
    }

    [[noreturn]] void fail(const std::string &where, const std::string &expected) const {
        throw input_error(path_ + ", sheet '" + sheet_name_ + "', " + where + ": not a cell of an Excel sheet; expected " +
                          expected);
    }

    std::string cell_text() const {
        if (type_ == "s") {
            const auto index = static_cast<std::size_t>(std::strtoull(value_.c_str(), nullptr, 10));
            return index < shared_.size() ? shared_[index] : std::string{};
        }
        if (type_ == "b") return value_ == "1" ? "TRUE" : "FALSE";
        if (type_ == "inlineStr" || type_ == "str" || type_ == "e") return value_;
        if (value_.empty()) return value_;
        if (style_ < date_styles_.size() && date_styles_[style_]) {
            const double serial = std::strtod(value_.c_str(), nullptr);
            const int whole = static_cast<int>(std::floor(serial));
            if (whole >= 1 && whole < 120000) {
                if (date1904_) return Date::from_serial(whole - 24107).iso(); // 1904-01-01 = serial 0
                if (auto d = parse_date(std::to_string(whole))) return d->iso();
            }
        }
        return format_number(value_);
    }

    std::string path_;
    Archive archive_;
    std::string sheet_name_;
    std::string part_;
    bool date1904_ = false;
    std::vector<std::string> shared_;
    std::vector<bool> date_styles_;
    std::deque<Row> rows_;
    Row pending_;
    Row current_;
    uint64_t last_row_number_ = 0;
    std::size_t width_ = 0; // of the first row
    std::size_t column_ = 0;
    std::string type_;
    std::size_t style_ = 0;
    std::string value_;
    bool in_value_ = false;
    uint64_t row_ = 0;
    // Declared after the state its callbacks use, so it is destroyed first.
    XmlParser parser_{{.start = [this](std::string_view name, const char **attrs) { on_start(name, attrs); },
                       .end = [this](std::string_view name) { on_end(name); },
                       .text = [this](std::string_view text) {
                           if (in_value_) value_.append(text);
                       }}};
    std::unique_ptr<PartStream> stream_;
};

} // namespace

std::unique_ptr<TableReader> open_xlsx(const std::string &path, const TableOptions &options) {
    return std::make_unique<XlsxReader>(path, options);
}

std::vector<std::string> xlsx_sheet_names(const std::string &path) {
    Archive archive(path, 1ULL << 30);
    std::vector<std::string> names;
    for (const auto &[name, part] : read_workbook(archive).sheets) names.push_back(name);
    return names;
}

} // namespace ascent::io
