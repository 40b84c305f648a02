// Seeded random numbers (the demo generator, the risk simulation): SplitMix64, tiny, fast and the same for a seed on every
// platform (std distributions are not).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace ascent {

class Rng {
public:
    explicit Rng(uint64_t seed) : state_(seed) {}
    uint64_t next() {
        uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    int64_t between(int64_t lo, int64_t hi) { // inclusive
        return lo + static_cast<int64_t>(next() % static_cast<uint64_t>(hi - lo + 1));
    }
    // Uniform in [0, 1), from the top 53 bits.
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    bool chance(int percent) { return between(1, 100) <= percent; }
    template <typename T, std::size_t N> const T &pick(const std::array<T, N> &items) {
        return items[static_cast<std::size_t>(between(0, N - 1))];
    }

private:
    uint64_t state_;
};

} // namespace ascent
