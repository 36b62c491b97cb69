// What assistive technology gets: every control named in Chinese with a role,
// focus order that follows reading order, a mirror kept exactly in step with the
// tree by updates that touch only what changed, announcements, self-voicing.
#include <doctest/doctest.h>


#include "core/settings.h"
#include "ui/ui_harness.h"

using namespace anxin;
using anxin::test::UiHarness;

namespace {

bool has_cjk(const std::string& s) {
    for (unsigned char c : s)
        if (c >= 0xE4 && c <= 0xE9) return true;  // lead byte of U+4E00..U+9FFF
    return false;
}


// The mirror built from updates alone holds exactly the tree's nodes, in order.
void check_mirror_matches(const UiHarness& ui) {
    const auto& nodes = ui.tree().nodes();
    REQUIRE(ui.a11y.nodes.size() == nodes.size());
    size_t in_order = 0;
    for (const auto& [container, ids] : ui.a11y.children) in_order += ids.size();
    CHECK(in_order == nodes.size());
    for (const auto& n : nodes) {
        CAPTURE(n.name);
        auto it = ui.a11y.nodes.find(n.id);
        REQUIRE(it != ui.a11y.nodes.end());
        CHECK(it->second.name == n.name);
        CHECK(it->second.role == role_name(n.role));
    }
    // Reading order within each container is the tree's order.
    for (const auto& [container, ids] : ui.a11y.children) {
        std::vector<uint32_t> expected;
        for (const auto& n : nodes)
            if (ui.a11y.nodes.at(n.id).container == container) expected.push_back(n.id);
        CHECK(ids == expected);
    }
}

}  // namespace

TEST_CASE("every control on every screen has a role and a Chinese name, and can be pressed (or typed in) and focused") {
    UiHarness ui(390, 844);
    test::walk_every_screen(ui, [&](const char* screen) {
        CAPTURE(screen);
        for (const SemanticsNode* n : ui.tree().interactive()) {
            CAPTURE(n->name);
            const bool keypad_digit = n->name.size() == 1 && n->name[0] >= '0' && n->name[0] <= '9';  // read as a digit
            CHECK((has_cjk(n->name) || keypad_digit));
            CHECK(n->can(Action::Focus));
            if (n->role == Role::TextBox) {
                CHECK(n->can(Action::SetText));
                continue;
            }
            CHECK((n->role == Role::Button || n->role == Role::Radio || n->role == Role::Checkbox || n->role == Role::Link));
            CHECK(n->can(Action::Press));
        }
    });
}

TEST_CASE("focus order (tree order) follows reading order: top to bottom, then left to right") {
    for (float w : {360.0f, 1920.0f}) {
        CAPTURE(w);
        UiHarness ui(w, 1080);
        test::walk_every_screen(ui, [&](const char* screen) {
            CAPTURE(screen);
            // Within the scrolling content (the fixed bars come before and after it).
            std::vector<const SemanticsNode*> controls;
            for (const SemanticsNode* n : ui.tree().interactive())
                if (n->parent != 0 && !n->has(State_Clipped)) controls.push_back(n);
            for (size_t i = 1; i < controls.size(); ++i) {
                const Rect& a = controls[i - 1]->rect;
                const Rect& b = controls[i]->rect;
                CAPTURE(controls[i - 1]->name);
                CAPTURE(controls[i]->name);
                const bool same_row = b.y < a.bottom() && a.y < b.bottom();
                if (same_row) CHECK(b.x >= a.right());
                else CHECK(b.y >= a.bottom() - 0.5f);
            }
        });
    }
}

TEST_CASE("the mirror, kept from updates alone, matches the tree on every screen; idle frames send nothing") {
    UiHarness ui(1280, 900);
    test::walk_every_screen(ui, [&](const char* screen) {
        CAPTURE(screen);
        check_mirror_matches(ui);
        const int updates = ui.a11y.updates;
        ui.frame();
        ui.frame();
        CHECK(ui.a11y.updates == updates);  // nothing changed, nothing sent
    });
}

TEST_CASE("an update touches only what changed: pressing a choice updates a few nodes, not the screen") {
    UiHarness ui(1280, 900);
    ui.press(Role::Button, "设置");
    const size_t before = ui.a11y.touched;
    ui.press(Role::Radio, "黑底黄字");
    ui.settle();
    CHECK(ui.a11y.touched - before <= 4);  // the two radios whose state changed (and nothing moved)
    check_mirror_matches(ui);
}

TEST_CASE("a new screen moves focus to its heading, and a step change is announced") {
    UiHarness ui;
    ui.open_guide("医院挂号");
    CHECK(ui.a11y.focus == ui.get(Role::Heading, "医院挂号").id);
    ui.press(Role::Button, "开始学习");
    const Guide& g = *ui.app->state().content.guide("hospital");
    CHECK(ui.a11y.focus == ui.get(Role::Heading, g.steps[0].title).id);
    REQUIRE_FALSE(ui.a11y.announced.empty());
    CHECK(ui.a11y.announced.back().text == "第 1 步，共 " + std::to_string(g.steps.size()) + " 步：" + g.steps[0].title);
    CHECK_FALSE(ui.a11y.announced.back().assertive);
    ui.press(Role::Button, "下一步");
    CHECK(ui.a11y.announced.back().text == "第 2 步，共 " + std::to_string(g.steps.size()) + " 步：" + g.steps[1].title);
}

TEST_CASE("a settings save the browser refuses is announced at once (assertive), once") {
    UiHarness ui;
    ui.storage.refuse_writes = true;
    ui.press(Role::Button, "设置");
    ui.press(Role::Radio, "大");
    ui.settle();
    int told = 0;
    for (const auto& a : ui.a11y.announced) told += a.assertive && a.text == "这个浏览器不让保存设置，关掉页面后会恢复原样。";
    CHECK(told == 1);
}

TEST_CASE("focus from the keyboard on a control below the fold scrolls it into view and rings it") {
    Settings s;
    s.text_size = TextSize::Largest;
    UiHarness ui(360, 640, settings_to_json(s));
    ui.press(Role::Button, "设置");
    const SemanticsNode& last = ui.get(Role::Radio, "粤语");
    REQUIRE(last.has(State_Clipped));
    ui.app->actions().request(last.id, Action::Focus);
    ui.settle();
    const SemanticsNode& now = ui.get(Role::Radio, "粤语");
    CHECK_FALSE(now.has(State_Clipped));
    CHECK(now.has(State_Focused));
}

TEST_CASE("self-voicing says the focused control's name and state; not when a screen reader is in use") {
    SUBCASE("no screen reader: the app speaks") {
        UiHarness ui;
        ui.press(Role::Button, "设置");
        ui.app->actions().request(ui.get(Role::Radio, "大").id, Action::Focus);
        ui.settle();
        REQUIRE_FALSE(ui.speech.spoken.empty());
        CHECK(ui.speech.spoken.back().text == "大，选项，未选中。");
    }
    SUBCASE("the user said a screen reader is in use: the app stays quiet") {
        Settings s;
        s.screen_reader = true;
        UiHarness ui(1920, 1080, settings_to_json(s));
        ui.press(Role::Button, "设置");
        const size_t spoken = ui.speech.spoken.size();
        ui.app->actions().request(ui.get(Role::Radio, "大").id, Action::Focus);
        ui.settle();
        CHECK(ui.speech.spoken.size() == spoken);
        ui.press(Role::Button, "朗读");  // reading aloud on request still works
        CHECK(ui.speech.spoken.size() == spoken + 1);
    }
}
