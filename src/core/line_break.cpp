#include "core/line_break.h"

#include "core/utf8.h"

namespace anxin {
namespace {

bool is_space(uint32_t cp) { return cp == ' ' || cp == '\t' || cp == 0x3000; }
// Letters, digits and the punctuation that belongs inside a Latin word or number.
bool is_word_char(uint32_t cp) {
    return (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
           cp == '.' || cp == ',' || cp == '-' || cp == '_' || cp == '@' || cp == '/' || cp == ':' ||
           cp == '%' || cp == '+' || cp == '\'' || cp == '#';
}

struct Glyph { size_t begin, end; uint32_t cp; float w; };

}  // namespace

bool is_no_line_start(uint32_t cp) {
    switch (cp) {
        case 0xFF0C: case 0x3002: case 0x3001: case 0xFF1B: case 0xFF1A: case 0xFF01: case 0xFF1F:
        case 0xFF09: case 0x300B: case 0x300D: case 0x300F: case 0x201D: case 0x2019: case 0x2026:
        case 0x3011: case 0xFF5E: case ',': case '.': case ';': case ':': case '!': case '?': case ')':
            return true;
        default: return false;
    }
}

bool is_no_line_end(uint32_t cp) {
    switch (cp) {
        case 0xFF08: case 0x300A: case 0x300C: case 0x300E: case 0x201C: case 0x2018: case 0x3010: case '(':
            return true;
        default: return false;
    }
}

std::vector<TextLine> break_lines(std::string_view text, float max_width,
                                  const std::function<float(uint32_t)>& advance) {
    std::vector<TextLine> lines;
    std::vector<Glyph> g;
    for (size_t i = 0; i < text.size();) {
        const size_t b = i;
        const uint32_t cp = utf8_next(text, i);
        g.push_back({b, i, cp, cp == '\n' ? 0.0f : advance(cp)});
    }

    // A break is allowed before glyph k when k > start and the pair (k-1, k) permits it.
    auto can_break_before = [&](size_t k) {
        const uint32_t prev = g[k - 1].cp, cur = g[k].cp;
        if (is_no_line_start(cur) || is_no_line_end(prev)) return false;
        if (is_space(prev)) return true;
        if (is_word_char(prev) && is_word_char(cur)) return false;
        return !is_space(cur);
    };
    auto emit = [&](size_t from, size_t to) {  // glyphs [from, to)
        size_t last = to;
        while (last > from && is_space(g[last - 1].cp)) --last;
        TextLine line;
        line.begin = from < g.size() ? g[from].begin : text.size();
        line.end = last > from ? g[last - 1].end : line.begin;
        for (size_t k = from; k < last; ++k) line.width += g[k].w;
        lines.push_back(line);
    };

    size_t start = 0;
    while (start < g.size()) {
        float width = 0;
        size_t k = start;
        size_t best_break = 0;  // 0 = none found yet
        bool newline = false;
        for (; k < g.size(); ++k) {
            if (g[k].cp == '\n') { newline = true; break; }
            if (k > start && can_break_before(k)) best_break = k;
            if (width + g[k].w > max_width + 0.01f && k > start && !is_space(g[k].cp)) break;
            width += g[k].w;
        }
        if (newline) { emit(start, k); start = k + 1; if (start == g.size()) emit(start, start); continue; }
        if (k == g.size()) { emit(start, k); break; }
        // Line is full at k: break at the last allowed place, or mid-word if there is none.
        const size_t cut = best_break > start ? best_break : k;
        emit(start, cut);
        start = cut;
        while (start < g.size() && is_space(g[start].cp)) ++start;
    }
    if (lines.empty()) lines.push_back({0, 0, 0});
    return lines;
}

}  // namespace anxin
