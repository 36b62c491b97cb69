#include "core/theme.h"

#include <algorithm>
#include <cmath>

namespace anxin {

const Palette& palette(ThemeId theme) {
    static const Palette kLight = {
        /*background*/ {0xFF, 0xFF, 0xFF}, /*text*/ {0x11, 0x11, 0x11}, /*muted*/ {0x3A, 0x3A, 0x3A},
        /*header_bg*/ {0x0B, 0x3D, 0x91}, /*header_text*/ {0xFF, 0xFF, 0xFF},
        /*button_bg*/ {0xF2, 0xF5, 0xFA}, /*button_text*/ {0x0B, 0x2A, 0x5C}, /*button_border*/ {0x0B, 0x3D, 0x91},
        /*button_pressed_bg*/ {0xD6, 0xE0, 0xF0},
        /*selected_bg*/ {0x0B, 0x3D, 0x91}, /*selected_text*/ {0xFF, 0xFF, 0xFF},
        /*help_bg*/ {0x9A, 0x00, 0x07}, /*help_text*/ {0xFF, 0xFF, 0xFF},
        /*focus_ring*/ {0x00, 0x00, 0x00},
    };
    static const Palette kDark = {
        /*background*/ {0x00, 0x00, 0x00}, /*text*/ {0xFF, 0xFF, 0xFF}, /*muted*/ {0xE0, 0xE0, 0xE0},
        /*header_bg*/ {0x1A, 0x1A, 0x1A}, /*header_text*/ {0xFF, 0xE6, 0x00},
        /*button_bg*/ {0x00, 0x00, 0x00}, /*button_text*/ {0xFF, 0xE6, 0x00}, /*button_border*/ {0xFF, 0xE6, 0x00},
        /*button_pressed_bg*/ {0x33, 0x30, 0x00},
        /*selected_bg*/ {0xFF, 0xE6, 0x00}, /*selected_text*/ {0x00, 0x00, 0x00},
        /*help_bg*/ {0xFF, 0xB4, 0xB4}, /*help_text*/ {0x00, 0x00, 0x00},
        /*focus_ring*/ {0x00, 0xE5, 0xFF},
    };
    return theme == ThemeId::DarkHighContrast ? kDark : kLight;
}

double relative_luminance(Rgb c) {
    auto channel = [](uint8_t v) {
        const double s = v / 255.0;
        return s <= 0.04045 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}

double contrast_ratio(Rgb a, Rgb b) {
    const double la = relative_luminance(a), lb = relative_luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

std::vector<ColourPair> text_pairs(const Palette& p) {
    return {
        {"body text", p.text, p.background},
        {"muted text", p.muted_text, p.background},
        {"header text", p.header_text, p.header_bg},
        {"button text", p.button_text, p.button_bg},
        {"button text (pressed)", p.button_text, p.button_pressed_bg},
        {"selected option text", p.selected_text, p.selected_bg},
        {"help button text", p.help_text, p.help_bg},
        {"focus ring on background", p.focus_ring, p.background},
    };
}

}  // namespace anxin
