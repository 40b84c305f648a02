#include "core/dictionary.hpp"

namespace ascent {

Dictionary::Dictionary() { values_.emplace_back(); }

Dictionary::Dictionary(const Dictionary &other) : Dictionary() {
    for (std::size_t i = 1; i < other.values_.size(); ++i) intern(other.values_[i]);
}

Dictionary &Dictionary::operator=(const Dictionary &other) {
    if (this != &other) {
        Dictionary copy(other);
        *this = std::move(copy);
    }
    return *this;
}

uint32_t Dictionary::intern(std::string_view text) {
    if (text.empty()) return 0;
    if (auto it = index_.find(text); it != index_.end()) return it->second;
    const auto id = static_cast<uint32_t>(values_.size());
    const std::string_view stored = storage_.emplace_back(text);
    values_.push_back(stored);
    index_.emplace(stored, id);
    return id;
}

uint32_t Dictionary::find(std::string_view text) const {
    if (text.empty()) return 0;
    auto it = index_.find(text);
    return it == index_.end() ? 0 : it->second;
}

std::size_t Dictionary::memory_bytes() const {
    std::size_t bytes = values_.capacity() * sizeof(std::string_view);
    for (const auto &s : storage_) bytes += sizeof(std::string) + (s.size() > 15 ? s.capacity() + 1 : 0);
    // unordered_map: one node (key + value + next pointer + hash) per entry plus the bucket array.
    bytes += index_.size() * (sizeof(std::string_view) + sizeof(uint32_t) + 2 * sizeof(void *)) +
             index_.bucket_count() * sizeof(void *);
    return bytes;
}

} // namespace ascent
