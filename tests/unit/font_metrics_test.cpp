#include <doctest/doctest.h>

#include "core/content.h"
#include "core/font_metrics.h"

using namespace anxin;

TEST_CASE("the shipped font's line box is about 1.45 em, so line height is at least 1.4") {
    auto bytes = read_text_file(std::string(ANXIN_STAGE_DIR) + "/fonts/anxin-sc.otf");
    REQUIRE(bytes);
    auto m = read_font_metrics(reinterpret_cast<const uint8_t*>(bytes->data()), bytes->size());
    REQUIRE(m);
    CHECK(m->units_per_em == 1000);
    CHECK(m->line_height_per_em() >= 1.4f);
    CHECK(m->line_height_per_em() < 1.6f);
}

TEST_CASE("a file that is not a font is refused, not misread") {
    const std::string junk = "this is not a font, just some text of reasonable length";
    CHECK_FALSE(read_font_metrics(reinterpret_cast<const uint8_t*>(junk.data()), junk.size()));
    CHECK_FALSE(read_font_metrics(nullptr, 0));
    // Right magic, table directory pointing past the end.
    uint8_t truncated[28] = {0x4F, 0x54, 0x54, 0x4F, 0, 1};
    CHECK_FALSE(read_font_metrics(truncated, sizeof truncated));
}
