// Dictionary encoding for repeated text (provider names, teams, postcodes, references).
// Id 0 is the empty string, so a zero-initialised column means "not recorded".
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
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
    // Room for `count` values in all, so a bulk load does not grow the index step by step.
    void reserve(std::size_t count);
    // 0 for "" and for text never interned (find does not add).
    uint32_t find(std::string_view text) const;
    bool contains(std::string_view text) const { return text.empty() || find(text) != 0; }
    std::string_view at(uint32_t id) const { return values_[id]; }
    std::size_t size() const { return values_.size(); }
    std::size_t memory_bytes() const;

private:
    // The index: open addressing with linear probing, kept at most two-thirds full. Each slot
    // holds an id (0 = empty) and the high half of its value's hash, so a probe compares text
    // only when the hashes agree. Unlike std::unordered_map, there is no node (an allocation,
    // and a cache miss on every lookup) per value.
    struct Slot {
        uint32_t id = 0;
        uint32_t hash = 0;
    };
    // The slot holding `text`, or the empty slot where it would go.
    std::size_t slot_of(std::string_view text, uint64_t hash) const;
    void rebuild(std::size_t slot_count);

    std::deque<std::string> storage_; // stable addresses for the views below
    std::vector<std::string_view> values_;
    std::vector<Slot> slots_;
};

// Text that is mostly unique (line references): one buffer and offsets, no index. About the
// size of the text itself plus four bytes a row.
class StringColumn {
public:
    void push_back(std::string_view text) {
        data_.append(text);
        offsets_.push_back(static_cast<uint64_t>(data_.size()));
    }
    std::string_view at(std::size_t i) const {
        const uint64_t begin = i == 0 ? 0 : offsets_[i - 1];
        return std::string_view(data_).substr(begin, offsets_[i] - begin);
    }
    std::size_t size() const { return offsets_.size(); }
    void reserve(std::size_t count, std::size_t bytes) {
        offsets_.reserve(count);
        data_.reserve(bytes);
    }
    void shrink_to_fit() {
        data_.shrink_to_fit();
        offsets_.shrink_to_fit();
    }
    std::size_t memory_bytes() const { return data_.capacity() + offsets_.capacity() * sizeof(uint64_t); }
    std::size_t payload_bytes() const { return data_.size(); }

private:
    std::string data_;
    std::vector<uint64_t> offsets_; // end of each value in data_
};

} // namespace ascent
