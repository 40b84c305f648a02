// Per-column memo of raw text → code, so a million rows with a dozen coded fields cost a
// dozen hash lookups of the raw text each, not a normalisation each.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/codes.hpp"

namespace ascent::io {

struct TransparentHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

class CodeCache {
public:
    explicit CodeCache(CodeField field) : field_(field) {}
    std::optional<CodeMatch> match(std::string_view raw) {
        if (auto it = memo_.find(raw); it != memo_.end()) return it->second;
        auto found = match_code(field_, raw);
        if (memo_.size() < 4096) memo_.emplace(std::string(raw), found);
        return found;
    }
    CodeField field() const { return field_; }

private:
    CodeField field_;
    std::unordered_map<std::string, std::optional<CodeMatch>, TransparentHash, std::equal_to<>> memo_;
};

} // namespace ascent::io
