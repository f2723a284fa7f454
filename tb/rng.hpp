// Rng: the harness's one random source. xoshiro256** seeded through splitmix64, with its own
// integer and probability helpers (std::uniform_*_distribution is not the same on every standard
// library), so a seed gives the same run, cycle for cycle, on every host.
#pragma once

#include <cstdint>

namespace udma::tb {

class Rng {
public:
    explicit Rng(std::uint64_t seed = 1) { reseed(seed); }

    void reseed(std::uint64_t seed) {
        std::uint64_t x = seed;
        for (auto& s : s_) s = splitmix(x);
    }

    std::uint64_t next() {
        const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
        const std::uint64_t t = s_[1] << 17;
        s_[2] ^= s_[0];
        s_[3] ^= s_[1];
        s_[1] ^= s_[2];
        s_[0] ^= s_[3];
        s_[2] ^= t;
        s_[3] = rotl(s_[3], 45);
        return result;
    }

    // Uniform in [0, n), n > 0 (Lemire's multiply-shift; bias < 2^-32 for the n used here).
    std::uint64_t below(std::uint64_t n) {
        if (n <= 1) return 0;
        return static_cast<std::uint64_t>((static_cast<unsigned __int128>(next()) * n) >> 64);
    }
    // Uniform in [lo, hi], lo <= hi.
    std::uint64_t range(std::uint64_t lo, std::uint64_t hi) { return lo + below(hi - lo + 1); }
    // True with probability p (p in [0,1]), using 53 bits.
    bool chance(double p) {
        if (p <= 0.0) return false;
        if (p >= 1.0) return true;
        return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0) < p;
    }
    // A child generator whose stream depends on this one's seed and a label.
    Rng fork(std::uint64_t label) {
        std::uint64_t x = next() ^ (label * 0x9E3779B97F4A7C15ull);
        return Rng(splitmix(x));
    }

    static std::uint64_t splitmix(std::uint64_t& x) {
        std::uint64_t z = (x += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    static std::uint64_t mix(std::uint64_t a, std::uint64_t b) {
        std::uint64_t x = a ^ (b * 0xD6E8FEB86659FD93ull);
        return splitmix(x);
    }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::uint64_t s_[4]{};
};

}  // namespace udma::tb
