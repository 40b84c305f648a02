// RFC 4180 CSV reader over a memory-mapped file.
//
// Handles quoted fields with embedded delimiters, quotes ("") and newlines; CRLF or LF; a UTF-8
// byte-order mark; delimiter sniffing (, ; tab |) from the header line; and Windows-1252 files,
// which are converted to UTF-8 once up front. Unquoted fields are views into the mapped file,
// so a clean file is parsed without copying.
#pragma once

#include <string>

#include "io/table_reader.hpp"

namespace ascent::io {

std::unique_ptr<TableReader> open_csv(const std::string &path, const TableOptions &options);

// Windows-1252 → UTF-8 (bytes 0x80–0x9F map to the characters Windows puts there).
std::string windows_1252_to_utf8(std::string_view bytes);
// One read of a file's bytes before parsing: the offset of its first NUL byte (npos if none; a
// text file has none) and, when it has none, whether the bytes are well-formed UTF-8. A large
// file is scanned in two halves at once.
struct TextScan {
    std::size_t nul = std::string_view::npos;
    bool utf8 = true;
};
TextScan scan_text(std::string_view bytes);

} // namespace ascent::io
