// Line breaking for Chinese text mixed with digits and Latin words.
// Chinese may break between any two characters, except that a line never
// starts with closing punctuation (，。！？…) nor ends with opening
// punctuation (（《“) — the usual 禁则 rules. Latin words and numbers break
// at spaces, and only mid-word when a word is wider than a whole line.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace anxin {

struct TextLine {
    size_t begin = 0, end = 0;  // byte range in the source text (trailing spaces excluded)
    float width = 0;
};

// `advance(cp)` is a code point's width at the size being laid out.
std::vector<TextLine> break_lines(std::string_view text, float max_width,
                                  const std::function<float(uint32_t)>& advance);

bool is_no_line_start(uint32_t cp);  // closing punctuation
bool is_no_line_end(uint32_t cp);    // opening punctuation

}  // namespace anxin
