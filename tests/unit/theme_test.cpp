#include <doctest/doctest.h>

#include "core/theme.h"

using namespace anxin;

TEST_CASE("contrast ratio matches WCAG's reference values") {
    CHECK(contrast_ratio({0, 0, 0}, {255, 255, 255}) == doctest::Approx(21.0));
    CHECK(contrast_ratio({255, 255, 255}, {255, 255, 255}) == doctest::Approx(1.0));
    CHECK(contrast_ratio({0x76, 0x76, 0x76}, {255, 255, 255}) == doctest::Approx(4.54).epsilon(0.01));
}

TEST_CASE("every text colour in both themes has at least 7:1 contrast with what it is drawn on") {
    for (ThemeId theme : {ThemeId::Light, ThemeId::DarkHighContrast}) {
        for (const ColourPair& pair : text_pairs(palette(theme))) {
            CAPTURE(int(theme));
            CAPTURE(pair.what);
            CHECK(contrast_ratio(pair.fg, pair.bg) >= 7.0);
        }
    }
}
