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

bool is_digit(uint32_t cp) { return cp >= '0' && cp <= '9'; }
// Words that count what a number counts: "9 步", "2026 年", "100 元" stay on one line.
bool is_measure_word(uint32_t cp) {
    switch (cp) {
        case 0x6B65: case 0x5E74: case 0x6708: case 0x65E5: case 0x53F7: case 0x5143: case 0x5757: case 0x5C81:  // 步年月日号元块岁
        case 0x4E2A: case 0x5206: case 0x79D2: case 0x6B21: case 0x5929: case 0x4F4D: case 0x4EBA: case 0x70B9:  // 个分秒次天位人点
        case 0x5C0F: case 0x9875: case 0x5F20: case 0x6761:                                                      // 小(时)页张条
            return true;
        default: return false;
    }
}
// Words that lead a number: "第 2", "共 9".
bool is_number_lead(uint32_t cp) { return cp == 0x7B2C || cp == 0x5171; }
constexpr size_t kShortQuote = 4;  // “我的”, “免密支付”: quoted names this short stay whole

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

    // Short quoted names (“我的”) are kept whole: glyphs inside one are marked.
    std::vector<bool> in_quote(g.size(), false);
    for (size_t open = 0; open < g.size(); ++open) {
        if (g[open].cp != 0x201C) continue;
        size_t close = open + 1;
        while (close < g.size() && close - open - 1 <= kShortQuote && g[close].cp != 0x201D && g[close].cp != '\n') ++close;
        if (close < g.size() && g[close].cp == 0x201D && close - open - 1 <= kShortQuote)
            for (size_t k = open + 1; k <= close; ++k) in_quote[k] = true;
    }
    // The glyph before k, and after k, skipping spaces ("2 步" is a number and its measure word).
    auto before = [&](size_t k) -> uint32_t {
        while (k > 0 && is_space(g[k - 1].cp)) --k;
        return k > 0 ? g[k - 1].cp : 0;
    };
    auto from = [&](size_t k) -> uint32_t {
        while (k < g.size() && is_space(g[k].cp)) ++k;
        return k < g.size() ? g[k].cp : 0;
    };

    // A break is allowed before glyph k when k > start and the pair (k-1, k) permits it.
    auto can_break_before = [&](size_t k) {
        const uint32_t prev = g[k - 1].cp, cur = g[k].cp;
        if (is_no_line_start(cur) || is_no_line_end(prev)) return false;
        if (in_quote[k]) return false;
        if (is_digit(before(k)) && is_measure_word(from(k))) return false;   // "9 | 步"
        if (is_number_lead(before(k)) && is_digit(from(k))) return false;    // "共 | 9"
        if (is_space(prev)) return true;
        if (is_word_char(prev) && is_word_char(cur)) return false;
        return !is_space(cur);
    };
    // Glyphs that would be alone on the last line (not counting closing punctuation).
    auto left_alone = [&](size_t cut) {
        size_t n = 0;
        for (size_t k = cut; k < g.size() && g[k].cp != '\n'; ++k) n += !is_space(g[k].cp) && !is_no_line_start(g[k].cp);
        return n == 1;
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
        size_t cut = best_break > start ? best_break : k;
        // Never one character alone on the last line: take one more down with it, if allowed.
        if (left_alone(cut))
            for (size_t earlier = cut - 1; earlier > start + 1; --earlier)
                if (can_break_before(earlier)) { cut = earlier; break; }
        emit(start, cut);
        start = cut;
        while (start < g.size() && is_space(g[start].cp)) ++start;
    }
    if (lines.empty()) lines.push_back({0, 0, 0});
    return lines;
}

}  // namespace anxin
