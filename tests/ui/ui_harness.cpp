#include "ui/ui_harness.h"

#include <doctest/doctest.h>

#include "core/content.h"

namespace anxin::test {

std::string stage_dir() { return ANXIN_STAGE_DIR; }
std::string font_slices_dir() { return ANXIN_FONT_SLICES_DIR; }

void walk_every_screen(UiHarness& ui, const std::function<void(const char*)>& check) {
    check("home");
    ui.press(Role::Button, "钱和安全");
    check("a group of guides");
    ui.press(Role::Button, "关闭免密支付");
    check("guide intro");
    ui.press(Role::Button, "开始学习");
    check("step 1");
    ui.press(Role::Button, "下一步");
    check("step 2");
    ui.press(Role::Button, "回首页");
    ui.open_guide("医院挂号");
    check("another guide's intro");
    ui.press(Role::Button, "开始学习");
    check("another guide's step 1");
    ui.press(Role::Button, "回首页");
    ui.open_guide("防骗子");
    ui.press(Role::Button, "先练一练");
    check("practice step");
    ui.press(Role::Button, "回首页");
    ui.open_guide("电子健康卡");
    ui.press(Role::Button, "开始学习");
    while (!ui.has(Role::Button, "完成")) ui.press(Role::Button, "下一步");
    ui.press(Role::Button, "完成");
    check("finish");
    ui.press(Role::Button, "回首页");
    ui.press(Role::Button, "设置");
    check("settings");
    ui.press(Role::Button, "找人帮忙");
    check("help");
    ui.press(Role::Button, "请人给我回电");
    check("call-back keypad");
    ui.app->open_address("#family");
    ui.settle();
    check("family page");
    Setup setup;
    setup.from = "小芳";
    setup.settings.contacts = {{"小芳", "13800138000"}};
    ui.app->open_address("#" + encode_setup(setup));
    ui.settle();
    check("setup offer");
    ui.app->open_address("#setup=1.broken");
    ui.settle();
    check("setup link that cannot be read");
}

void UiHarness::open_guide(const std::string& title, bool by_tap) {
    auto act = [&](const std::string& name) { by_tap ? tap(Role::Button, name) : press(Role::Button, name); };
    if (!has(Role::Button, title)) {  // on home: first the group the guide is in
        const Content& c = app->state().content;
        for (const Guide& g : c.guides)
            if (g.title == title)
                if (const GuideGroup* group = c.group_of(g.id)) act(group->title);
    }
    act(title);
}

UiHarness::UiHarness(float w, float h, std::optional<std::string> stored_settings) : width(w), height(h) {
    if (stored_settings) storage.values[SettingsStore::kKey] = *stored_settings;
    ctx_ = ImGui::CreateContext();
    ImGui::SetCurrentContext(ctx_);  // CreateContext keeps an existing current context
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.BackendFlags |= ImGuiBackendFlags_RendererHasTextures;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    std::string error;
    font_ = load_app_font(stage_dir() + "/fonts/anxin-sc.otf", &error);
    REQUIRE_MESSAGE(font_.font != nullptr, error);
    reload();
}

void UiHarness::reload() {
    ImGui::SetCurrentContext(ctx_);
    Content content = load_content(stage_dir() + "/assets");
    REQUIRE_MESSAGE(content.problems.empty(), content.problems.front());
    app.reset();
    app = std::make_unique<App>(Services{storage, speech, clock, links, a11y, network, files}, std::move(content), font_);
    auto index_json = read_text_file(font_slices_dir() + "/slices.json");
    REQUIRE_MESSAGE(index_json.has_value(), "slices.json is missing");
    std::string why;
    auto index = GlyphSlices::parse(*index_json, &why);
    REQUIRE_MESSAGE(index.has_value(), why);
    app->supply_glyphs(std::move(*index), font_slices_dir() + "/slices/");
    settle();
}

UiHarness::~UiHarness() {
    ImGui::SetCurrentContext(ctx_);
    app.reset();
    ImGui::DestroyContext(ctx_);
}

void UiHarness::frame() {
    ImGui::SetCurrentContext(ctx_);
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(width, height);
    io.DisplayFramebufferScale = ImVec2(1, 1);
    io.DeltaTime = 1.0f / 60.0f;
    clock.ms += 1000.0 / 60.0;
    app->before_frame();
    ImGui::NewFrame();
    app->frame(width, height);
    ImGui::Render();
}

void UiHarness::settle() {
    frame();
    // An answer from the (fake) network wakes the app, as a finished fetch does in the browser.
    for (int i = 0; i < 10 && (app->wants_frames() || !network.answers.empty() || files.answered()); ++i) frame();
}

void UiHarness::resize(float w, float h) {
    width = w;
    height = h;
    settle();
}

const SemanticsNode& UiHarness::get(Role role, const std::string& name) const {
    const SemanticsNode* n = tree().find(role, name);
    if (!n) {
        std::string names;
        for (const auto& node : tree().nodes()) names += std::string(role_name(node.role)) + ":" + node.name + " | ";
        FAIL("no " << role_name(role) << " named \"" << name << "\" on screen; have: " << names);
    }
    return *n;
}

void UiHarness::press(Role role, const std::string& name) {
    app->actions().request(get(role, name).id, Action::Press);
    settle();
    CHECK_MESSAGE(app->actions().empty(), "an action request was not taken by any widget");
}

void UiHarness::type(const std::string& box, const std::string& text) {
    app->actions().request_text(get(Role::TextBox, box).id, text);
    settle();
    CHECK_MESSAGE(app->actions().empty(), "the text was not taken by the text box");
}

void UiHarness::tap(Role role, const std::string& name) {
    const Rect r = get(role, name).rect;
    ImGui::SetCurrentContext(ctx_);
    ImGuiIO& io = ImGui::GetIO();
    io.AddMousePosEvent(r.x + r.w * 0.5f, r.y + r.h * 0.5f);
    frame();
    io.AddMouseButtonEvent(0, true);
    frame();
    io.AddMouseButtonEvent(0, false);
    settle();
}

void UiHarness::key(ImGuiKey k) {
    ImGui::SetCurrentContext(ctx_);
    ImGuiIO& io = ImGui::GetIO();
    io.AddKeyEvent(k, true);
    frame();
    io.AddKeyEvent(k, false);
    settle();
}

std::string UiHarness::heading() const {
    for (const auto& n : tree().nodes())
        if (n.role == Role::Heading && n.level == 1) return n.name;
    return {};
}

}  // namespace anxin::test
