// Elder-mode layout rules, checked on every screen, at every text size, on a
// phone, a tablet and a kiosk, through the semantics tree.
#include <doctest/doctest.h>


#include "core/settings.h"
#include "core/text_scale.h"
#include "ui/ui_harness.h"

using namespace anxin;
using anxin::test::UiHarness;

namespace {

struct Viewport { float w, h; };
const Viewport kViewports[] = {{360, 640}, {768, 1024}, {1920, 1080}};


void check_screen(const UiHarness& ui, DeviceClass device, TextSize size) {
    const TypeScale type = type_scale(device, size);
    const float min_body = device == DeviceClass::Phone ? 28.0f : 32.0f;
    const auto targets = ui.tree().interactive();
    REQUIRE(!targets.empty());
    for (const SemanticsNode* t : targets) {
        CAPTURE(t->name);
        CHECK(t->rect.w >= 72.0f);
        CHECK(t->rect.h >= 72.0f);
        CHECK(t->rect.x >= 0.0f);
        CHECK(t->rect.right() <= ui.width + 0.5f);
        CHECK(!t->name.empty());
    }
    // Targets on screen keep their distance. (A target scrolled partly under a fixed bar
    // is cut off there: only its visible part takes taps.)
    for (size_t i = 0; i < targets.size(); ++i)
        for (size_t j = i + 1; j < targets.size(); ++j) {
            if (targets[i]->has(State_Clipped) || targets[j]->has(State_Clipped)) continue;
            CAPTURE(targets[i]->name);
            CAPTURE(targets[j]->name);
            CHECK(gap_between(targets[i]->rect, targets[j]->rect) >= 8.0f);
        }
    for (const SemanticsNode& n : ui.tree().nodes()) {
        if (n.font_px <= 0) continue;
        CAPTURE(n.name);
        CHECK(n.rect.x >= 0.0f);                    // nothing runs off either side:
        CHECK(n.rect.right() <= ui.width + 0.5f);   // text wraps instead
        if (n.role == Role::Heading && n.level == 1) CHECK(n.font_px > type.body);
        const SemanticsNode* parent = ui.tree().find_id(n.parent);
        if (parent && parent->role == Role::Image) {  // the simulated phone: a picture of a phone, text at 80%
            CHECK(n.font_px >= 22.0f);
            continue;
        }
        CHECK(n.font_px >= type.body - 0.01f);
        CHECK(n.font_px >= min_body);
    }
    // Every node has its own id: the DOM mirror and action requests find nodes by it.
    for (size_t i = 0; i < ui.tree().nodes().size(); ++i)
        for (size_t j = i + 1; j < ui.tree().nodes().size(); ++j) {
            CAPTURE(ui.tree().nodes()[i].name);
            CAPTURE(ui.tree().nodes()[j].name);
            CHECK(ui.tree().nodes()[i].id != ui.tree().nodes()[j].id);
        }
    // Text never overlaps other text or targets.
    const auto& nodes = ui.tree().nodes();
    for (size_t i = 0; i < nodes.size(); ++i)
        for (size_t j = i + 1; j < nodes.size(); ++j) {
            const auto& a = nodes[i];
            const auto& b = nodes[j];
            if (a.font_px <= 0 || b.font_px <= 0) continue;
            if (a.parent == b.id || b.parent == a.id) continue;
            if ((a.has(State_Clipped) || b.has(State_Clipped))) continue;  // scrolled under a fixed bar
            CAPTURE(a.name);
            CAPTURE(b.name);
            CHECK_FALSE(overlaps(a.rect, b.rect));
        }
}

}  // namespace

TEST_CASE("every screen meets the elder-mode rules at every text size on phone, tablet and kiosk") {
    for (const Viewport& vp : kViewports) {
        for (int s = 0; s < kTextSizeCount; ++s) {
            CAPTURE(vp.w);
            CAPTURE(s);
            Settings settings;
            settings.text_size = TextSize(s);
            UiHarness ui(vp.w, vp.h, settings_to_json(settings));
            const DeviceClass device = device_class_for_width(vp.w);
            test::walk_every_screen(ui, [&](const char* screen) {
                CAPTURE(screen);
                check_screen(ui, device, TextSize(s));
            });
        }
    }
}

TEST_CASE("body text is at least 32 px on wide screens and 28 px on phones, and reaches 64 / 48 px at the largest size") {
    CHECK(type_scale(DeviceClass::Wide, TextSize::Standard).body >= 32);
    CHECK(type_scale(DeviceClass::Phone, TextSize::Standard).body >= 28);
    CHECK(type_scale(DeviceClass::Wide, TextSize::Largest).body >= 64);
    CHECK(type_scale(DeviceClass::Phone, TextSize::Largest).body >= 48);
    UiHarness ui(390, 844);
    CHECK(ui.get(Role::Text, "点一下下面的大按钮，我一步一步教您。").font_px >= 28);
}

TEST_CASE("a long screen scrolls so its last item can be reached, and the fixed bars stay put") {
    Settings settings;
    settings.text_size = TextSize::Largest;
    UiHarness ui(360, 640, settings_to_json(settings));
    ui.press(Role::Button, "设置");
    const SemanticsNode& last = ui.get(Role::Button, "我的反馈");
    CHECK(last.has(State_Clipped));  // below the fold at first
    const Rect help_before = ui.get(Role::Button, "找人帮忙").rect;
    ImGuiIO& io = ImGui::GetIO();
    io.AddMousePosEvent(180, 320);
    for (int i = 0; i < 60; ++i) {
        io.AddMouseWheelEvent(0, -5);
        ui.frame();
    }
    ui.settle();
    CHECK_FALSE(ui.get(Role::Button, "我的反馈").has(State_Clipped));
    const Rect help_after = ui.get(Role::Button, "找人帮忙").rect;
    CHECK(help_after.y == help_before.y);
    ui.press(Role::Button, "我的反馈");
    CHECK(ui.heading() == "我的反馈");
}

TEST_CASE("on a 360 x 640 phone, 上一步 and 下一步 are on screen without scrolling on every step, at every text size") {
    for (int s = 0; s < kTextSizeCount; ++s) {
        CAPTURE(s);
        Settings settings;
        settings.text_size = TextSize(s);
        UiHarness ui(360, 640, settings_to_json(settings));
        for (const Guide& g : ui.app->state().content.guides) {
            CAPTURE(g.id);
            ui.app->state().nav.home();
            ui.app->state().nav.go({ScreenId::Step, g.id, 0});
            ui.settle();
            for (size_t i = 0; i < g.steps.size(); ++i) {
                CAPTURE(i);
                const std::string next = i + 1 == g.steps.size() ? "完成" : "下一步";
                const SemanticsNode& button = ui.get(Role::Button, next);
                CHECK_FALSE(button.has(State_Clipped));
                CHECK(button.rect.y >= 0);
                CHECK(button.rect.bottom() + 8 <= ui.get(Role::Button, "找人帮忙").rect.y);  // above 找人帮忙
                CHECK(button.rect.h >= 72);
                if (i > 0) {
                    const SemanticsNode& prev = ui.get(Role::Button, "上一步");
                    CHECK_FALSE(prev.has(State_Clipped));
                    CHECK(prev.rect.bottom() <= 640);
                }
                if (i + 1 < g.steps.size()) {
                    ui.press(Role::Button, next);
                    CHECK(ui.heading() == g.steps[i + 1].title);
                }
            }
        }
    }
}
