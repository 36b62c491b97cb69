// Minimal UTF-8 decoding: the app's text is Chinese, and line breaking and
// glyph checks work on code points.
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

namespace anxin {

// Decodes the code point at s[i] and advances i; invalid bytes give U+FFFD.
uint32_t utf8_next(std::string_view s, size_t& i);
std::vector<uint32_t> utf8_decode(std::string_view s);

}  // namespace anxin
