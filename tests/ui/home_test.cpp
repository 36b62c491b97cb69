#include <doctest/doctest.h>

#include "ui/ui_harness.h"

using namespace anxin;
using anxin::test::UiHarness;

TEST_CASE("home shows a tile for each group of everyday tasks, settings, read-aloud and help") {
    UiHarness ui;
    CHECK(ui.heading() == "您好！想做什么？");
    const Content& c = ui.app->state().content;
    REQUIRE(c.groups.size() >= 3);
    for (const GuideGroup& group : c.groups) {
        const SemanticsNode& tile = ui.get(Role::Button, group.title);
        CHECK(tile.can(Action::Press));
        CHECK_FALSE(tile.value.empty());  // the subtitle travels with the tile as its description
    }
    CHECK_FALSE(ui.has(Role::Button, "医院挂号"));  // the guides are a choice further: home stays short
    CHECK(ui.has(Role::Button, "设置"));
    CHECK(ui.has(Role::Button, "朗读"));
    CHECK(ui.has(Role::Button, "找人帮忙"));
    CHECK_FALSE(ui.has(Role::Button, "返回"));  // nowhere to go back to from home
}

TEST_CASE("pressing a task tile opens that task, and 返回 comes back home") {
    UiHarness ui;
    SUBCASE("by an action request, as a screen reader would") { ui.open_guide("医院挂号"); }
    SUBCASE("by a pointer tap on the tile") { ui.open_guide("医院挂号", /*by_tap=*/true); }
    CHECK(ui.heading() == "医院挂号");
    CHECK(ui.has(Role::Text, ui.app->state().content.guide("hospital")->summary));
    ui.press(Role::Button, "返回");
    CHECK(ui.heading() == "看病");
    ui.press(Role::Button, "返回");
    CHECK(ui.heading() == "您好！想做什么？");
}

TEST_CASE("every guide is two choices from home: its group, then the guide; each choice is near the top") {
    UiHarness ui;
    const Content& c = ui.app->state().content;
    for (const Guide& g : c.guides) {
        CAPTURE(g.id);
        ui.app->state().nav.home();
        ui.settle();
        const GuideGroup* group = c.group_of(g.id);
        REQUIRE(group);
        ui.press(Role::Button, group->title);
        CHECK(ui.heading() == group->title);
        ui.press(Role::Button, g.title);
        CHECK(ui.heading() == g.title);
        // A screen reader's next-button moves reach each: no list is longer than a short walk.
        CHECK(group->guides.size() <= 5);
    }
    CHECK(c.groups.size() <= 5);
}

TEST_CASE("a family's picks come first on home, and every group is still below them") {
    Settings picks;
    picks.guide_order = {"anti-fraud", "hospital"};
    UiHarness ui(360, 640, settings_to_json(picks));
    CHECK(ui.has(Role::Heading, "家人为您选的"));
    const Rect fraud = ui.get(Role::Button, "防骗子").rect, hospital = ui.get(Role::Button, "医院挂号").rect;
    CHECK(fraud.y < hospital.y);
    CHECK(ui.has(Role::Heading, "全部课程"));
    for (const GuideGroup& group : ui.app->state().content.groups) CHECK(ui.get(Role::Button, group.title).rect.y > hospital.y);
}

TEST_CASE("Escape goes back one screen, and does nothing on home") {
    UiHarness ui;
    ui.press(Role::Button, "设置");
    CHECK(ui.heading() == "设置");
    ui.key(ImGuiKey_Escape);
    CHECK(ui.heading() == "您好！想做什么？");
    ui.key(ImGuiKey_Escape);
    CHECK(ui.heading() == "您好！想做什么？");
}

TEST_CASE("the help button is at the same place, with the same size, on every screen") {
    for (auto [w, h] : {std::pair{360.0f, 640.0f}, std::pair{1920.0f, 1080.0f}}) {
        CAPTURE(w);
        UiHarness ui(w, h);
        const Rect home = ui.get(Role::Button, "找人帮忙").rect;
        auto same = [&](const char* where) {
            CAPTURE(where);
            const Rect r = ui.get(Role::Button, "找人帮忙").rect;
            CHECK(r.x == home.x);
            CHECK(r.y == home.y);
            CHECK(r.w == home.w);
            CHECK(r.h == home.h);
        };
        ui.open_guide("坐公交地铁");
        same("guide");
        ui.press(Role::Button, "开始学习");
        same("step");
        ui.press(Role::Button, "回首页");
        ui.press(Role::Button, "设置");
        same("settings");
        ui.press(Role::Button, "找人帮忙");
        same("help");
        CHECK(home.bottom() <= h);
    }
}

TEST_CASE("a tap that turns into a drag scrolls the page instead of pressing what was under the finger") {
    UiHarness ui(360, 640);
    const Rect tile = ui.get(Role::Button, "钱和安全").rect;
    ImGuiIO& io = ImGui::GetIO();
    io.AddMousePosEvent(tile.x + 20, tile.y + 20);
    ui.frame();
    io.AddMouseButtonEvent(0, true);
    ui.frame();
    for (int i = 1; i <= 6; ++i) {
        io.AddMousePosEvent(tile.x + 20, tile.y + 20 - 15.0f * i);
        ui.frame();
    }
    io.AddMouseButtonEvent(0, false);
    ui.settle();
    CHECK(ui.heading() == "您好！想做什么？");  // not opened
    CHECK(ui.get(Role::Button, "钱和安全").rect.y < tile.y - 40);  // content moved up with the finger
}

TEST_CASE("started from the home tiles alone, the app draws home, then takes the full guides") {
    UiHarness ui;
    ui.app->replace_content(load_home_content(test::stage_dir() + "/assets"));
    ui.settle();
    CHECK(ui.has(Role::Button, "钱和安全"));
    ui.app->replace_content(load_content(test::stage_dir() + "/assets"));
    ui.open_guide("防骗子");
    ui.press(Role::Button, "开始学习");
    CHECK(ui.heading() == "自称警察要您转账");
}
