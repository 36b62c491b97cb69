#include <doctest/doctest.h>

#include "core/setup_link.h"
#include "ui/ui_harness.h"

using namespace anxin;
using anxin::test::UiHarness;

namespace {

Setup daughters_setup() {
    Setup s;
    s.from = "小芳";
    s.settings.text_size = TextSize::Largest;
    s.settings.speech_rate = SpeechRate::VerySlow;
    s.settings.contacts = {{"小芳", "13800138000"}};
    s.settings.home_note = "妈，有事先打给我";
    s.settings.guide_order = {"hospital", "bus-qr"};
    return s;
}

void open_link(UiHarness& ui, const std::string& fragment) {
    ui.app->open_address(fragment);
    ui.settle();
}

}  // namespace

TEST_CASE("the senior is asked, on screen and aloud, before a setup link changes anything") {
    UiHarness ui(360, 640);
    ui.storage.values[SettingsStore::kKey] = settings_to_json(Settings{});
    const std::string before = ui.storage.values[SettingsStore::kKey];
    open_link(ui, "#" + encode_setup(daughters_setup()));
    CHECK(ui.heading() == "家人帮您设置");
    const std::string summary = "小芳帮您设置了：字变大，说话慢一点，“找人帮忙”会先打给小芳，首页的指南换了顺序，首页写上“妈，有事先打给我”。要这样改吗？";
    CHECK(ui.has(Role::Text, summary));
    CHECK(ui.app->screen_text().find(summary) != std::string::npos);  // what 朗读 reads
    REQUIRE_FALSE(ui.speech.spoken.empty());
    CHECK(ui.speech.spoken.back().text.find(summary) != std::string::npos);  // said by itself (voice is on)
    CHECK(ui.storage.values[SettingsStore::kKey] == before);  // nothing saved yet
    CHECK(ui.app->state().settings == Settings{});
    CHECK_FALSE(ui.links.fragment_cleared);

    ui.press(Role::Button, "好的");
    CHECK(ui.heading() == "您好！想做什么？");
    CHECK(ui.links.fragment_cleared);
    const Settings now = settings_from_json(ui.storage.values[SettingsStore::kKey]).settings;
    CHECK(now.text_size == TextSize::Largest);
    CHECK(now.contacts == daughters_setup().settings.contacts);
    CHECK(ui.has(Role::Status, "妈，有事先打给我"));
    CHECK(ui.has(Role::Status, "已经按小芳的设置改好了。"));
    bool told = false;  // announced to screen readers, not only shown
    for (const auto& a : ui.a11y.announced) told = told || a.text == "已经按小芳的设置改好了。";
    CHECK(told);
    // Home shows the chosen guides, in the chosen order.
    const auto buttons = ui.tree().all(Role::Button);
    std::vector<std::string> tiles;
    for (const auto* b : buttons)
        if (b->name == "医院挂号" || b->name == "坐公交地铁" || b->name == "防骗子") tiles.push_back(b->name);
    CHECK(tiles == std::vector<std::string>{"医院挂号", "坐公交地铁"});

    ui.press(Role::Button, "找人帮忙");
    const SemanticsNode& call = ui.get(Role::Button, "打给 小芳");
    CHECK(call.rect.y < ui.get(Role::Button, "现在打电话").rect.y);  // family above the hotline
    CHECK(call.rect.h >= 72);
    ui.press(Role::Button, "打给 小芳");
    CHECK(ui.links.opened.back() == "tel:13800138000");

    // After a reload the settings are still there, and can be undone.
    ui.reload();
    ui.settle();
    CHECK(ui.app->state().settings.home_note == "妈，有事先打给我");
    ui.press(Role::Button, "设置");
    ui.press(Role::Button, "恢复原来的设置");
    CHECK(ui.app->state().settings == Settings{});
    CHECK(settings_from_json(ui.storage.values[SettingsStore::kKey]).settings == Settings{});
    CHECK(ui.has(Role::Status, "已经恢复原来的设置。"));
    ui.press(Role::Button, "设置");
    CHECK_FALSE(ui.has(Role::Button, "恢复原来的设置"));
}

TEST_CASE("a hotline set by family is shown with who answers it") {
    UiHarness ui(390, 844);
    Setup s = daughters_setup();
    s.settings.hotline = "010-12345678";
    s.settings.hotline_name = "幸福里社区服务中心";
    open_link(ui, "#" + encode_setup(s));
    CHECK(ui.has(Role::Text, "小芳帮您设置了：字变大，说话慢一点，“找人帮忙”会先打给小芳，热线换成 010-12345678（幸福里社区服务中心），首页的指南换了顺序，首页写上“妈，有事先打给我”。要这样改吗？"));
    ui.press(Role::Button, "好的");
    ui.press(Role::Button, "找人帮忙");
    CHECK(ui.has(Role::Text, "幸福里社区服务中心"));
    ui.press(Role::Button, "现在打电话");
    CHECK(ui.links.opened.back() == "tel:01012345678");
}

TEST_CASE("不要 leaves everything as it was") {
    UiHarness ui(360, 640);
    open_link(ui, "#" + encode_setup(daughters_setup()));
    ui.press(Role::Button, "不要");
    CHECK(ui.heading() == "您好！想做什么？");
    CHECK(ui.links.fragment_cleared);
    CHECK(ui.app->state().settings == Settings{});
    CHECK(ui.storage.values.count(SettingsStore::kKey) == 0);
    ui.press(Role::Button, "设置");
    CHECK_FALSE(ui.has(Role::Button, "恢复原来的设置"));
}

TEST_CASE("恢复原来的设置 is offered for 7 days, not after") {
    UiHarness ui(360, 640);
    open_link(ui, "#" + encode_setup(daughters_setup()));
    ui.press(Role::Button, "好的");
    ui.clock.ms += 6.9 * 24 * 3600 * 1000;
    ui.reload();
    ui.settle();
    ui.press(Role::Button, "设置");
    CHECK(ui.has(Role::Button, "恢复原来的设置"));
    ui.clock.ms += 0.2 * 24 * 3600 * 1000;
    ui.reload();
    ui.settle();
    ui.press(Role::Button, "设置");
    CHECK_FALSE(ui.has(Role::Button, "恢复原来的设置"));
}

TEST_CASE("the undo goes away by itself when its 7 days end while the app is open") {
    UiHarness ui(360, 640);
    open_link(ui, "#" + encode_setup(daughters_setup()));
    ui.press(Role::Button, "好的");
    ui.press(Role::Button, "设置");
    CHECK(ui.has(Role::Button, "恢复原来的设置"));
    ui.clock.ms += 7.01 * 24 * 3600 * 1000;
    ui.settle();
    CHECK_FALSE(ui.has(Role::Button, "恢复原来的设置"));
}

TEST_CASE("a broken link says so plainly and touches nothing") {
    UiHarness ui(360, 640);
    const std::string good = encode_setup(daughters_setup());
    for (const std::string& bad : {"#" + good.substr(0, good.size() - 3), "#setup=9." + good.substr(8)}) {
        open_link(ui, bad);
        CHECK(ui.heading() == "这个链接打不开");
        ui.press(Role::Button, "知道了");
        CHECK(ui.app->state().settings == Settings{});
        CHECK(ui.storage.values.count(SettingsStore::kKey) == 0);
    }
    open_link(ui, "#" + good.substr(0, 40));
    CHECK(ui.has(Role::Status, "这个链接不完整，请让家人再发一次。"));
    open_link(ui, "#setup=2." + good.substr(8));
    CHECK(ui.has(Role::Status, "这个链接是新版安心做的，这里还看不懂。请刷新页面后再打开，或让家人再发一次。"));
}

TEST_CASE("the family page makes a link from what was chosen, with a preview drawn by the senior's screens") {
    UiHarness ui(1280, 900);
    ui.press(Role::Button, "设置");
    ui.press(Role::Button, "帮家人设置");
    CHECK(ui.heading() == "帮家人设置安心");
    ui.type("您的名字（家人会看到“小芳帮您设置了”）", "小芳");
    ui.press(Role::Radio, "超大");
    ui.type("第 1 个人的称呼", "小芳");
    ui.type("第 1 个人的电话", "138 0013 8000");
    ui.type("显示在首页最上面（最多 40 个字）", "妈，有事先打给我");
    ui.press(Role::Checkbox, "防骗子");  // off home
    ui.press(Role::Button, "把“医院挂号”往上移");
    ui.press(Role::Button, "把“医院挂号”往上移");  // above 手机打车, then 坐公交地铁: first

    // The preview is the senior's own home and help screens with these settings.
    const SemanticsTree& preview = ui.app->state().preview;
    REQUIRE(preview.find(Role::Button, "打给 小芳") != nullptr);
    REQUIRE(preview.find(Role::Status, "妈，有事先打给我") != nullptr);
    CHECK(preview.find(Role::Button, "防骗子") == nullptr);
    const SemanticsNode* preview_heading = preview.find(Role::Heading, "您好！想做什么？");
    REQUIRE(preview_heading != nullptr);
    CHECK(preview_heading->font_px == doctest::Approx(type_scale(DeviceClass::Phone, TextSize::Largest).heading));
    CHECK(ui.has(Role::Image, "预览：家人的首页"));

    ui.press(Role::Button, "复制链接");
    REQUIRE(ui.links.copied.size() == 1);
    const std::string link = ui.links.copied[0];
    CHECK(link.rfind("https://anxin.example/#setup=1.", 0) == 0);
    CHECK(ui.has(Role::Status, "链接已复制，可以粘贴到微信里发给家人。"));
    const SetupDecode d = decode_setup(link.substr(link.find('#')));
    REQUIRE(d.ok());
    CHECK(d.setup.from == "小芳");
    CHECK(d.setup.settings.text_size == TextSize::Largest);
    CHECK(d.setup.settings.contacts == std::vector<FamilyContact>{{"小芳", "138 0013 8000"}});
    CHECK(d.setup.settings.home_note == "妈，有事先打给我");
    std::vector<std::string> order;  // 医院挂号 moved up to the top, 防骗子 left out, the rest as shipped
    order.push_back("hospital");
    for (const Guide& g : ui.app->state().content.guides)
        if (g.id != "hospital" && g.id != "anti-fraud") order.push_back(g.id);
    CHECK(d.setup.settings.guide_order == order);
    const SemanticsNode& qr = ui.get(Role::Image, "设置链接的二维码");
    CHECK(qr.value.rfind("QR ", 0) == 0);
    CHECK(qr.rect.w >= 200);

    ui.press(Role::Button, "看家人的屏幕，指给他们看");
    CHECK(ui.links.opened.back() == "https://anxin.example/console/view.html");

    // Nothing is lost on a reload of the family page.
    ui.reload();
    open_link(ui, "#family");
    CHECK(ui.get(Role::TextBox, "第 1 个人的电话").value == "138 0013 8000");
}

TEST_CASE("a wrong number is marked on its box, and no link is made until it is right") {
    UiHarness ui(360, 640);
    open_link(ui, "#family");
    ui.type("第 1 个人的称呼", "小芳");
    ui.type("第 1 个人的电话", "call me");
    CHECK(ui.get(Role::TextBox, "第 1 个人的电话").has(State_Invalid));
    CHECK(ui.get(Role::TextBox, "第 1 个人的电话").has(State_Phone));
    CHECK(ui.has(Role::Status, "这不像电话号码：只能有数字，可以有开头的 + 和中间的 -。"));
    CHECK_FALSE(ui.has(Role::Image, "设置链接的二维码"));
    CHECK_FALSE(ui.has(Role::Button, "复制链接"));
    ui.type("第 1 个人的电话", "13800138000");
    CHECK_FALSE(ui.get(Role::TextBox, "第 1 个人的电话").has(State_Invalid));
    CHECK(ui.has(Role::Button, "复制链接"));
}
