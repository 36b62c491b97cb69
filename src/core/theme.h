// Colour themes. Every text colour is paired with the backgrounds it is drawn
// on, and tests check each pair reaches 7:1 (WCAG 2.2 AAA). Colour is never the
// only cue: selected items also carry a mark and a thicker outline.
#pragma once
#include <cstdint>
#include <vector>

#include "core/settings.h"

namespace anxin {

struct Rgb { uint8_t r, g, b; };

struct Palette {
    Rgb background;       // screen
    Rgb text;             // body text on background
    Rgb muted_text;       // secondary text on background (still >= 7:1)
    Rgb header_bg;        // top bar
    Rgb header_text;
    Rgb button_bg;        // ordinary button
    Rgb button_text;
    Rgb button_border;
    Rgb button_pressed_bg;
    Rgb selected_bg;      // chosen radio option
    Rgb selected_text;
    Rgb help_bg;          // the one-key help button
    Rgb help_text;
    Rgb focus_ring;       // keyboard focus outline, drawn on background
};

const Palette& palette(ThemeId theme);
double relative_luminance(Rgb c);
double contrast_ratio(Rgb a, Rgb b);

struct ColourPair { const char* what; Rgb fg; Rgb bg; };
std::vector<ColourPair> text_pairs(const Palette& p);  // every (text, background) the UI draws

}  // namespace anxin
