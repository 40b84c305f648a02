#include "core/dictionary.hpp"

#include <algorithm>
#include <functional>

namespace ascent {

Dictionary::Dictionary() { values_.emplace_back(); }

Dictionary::Dictionary(const Dictionary &other) : Dictionary() {
    reserve(other.size());
    for (std::size_t i = 1; i < other.values_.size(); ++i) intern(other.values_[i]);
}

Dictionary &Dictionary::operator=(const Dictionary &other) {
    if (this != &other) {
        Dictionary copy(other);
        *this = std::move(copy);
    }
    return *this;
}

namespace {

uint64_t hash_of(std::string_view text) { return std::hash<std::string_view>{}(text); }
uint32_t high_half(uint64_t hash) { return static_cast<uint32_t>(hash >> 32); }

} // namespace

std::size_t Dictionary::slot_of(std::string_view text, uint64_t hash) const {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = static_cast<std::size_t>(hash) & mask;; i = (i + 1) & mask) {
        const Slot &slot = slots_[i];
        if (slot.id == 0 || (slot.hash == high_half(hash) && values_[slot.id] == text)) return i;
    }
}

void Dictionary::rebuild(std::size_t slot_count) {
    slots_.assign(slot_count, Slot{});
    for (uint32_t id = 1; id < values_.size(); ++id) {
        const uint64_t hash = hash_of(values_[id]);
        slots_[slot_of(values_[id], hash)] = {id, high_half(hash)};
    }
}

void Dictionary::reserve(std::size_t count) {
    std::size_t slot_count = std::max<std::size_t>(slots_.size(), 16);
    while (count * 3 > slot_count * 2) slot_count *= 2;
    if (slot_count != slots_.size()) rebuild(slot_count);
}

uint32_t Dictionary::intern(std::string_view text) {
    if (text.empty()) return 0;
    reserve(values_.size()); // values_ counts the empty string: room for one more
    const uint64_t hash = hash_of(text);
    Slot &slot = slots_[slot_of(text, hash)];
    if (slot.id != 0) return slot.id;
    slot = {static_cast<uint32_t>(values_.size()), high_half(hash)};
    values_.push_back(storage_.emplace_back(text));
    return slot.id;
}

uint32_t Dictionary::find(std::string_view text) const {
    if (text.empty() || slots_.empty()) return 0;
    return slots_[slot_of(text, hash_of(text))].id;
}

std::size_t Dictionary::memory_bytes() const {
    std::size_t bytes = values_.capacity() * sizeof(std::string_view) + slots_.capacity() * sizeof(Slot);
    for (const auto &s : storage_) bytes += sizeof(std::string) + (s.size() > 15 ? s.capacity() + 1 : 0);
    return bytes;
}

} // namespace ascent
