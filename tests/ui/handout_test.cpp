// 打印讲义: the app draws a guide's pictures one a frame (each step's phone, then the QR
// code that opens the guide), the page takes each; after the last the handout's words are
// ready once. And "#guide=" (the QR code's address) opens that guide.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "ui/ui_harness.h"

using namespace anxin;
using anxin::test::UiHarness;
using nlohmann::json;

TEST_CASE("打印讲义: every step's phone and then the QR code are drawn for the page to take, then the words") {
    UiHarness ui(1280, 900);
    ui.app->open_address("#handout=hospital");
    ui.settle();
    const Guide* g = ui.app->state().content.guide("hospital");
    REQUIRE(g);
    CHECK(ui.heading() == "打印讲义");
    CHECK_FALSE(ui.has(Role::Button, "找人帮忙"));  // no bars on the pictures

    std::vector<int> taken;
    std::optional<std::string> doc;
    for (int guard = 0; guard < 60 && !doc; ++guard) {
        int index = -1;
        Rect rect;
        REQUIRE(ui.app->handout_shot(&index, &rect));
        const bool has_screen = index < int(g->steps.size()) ? g->steps[size_t(index)].has_screen : true;
        if (has_screen) {
            // Whole, inside the window, and large enough to print sharp.
            CHECK(rect.w >= 300);
            CHECK(rect.x >= 0);
            CHECK(rect.y >= 0);
            CHECK(rect.right() <= 1280);
            CHECK(rect.bottom() <= 900);
            const SemanticsNode* picture = nullptr;
            for (const auto& n : ui.tree().nodes())
                if (n.role == Role::Image) picture = &n;
            REQUIRE(picture);
            CHECK(picture->rect.y == rect.y);
            if (index < int(g->steps.size())) CHECK(picture->name.rfind("手机画面：", 0) == 0);
            else CHECK(picture->name == "打开这份指南的二维码");
        } else {
            CHECK(rect.w == 0);  // a step without a phone: nothing to take
        }
        taken.push_back(index);
        ui.app->handout_taken();
        ui.settle();
        doc = ui.app->take_handout_document();
    }
    REQUIRE(doc);
    std::vector<int> expected;
    for (int i = 0; i <= int(g->steps.size()); ++i) expected.push_back(i);
    CHECK(taken == expected);
    int dummy;
    Rect r;
    CHECK_FALSE(ui.app->handout_shot(&dummy, &r));  // done: nothing more to take
    CHECK_FALSE(ui.app->take_handout_document());   // and the words only once
    CHECK(ui.has(Role::Status, "讲义准备好了。"));

    const json j = json::parse(*doc);
    CHECK(j["title"] == "安心讲义：医院挂号");
    CHECK(j["link"] == "https://anxin.example/#guide=hospital");
    REQUIRE(j["steps"].size() == g->steps.size());
    for (size_t i = 0; i < g->steps.size(); ++i) {
        CHECK(j["steps"][i]["heading"] == "第 " + std::to_string(i + 1) + " 步（共 " + std::to_string(g->steps.size()) + " 步）：" + g->steps[i].title);
        CHECK(j["steps"][i]["text"] == g->steps[i].text);
        CHECK(j["steps"][i]["picture"].get<std::string>().empty() == !g->steps[i].has_screen);
        CHECK(j["steps"][i]["terms"].size() == g->steps[i].terms.size());
        if (!g->steps[i].warning.empty()) CHECK(j["steps"][i]["warning"] == "注意：" + g->steps[i].warning);
    }
    // Shown at the standard size for the pictures, never saved as the senior's setting.
    CHECK(ui.storage.values.count("anxin.settings") == 0);
}

TEST_CASE("a handout for a guide that does not exist says so; the QR code's address opens the guide") {
    UiHarness ui(1280, 900);
    ui.app->open_address("#handout=no-such-guide");
    ui.settle();
    CHECK(ui.has(Role::Status, "没有这个指南，做不出讲义。请回到课堂页面重新选一个。"));
    int index;
    Rect r;
    CHECK_FALSE(ui.app->handout_shot(&index, &r));

    UiHarness phone(390, 844);
    phone.app->open_address("#guide=hospital");
    phone.settle();
    CHECK(phone.heading() == phone.app->state().content.guide("hospital")->title);
    phone.press(Role::Button, "返回");
    CHECK(phone.app->state().nav.current().screen == ScreenId::Home);
}
