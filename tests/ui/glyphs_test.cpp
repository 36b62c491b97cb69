// Any text shows: characters that are not in the shipped font (a helper's rare
// name, an answer with traditional or beyond-BMP characters) are drawn as a box
// of the same width at once, and as themselves once their font slice arrives;
// a failed or corrupt slice keeps the box and is tried again later.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "core/content.h"
#include "core/utf8.h"
#include "ui/ui_harness.h"

using namespace anxin;
using anxin::test::UiHarness;
using nlohmann::json;

namespace {

// The shipped subset must not have these, or the test proves nothing.
void require_not_shipped(const std::string& text) {
    auto shipped = read_text_file(test::stage_dir() + "/fonts/anxin-sc.chars.txt");
    REQUIRE(shipped.has_value());
    for (uint32_t cp : utf8_decode(text)) {
        char utf8[5] = {};
        ImTextCharToUtf8(utf8, cp);
        REQUIRE_MESSAGE(shipped->find(utf8) == std::string::npos, utf8, " is in the shipped font");
    }
}

// The glyph the app draws for `cp` in the text of node `n`.
const ImFontGlyph* drawn_glyph(UiHarness& ui, const SemanticsNode& n, uint32_t cp) {
    ImFontBaked* baked = ui.font().font->GetFontBaked(n.font_px * ui.font().line_per_em);
    return baked->FindGlyph(ImWchar(cp));
}

void ask_for_callback(UiHarness& ui, const std::string& helper) {
    json st{{"id", std::string(32, 'a')}, {"status", "accepted"}, {"helper", helper}, {"promise_minutes", 40},
            {"position", 0}, {"overdue", false}, {"escalated", false}};
    ui.network.auto_answer = [st](const test::FakeNetwork::Call&) -> std::optional<HttpResponse> { return HttpResponse{201, st.dump()}; };
    ui.press(Role::Button, "找人帮忙");
    ui.press(Role::Button, "请人给我回电");
    for (char d : std::string("13800138000")) ui.press(Role::Button, std::string(1, d));
    ui.press(Role::Button, "发送，请人回电");
    ui.settle();
}

const SemanticsNode& status_node(UiHarness& ui) {
    for (const auto& n : ui.tree().nodes())
        if (n.role == Role::Status) return n;
    FAIL("no status on screen");
    throw 0;
}

}  // namespace

TEST_CASE("a helper named 龚赟: a box of the same width at once, the real glyphs once their slice arrives") {
    require_not_shipped("龚赟");
    UiHarness ui(390, 844);
    ui.files.hold = true;  // the slice is on its way
    ask_for_callback(ui, "龚赟");

    const SemanticsNode& waiting = status_node(ui);
    CHECK(waiting.name.rfind("龚赟 已经接手", 0) == 0);            // the tree (and the DOM mirror) has the text at once
    CHECK(ui.a11y.nodes.at(waiting.id).name == waiting.name);
    const ImFontGlyph* placeholder = drawn_glyph(ui, waiting, 0x8D5F);  // 赟
    REQUIRE(placeholder != nullptr);
    CHECK(placeholder->Codepoint == 0x25A1);                          // □, never ?
    const ImFontGlyph* han = drawn_glyph(ui, waiting, 0x63A5);        // 接, shipped: a full-width reference
    CHECK(placeholder->AdvanceX == doctest::Approx(han->AdvanceX));
    const float placeholder_advance = placeholder->AdvanceX;  // the font's glyph list may grow (and move) by the next frame
    const Rect before = waiting.rect;
    REQUIRE(ui.files.requested.size() == 2);                          // 龚 and 赟 are in two slices
    CHECK(ui.files.requested[0].find(test::font_slices_dir() + "/slices/") == 0);

    ui.files.release();
    ui.settle();
    const SemanticsNode& shown = status_node(ui);
    const ImFontGlyph* real = drawn_glyph(ui, shown, 0x8D5F);
    CHECK(real->Codepoint == 0x8D5F);
    CHECK(real->Visible);
    CHECK(drawn_glyph(ui, shown, 0x9F9A)->Codepoint == 0x9F9A);        // 龚
    CHECK(real->AdvanceX == doctest::Approx(placeholder_advance));
    CHECK(shown.rect.w == doctest::Approx(before.w));                 // no layout jump
    CHECK(shown.rect.h == doctest::Approx(before.h));
    const GlyphStats& stats = ui.app->glyphs()->index().stats();
    CHECK(stats.loaded == 2);
    CHECK(ui.files.kept == ui.files.requested);  // kept for offline use once found right
    CHECK(stats.bytes_fetched > 2 * 10000);
    CHECK(stats.bytes_fetched < 2 * 100 * 1024);
}

TEST_CASE("an answer with 𠮷, 鑫淼 and 體 shows in 我的反馈, beyond the BMP included") {
    const std::string answer = "谢谢𠮷先生，鑫淼說的體驗已改好。";
    require_not_shipped("𠮷鑫淼體");
    UiHarness ui;
    ui.network.auto_answer = [answer](const test::FakeNetwork::Call& c) -> std::optional<HttpResponse> {
        if (c.method == "POST") return HttpResponse{201, R"({"id":"0123456789abcdef0123456789abcdef","status":"new"})"};
        return HttpResponse{200, json{{"id", "0123456789abcdef0123456789abcdef"}, {"status", "answered"}, {"answer", answer}}.dump()};
    };
    ui.open_guide("电子健康卡");
    ui.press(Role::Button, "开始学习");
    ui.press(Role::Button, "这一步有问题？告诉我们");
    ui.press(Role::Radio, "和我手机上的不一样");
    ui.press(Role::Button, "发送");
    ui.press(Role::Button, "返回");
    ui.press(Role::Button, "回首页");
    ui.press(Role::Button, "设置");
    ui.press(Role::Button, "我的反馈");
    ui.settle();
    const SemanticsNode& text = ui.get(Role::Text, "回答：" + answer);
    for (uint32_t cp : utf8_decode("𠮷鑫淼體驗說"))
        CHECK_MESSAGE(drawn_glyph(ui, text, cp)->Codepoint == cp, "U+", cp);
    CHECK(ui.files.requested.size() >= 2);  // 𠮷 lives far from the others
}

TEST_CASE("a slice that fails, or arrives corrupt, keeps the box, the app keeps working, and a retry brings the glyph") {
    UiHarness ui(390, 844);
    ui.files.offline = true;
    ask_for_callback(ui, "龚赟");
    CHECK(drawn_glyph(ui, status_node(ui), 0x8D5F)->Codepoint == 0x25A1);
    CHECK(ui.heading() == "回电进度");  // still working
    REQUIRE(ui.files.requested.size() == 2);
    REQUIRE(ui.clock.wake_at > ui.clock.ms);  // a retry is planned, and the app will wake for it

    // The retry arrives corrupt (say, cut short by a flaky network): thrown away, not kept.
    ui.files.offline = false;
    ui.files.spoil = [](std::string& bytes) { bytes.resize(bytes.size() / 2); };
    ui.clock.ms = ui.clock.wake_at;
    ui.settle();
    CHECK(ui.files.requested.size() == 4);
    CHECK(ui.files.discarded.size() == 2);
    CHECK(ui.files.discarded[0] == ui.files.requested[2]);
    CHECK(drawn_glyph(ui, status_node(ui), 0x8D5F)->Codepoint == 0x25A1);

    // Then a good copy arrives.
    ui.files.spoil = nullptr;
    ui.clock.ms = ui.clock.wake_at;
    ui.settle();
    CHECK(ui.files.requested.size() == 6);
    CHECK(ui.files.kept.size() == 2);  // only the good copies are kept
    CHECK(drawn_glyph(ui, status_node(ui), 0x8D5F)->Codepoint == 0x8D5F);
    CHECK(ui.app->glyphs()->index().stats().failures == 4);
}

TEST_CASE("an emoji in a name is not fetched: a box stands in, and the rest of the text shows") {
    UiHarness ui(390, 844);
    ask_for_callback(ui, "😀");
    const SemanticsNode& st = status_node(ui);
    CHECK(st.name.rfind("😀 已经接手", 0) == 0);
    CHECK_MESSAGE(ui.files.requested.empty(), (ui.files.requested.empty() ? "" : ui.files.requested[0]));
    CHECK(drawn_glyph(ui, st, 0x1F600)->Codepoint == 0x25A1);
    CHECK(drawn_glyph(ui, st, 0x63A5)->Codepoint == 0x63A5);  // 接
}
