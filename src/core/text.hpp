// Small text helpers shared by the readers of published files.
#pragma once

#include <cctype>
#include <string>
#include <string_view>

namespace ascent {

// ASCII letters lowered; other bytes (UTF-8 included) left as they are.
inline std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (auto &c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

} // namespace ascent
