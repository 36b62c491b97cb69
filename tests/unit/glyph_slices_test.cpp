// The index of font slices and each slice's progress: which slice holds a
// character, fetch once, check the bytes, retry failures later, never retry a
// font that cannot be read. And the shipped index against the shipped slices.
#include <doctest/doctest.h>

#include <string>

#include "core/content.h"
#include "core/glyph_slices.h"
#include "core/utf8.h"

using namespace anxin;

namespace {
const char* kIndex = R"({"format":2,"font":"test","slices":[
  [5, 1335831723, [[32, 126]]],
  [3, 0, [[19968, 20000], [20100, 20200]]]]})";  // fnv1a32("hello") = 1335831723

GlyphSlices parsed(const char* text = kIndex) {
    std::string why;
    auto index = GlyphSlices::parse(text, &why);
    REQUIRE_MESSAGE(index.has_value(), why);
    return *index;
}
}  // namespace

TEST_CASE("a character is found in the slice whose runs hold it, and nowhere else") {
    GlyphSlices index = parsed();
    CHECK(index.size() == 2);
    CHECK(index.slice(0).file == "00020-4f9f2cab.otf");  // first code point and hash, in hex
    CHECK(index.slice(1).file == "04e00-00000000.otf");
    CHECK(index.find('A') == 0);
    CHECK(index.find(19968) == 1);
    CHECK(index.find(20000) == 1);
    CHECK(index.find(20050) == -1);  // between two runs of the same slice
    CHECK(index.find(20200) == 1);
    CHECK(index.find(0x1F600) == -1);  // 😀: no slice, so a placeholder without a fetch
    CHECK(index.find(0) == -1);
}

TEST_CASE("a broken index is refused with a reason") {
    std::string why;
    CHECK_FALSE(GlyphSlices::parse("not json", &why));
    CHECK(why.find("not a JSON object") != std::string::npos);
    CHECK_FALSE(GlyphSlices::parse(R"({"format":1,"slices":[]})", &why));
    CHECK(why.find("format") != std::string::npos);
    CHECK_FALSE(GlyphSlices::parse(R"({"format":2,"slices":[[1,2]]})", &why));
    CHECK(why.find("slice 0") != std::string::npos);
    CHECK_FALSE(GlyphSlices::parse(R"({"format":2,"slices":[[1,2,[]]]})", &why));
    CHECK(why.find("slice 0") != std::string::npos);
    CHECK_FALSE(GlyphSlices::parse(R"({"format":2,"slices":[[1,2,[[5,2]]]]})", &why));
    CHECK(why.find("out of order") != std::string::npos);
    CHECK_FALSE(GlyphSlices::parse(R"({"format":2,"slices":[[1,2,[[1,9]]],[1,2,[[5,20]]]]})", &why));
    CHECK(why.find("overlap") != std::string::npos);
}

TEST_CASE("a wanted slice is fetched once, checked, and loaded") {
    GlyphSlices index = parsed();
    CHECK(index.want('A', 100));
    CHECK(index.want('B', 101));  // same slice: still one fetch
    CHECK_FALSE(index.want(0x1F600, 102));
    CHECK(index.state(0) == SliceState::Wanted);
    CHECK(index.start_due(110) == std::vector<int>{0});
    CHECK(index.start_due(111).empty());  // already on its way
    CHECK(index.state(0) == SliceState::Fetching);
    CHECK(index.arrived(0, "hello", 150));
    index.loaded(0, 160);
    CHECK(index.state(0) == SliceState::Loaded);
    CHECK(index.want('C', 170));
    CHECK(index.start_due(171).empty());  // loaded slices are never fetched again
    CHECK(index.stats().wanted == 1);
    CHECK(index.stats().loaded == 1);
    CHECK(index.stats().bytes_fetched == 5);
    CHECK(index.stats().first_wanted_ms == 100);
    CHECK(index.stats().last_loaded_ms == 160);
}

TEST_CASE("a failed or corrupt slice is retried later, with growing waits; an unreadable one never") {
    GlyphSlices index = parsed();
    index.want('A', 0);
    index.start_due(0);
    index.fetch_failed(0, 1000);
    CHECK(index.state(0) == SliceState::Failed);
    CHECK(index.next_retry_ms() == 3000);  // 2 s after the first failure
    CHECK(index.start_due(2999).empty());
    CHECK(index.start_due(3000) == std::vector<int>{0});
    CHECK_FALSE(index.arrived(0, "hellO", 3100));  // the right size, the wrong bytes
    CHECK(index.next_retry_ms() == 3100 + 4000);
    index.start_due(7100);
    CHECK_FALSE(index.arrived(0, "hell", 7200));  // truncated
    CHECK(index.stats().failures == 3);
    CHECK(index.stats().bytes_fetched == 0);
    index.start_due(20000);
    CHECK(index.arrived(0, "hello", 20100));
    index.unreadable(0);
    CHECK(index.state(0) == SliceState::Broken);
    CHECK(index.next_retry_ms() == -1);
    CHECK(index.start_due(1e9).empty());
}

TEST_CASE("the shipped index covers rare names, traditional characters and beyond the BMP, and matches its files") {
    const std::string dir = ANXIN_FONT_SLICES_DIR;
    auto text = read_text_file(dir + "/slices.json");
    REQUIRE(text.has_value());
    GlyphSlices index = parsed(text->c_str());
    CHECK(index.size() > 100);
    for (uint32_t cp : utf8_decode("龚赟喆淼禤𠮷鑫體０Ａ"))
        CHECK_MESSAGE(index.find(cp) >= 0, "U+", cp);
    CHECK(index.find(0x1F600) == -1);  // emoji are not in the font: placeholder
    // Every slice the index names exists, with the size and checksum it says.
    for (int i = 0; i < index.size(); ++i) {
        const FontSlice& s = index.slice(i);
        auto bytes = read_text_file(dir + "/slices/" + s.file);
        REQUIRE_MESSAGE(bytes.has_value(), s.file);
        CHECK(bytes->size() == s.bytes);
        CHECK(fnv1a32(*bytes) == s.fnv1a);
        CHECK(s.bytes < 100 * 1024);
    }
}
