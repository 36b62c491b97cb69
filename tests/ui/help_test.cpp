#include <doctest/doctest.h>

#include "core/settings.h"
#include "ui/ui_harness.h"

using namespace anxin;
using anxin::test::UiHarness;

TEST_CASE("help shows the hotline number huge in a dialog, and 现在打电话 dials it") {
    UiHarness ui(360, 640);
    ui.tap(Role::Button, "找人帮忙");
    CHECK(ui.heading() == "找真人帮忙");
    const SemanticsNode* dialog = ui.tree().all(Role::Dialog).empty() ? nullptr : ui.tree().all(Role::Dialog)[0];
    REQUIRE(dialog);
    CHECK(dialog->name == "找真人帮忙");
    const SemanticsNode& number = ui.get(Role::Text, "电话号码 1 2 3 4 5");
    CHECK(number.parent == dialog->id);
    CHECK(number.font_px >= 1.6f * 28.0f - 0.01f);  // 1.6 x body on a phone
    CHECK(number.rect.right() <= 360);
    ui.press(Role::Button, "现在打电话");
    REQUIRE(ui.links.opened.size() == 1);
    CHECK(ui.links.opened[0] == "tel:12345");
    // Read aloud digit by digit, so "12345" is not read as a quantity.
    CHECK(ui.speech.spoken.back().text.find("电话号码是：1 2 3 4 5。") != std::string::npos);
}

TEST_CASE("help says which number calls back, what helpers never ask for, and the lines for money and fraud; read aloud too") {
    UiHarness ui(360, 640);
    ui.tap(Role::Button, "找人帮忙");
    const std::string from = "我们回电用的号码是 12345，别的号码说是我们，不要信。";
    const std::string never = "帮忙的人不会问您要验证码和密码，不会让您转账，也不会让您装别的软件；只有您自己点“让对方看我的屏幕”，他们才看得到您的屏幕。有人这样要求，就是骗子，请挂断。";
    const std::string lines = "钱的问题，可以打付款软件自己的客服：支付宝 95188，微信支付 95017。已经被骗、转了钱，马上打 110 报警，也可以打 96110 反诈专线。";
    for (const auto& text : {from, never}) CHECK(ui.has(Role::Text, text));
    // The lines for money and fraud are buttons that dial.
    for (const auto& [name, tel] : std::vector<std::pair<std::string, std::string>>{
             {"支付宝客服 95188", "tel:95188"}, {"微信支付客服 95017", "tel:95017"}, {"报警 110", "tel:110"}, {"反诈专线 96110", "tel:96110"}}) {
        ui.press(Role::Button, name);
        CHECK(ui.links.opened.back() == tel);
    }
    ui.press(Role::Button, "朗读");
    const std::string said = ui.speech.spoken.back().text;
    CHECK(said.find("我们回电用的号码是 1 2 3 4 5") != std::string::npos);  // numbers digit by digit
    CHECK(said.find("钱的问题，可以打付款软件自己的客服") != std::string::npos);
    CHECK(said.find("就是骗子") != std::string::npos);

    // The call-back status screen says it too (a call is expected: the moment a fake one comes).
    ui.press(Role::Button, "请人给我回电");
    for (const char* d : {"1", "3", "8", "0", "0", "1", "3", "8", "0", "0", "0"}) ui.press(Role::Button, d);
    ui.press(Role::Button, "发送，请人回电");
    ui.settle();
    CHECK(ui.heading() == "回电进度");
    CHECK(ui.has(Role::Text, from));
    CHECK(ui.has(Role::Text, never));
    CHECK(ui.has(Role::Text, lines));  // here in words
}

TEST_CASE("a hotline chosen in the user's settings replaces the deployment's") {
    Settings s;
    s.hotline = "138-0013-8000";
    UiHarness ui(1920, 1080, settings_to_json(s));
    ui.press(Role::Button, "找人帮忙");
    CHECK(ui.has(Role::Text, "电话号码 1 3 8 0 0 1 3 8 0 0 0"));
    CHECK_FALSE(ui.has(Role::Text, "政务服务便民热线，有真人接听"));
    ui.press(Role::Button, "现在打电话");
    CHECK(ui.links.opened.back() == "tel:13800138000");
}

TEST_CASE("the hotline number at the largest text size still fits a phone screen on one line") {
    Settings s;
    s.text_size = TextSize::Largest;
    s.hotline = "+86 138 0013 8000";
    UiHarness ui(360, 640, settings_to_json(s));
    ui.press(Role::Button, "找人帮忙");
    const SemanticsNode& n = ui.get(Role::Text, "电话号码 + 8 6 1 3 8 0 0 1 3 8 0 0 0");
    CHECK(n.rect.x >= 0);
    CHECK(n.rect.right() <= 360);
    CHECK(n.rect.h <= n.font_px * 1.5f);  // one line
}

TEST_CASE("on a phone at the largest text size, the number and the call button are on screen without scrolling") {
    Settings s;
    s.text_size = TextSize::Largest;
    UiHarness ui(360, 640, settings_to_json(s));
    ui.press(Role::Button, "找人帮忙");
    CHECK_FALSE(ui.get(Role::Text, "电话号码 1 2 3 4 5").has(State_Clipped));
    CHECK_FALSE(ui.get(Role::Button, "现在打电话").has(State_Clipped));
}
