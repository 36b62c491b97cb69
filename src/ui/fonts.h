// Loads the app's CJK font subset into ImGui. ImGui 1.92 rasterises glyphs on
// demand at whatever size is pushed, so one font file serves every text size
// and every device pixel ratio.
#pragma once
#include <string>

#include "imgui.h"

namespace anxin {

struct AppFont {
    ImFont* font = nullptr;
    float line_per_em = 0;  // ImGui size (line box) per CSS em, read from the font file
};

// Adds the font at `path` to the current ImGui context's atlas. On failure returns
// font == nullptr and sets `error` to a sentence naming the file.
AppFont load_app_font(const std::string& path, std::string* error);

}  // namespace anxin
