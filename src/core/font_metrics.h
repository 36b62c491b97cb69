// Reads the few numbers we need from an OpenType/TrueType file's tables:
// the em size and the line box (hhea ascender - descender). ImGui sizes fonts
// by line box; CSS sizes them by em. The ratio converts one to the other, so
// "32 px" in this app means what it means in a browser.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>

namespace anxin {

struct FontMetrics {
    int units_per_em = 0;
    int ascender = 0;   // hhea, font units
    int descender = 0;  // hhea, font units (negative)
    float line_height_per_em() const { return float(ascender - descender) / float(units_per_em); }
};

std::optional<FontMetrics> read_font_metrics(const uint8_t* data, size_t size);

}  // namespace anxin
