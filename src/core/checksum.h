// FNV-1a, 32-bit: a small checksum for bytes that travel (font slices, setup links).
// It catches truncation and accidental edits, not deliberate forgery.
#pragma once
#include <cstdint>
#include <string_view>

namespace anxin {

inline uint32_t fnv1a32(std::string_view bytes) {
    uint32_t h = 0x811C9DC5u;
    for (unsigned char b : bytes) h = (h ^ b) * 0x01000193u;
    return h;
}

}  // namespace anxin
