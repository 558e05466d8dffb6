#pragma once
// SHA-256 (FIPS 180-4), for the Content-Security-Policy hash of the one
// inline stylesheet of the site (404.html, which is served at any address
// and so cannot link a stylesheet relatively). Pure; thread-safe.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace faqt {

std::array<std::uint8_t, 32> sha256(std::string_view bytes);

// "sha256-<base64 of the digest>", as a CSP source names a hash.
std::string csp_hash(std::string_view bytes);

}  // namespace faqt
