#pragma once
// FNV-1a, 64 bits: the one short, stable digest of faqt (index change
// detection, over-long terms, the settings fingerprint, the site's input
// keys, manifest digests and shortened file names). Not cryptographic: it
// tells "changed" from "the same", never resists someone who wants a clash.
// Pure; thread-safe.

#include <cstdint>
#include <string>
#include <string_view>

namespace faqt {

inline constexpr std::uint64_t k_fnv1a_offset = 14695981039346656037ull;

// bytes hashed on from seed, so digests can be chained.
std::uint64_t fnv1a(std::string_view bytes, std::uint64_t seed = k_fnv1a_offset);

// The digest as 16 lower-case hex digits.
std::string hex_digest(std::uint64_t digest);

}  // namespace faqt
