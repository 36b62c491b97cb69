// Glyphs on demand, the ImGui side (the model is core/glyph_slices.h).
//
// A last font source, added behind the app's subset, owns no glyphs: ImGui asks it
// only for a character no loaded font has, and it notes that character. After the
// frame the character's slice is fetched (Files); before a later frame the slice is
// merged into the app font and the font's baked sizes are dropped, so the next frame
// draws the real glyph. Meanwhile ImGui draws the fallback, a full-width box (□),
// which has the advance of a Chinese character: the line does not move when the
// glyph arrives. Characters no slice has (most emoji) keep the box.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/glyph_slices.h"
#include "core/platform.h"
#include "imgui.h"

namespace anxin {

class GlyphSupply {
public:
    // `base_url` is where the slices are ("fonts/slices/"). Sets the font's fallback to □.
    GlyphSupply(ImFont* font, GlyphSlices index, std::string base_url, Files& files, Clock& clock);
    ~GlyphSupply();
    GlyphSupply(const GlyphSupply&) = delete;
    GlyphSupply& operator=(const GlyphSupply&) = delete;

    // Outside a frame (before ImGui::NewFrame): merges arrived slices into the font.
    // True when glyphs changed and the screen must be drawn again.
    bool before_frame();
    // After a frame: asks for the slices of characters that were missing, and for retries.
    void after_frame();

    const GlyphSlices& index() const { return index_; }
    void note_missing(uint32_t cp) { missing_.push_back(cp); }  // from the font source

private:
    ImFont* font_;
    GlyphSlices index_;
    std::string base_url_;
    Files& files_;
    Clock& clock_;
    std::vector<uint32_t> missing_;
    std::map<int, int> fetching_;  // file request id -> slice
};

// The placeholder drawn for a character that is not (yet) in the font.
constexpr ImWchar kPlaceholderChar = 0x25A1;  // □ WHITE SQUARE, full width in Noto Sans CJK

}  // namespace anxin
