// Dictionary encoding for repeated text (provider names, teams, postcodes, references).
// Id 0 is the empty string, so a zero-initialised column means "not recorded".
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ascent {

class Dictionary {
public:
    Dictionary();
    Dictionary(const Dictionary &other);
    Dictionary &operator=(const Dictionary &other);
    Dictionary(Dictionary &&) = default;
    Dictionary &operator=(Dictionary &&) = default;
    ~Dictionary() = default;

    uint32_t intern(std::string_view text);
    // 0 for "" and for text never interned (find does not add).
    uint32_t find(std::string_view text) const;
    bool contains(std::string_view text) const { return text.empty() || find(text) != 0; }
    std::string_view at(uint32_t id) const { return values_[id]; }
    std::size_t size() const { return values_.size(); }
    std::size_t memory_bytes() const;

private:
    std::deque<std::string> storage_; // stable addresses for the views below
    std::vector<std::string_view> values_;
    std::unordered_map<std::string_view, uint32_t> index_;
};

} // namespace ascent
