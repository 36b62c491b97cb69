// A bar under the header that says what is going on (the screen is shared, a class is
// on) with one button, on every screen. Its words wrap rather than shrink below 80% of
// body size, so the bar grows taller when they need two lines.
#include <algorithm>

#include "ui/screens.h"

namespace anxin {

namespace {
struct BannerLayout { float em, text_w, button_w, height; };
BannerLayout banner_layout(const Ui& ui, float w, float bar_h, const std::string& text, const std::string& button) {
    BannerLayout l;
    l.button_w = std::max(ui.m.min_target, ui.text_width(button, ui.type.body) + 2 * ui.m.pad + 1);
    l.text_w = w - l.button_w - 3 * ui.m.pad;
    const float one_line = ui.type.body * l.text_w / std::max(1.0f, ui.text_width(text, ui.type.body));
    l.em = std::clamp(one_line, ui.type.body * 0.8f, ui.type.body);
    l.height = std::max(bar_h, ui.measure(text, l.em, l.text_w).y + ui.m.pad);
    return l;
}
}  // namespace

float banner_height(const Ui& ui, float w, float bar_h, const std::string& text, const std::string& button) {
    return banner_layout(ui, w, bar_h, text, button).height;
}

bool draw_banner(Ui& ui, const char* id, ImVec2 origin, float w, float h, const std::string& text, const std::string& button) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(origin, origin + ImVec2(w, h), ui.col(ui.pal->help_bg));
    const BannerLayout l = banner_layout(ui, w, h, text, button);
    const ImVec2 pos(origin.x + ui.m.pad, origin.y + (h - ui.measure(text, l.em, l.text_w).y) * 0.5f);
    ui.draw_text(dl, text, l.em, pos, l.text_w + 1, ui.col(ui.pal->help_text));
    ImGui::PushID(id);
    ui.record(ImGui::GetID("text"), Role::Status, text, ImRect(origin, origin + ImVec2(w - l.button_w - ui.m.pad, h)), 0, 0, l.em);
    const float bh = std::min(h - ui.m.pad, ui.m.min_target + ui.m.pad);
    ImGui::SetCursorScreenPos(ImVec2(origin.x + w - ui.m.pad - l.button_w, origin.y + (h - bh) * 0.5f));
    const bool pressed = ui.button("button", button, {l.button_w, ButtonStyle::Normal, Icon::None, {}, bh});
    ImGui::PopID();
    return pressed;
}

}  // namespace anxin
