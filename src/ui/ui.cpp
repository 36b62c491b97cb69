// Widgets: see ui.h.
//
// [SECTION] Text measuring and drawing
// [SECTION] Recording semantics
// [SECTION] Press behaviour and focus ring
// [SECTION] Text widgets
// [SECTION] Buttons, radios, checkboxes

#include "ui/ui.h"

#include <algorithm>
#include <cstring>

#include "core/line_break.h"
#include "imgui_internal.h"

namespace anxin {

//-----------------------------------------------------------------------------
// [SECTION] Text measuring and drawing
//-----------------------------------------------------------------------------

float Ui::text_width(const std::string& text, float em) const {
    return font->CalcTextSizeA(line_height(em), FLT_MAX, 0.0f, text.c_str()).x;
}

namespace {
// Adds a sentence to the read-aloud text, ending it with 。 unless it already ends with punctuation.
void append_sentence(std::string& spoken, const std::string& text) {
    spoken += text;
    for (const char* end : {"。", "！", "？", "：", "."})
        if (text.size() >= std::strlen(end) && text.compare(text.size() - std::strlen(end), std::string::npos, end) == 0) return;
    spoken += "。";
}

std::vector<TextLine> layout_lines(ImFont* font, float size, const std::string& text, float max_width) {
    ImFontBaked* baked = font->GetFontBaked(size);
    return break_lines(text, max_width, [baked](uint32_t cp) { return baked->GetCharAdvance(ImWchar(cp)); });
}
}  // namespace

ImVec2 Ui::measure(const std::string& text, float em, float max_width) const {
    const float size = line_height(em);
    const auto lines = layout_lines(font, size, text, max_width);
    float w = 0;
    for (const auto& l : lines) w = std::max(w, l.width);
    return ImVec2(w, size * float(lines.size()));
}

ImVec2 Ui::draw_text(ImDrawList* dl, const std::string& text, float em, ImVec2 pos, float max_width, ImU32 c,
                     bool centred) const {
    const float size = line_height(em);
    const auto lines = layout_lines(font, size, text, max_width);
    float w = 0;
    for (size_t i = 0; i < lines.size(); ++i) {
        const auto& l = lines[i];
        const float x = centred ? pos.x + (max_width - l.width) * 0.5f : pos.x;
        dl->AddText(font, size, ImVec2(IM_ROUND(x), IM_ROUND(pos.y + size * float(i))), c,
                    text.c_str() + l.begin, text.c_str() + l.end);
        w = std::max(w, l.width);
    }
    return ImVec2(w, size * float(lines.size()));
}

float Ui::available_width() const { return ImGui::GetContentRegionAvail().x; }

//-----------------------------------------------------------------------------
// [SECTION] Recording semantics
//-----------------------------------------------------------------------------

uint32_t Ui::record(uint32_t id, Role role, const std::string& name, const ImRect& r, uint32_t actions,
                    uint32_t states, float font_px, int level, const std::string& value) {
    SemanticsNode n;
    n.id = id;
    n.parent = parent;
    n.role = role;
    n.name = name;
    n.value = value;
    n.actions = actions;
    n.states = states | (private_text ? State_Private : 0);
    n.rect = Rect{r.Min.x, r.Min.y, r.GetWidth(), r.GetHeight()};
    n.level = level;
    n.font_px = font_px;
    if (visible.GetWidth() > 0 && !visible.Contains(r)) n.states |= State_Clipped;
    tree->add(std::move(n));
    return id;
}

//-----------------------------------------------------------------------------
// [SECTION] Press behaviour and focus ring
//-----------------------------------------------------------------------------

bool Ui::press_behaviour(uint32_t id, const ImRect& bb, bool* hovered, bool* held, bool* focused) {
    ImGuiContext& g = *GImGui;
    ImGui::ItemSize(bb);
    if (!ImGui::ItemAdd(bb, id)) {  // scrolled out of view: still reachable by actions
        *hovered = *held = *focused = false;
        if (actions->take(id, Action::Focus)) {  // focus from the keyboard or a screen reader: bring it into view
            ImGui::SetFocusID(id, ImGui::GetCurrentWindow());
            ImGui::SetNavCursorVisible(true);
            ImGui::ScrollToRect(ImGui::GetCurrentWindow(), bb);
        }
        return actions->take(id, Action::Press);
    }
    bool pressed = ImGui::ButtonBehavior(bb, id, hovered, held);
    if (actions->take(id, Action::Press)) pressed = true;
    if (actions->take(id, Action::Focus)) {
        ImGui::SetFocusID(id, ImGui::GetCurrentWindow());
        ImGui::SetNavCursorVisible(true);
        ImGui::ScrollToItem();
    }
    *focused = g.NavId == id && g.NavCursorVisible;
    if (*focused) {  // thick ring outside the target, in a colour with >= 7:1 on the background
        const float ring = std::max(4.0f, m.border);
        ImGui::GetWindowDrawList()->AddRect(bb.Min - ImVec2(ring * 1.5f, ring * 1.5f), bb.Max + ImVec2(ring * 1.5f, ring * 1.5f),
                                            col(pal->focus_ring), ring, 0, ring);
    }
    return pressed;
}

//-----------------------------------------------------------------------------
// [SECTION] Text widgets
//-----------------------------------------------------------------------------

void Ui::heading(const std::string& text, int level) {
    ImGuiWindow* w = ImGui::GetCurrentWindow();
    const float em = level == 1 ? type.heading : type.body * 1.1f;
    const ImVec2 pos = w->DC.CursorPos;
    const ImVec2 size = draw_text(w->DrawList, text, em, pos, available_width(), col(pal->text));
    const ImRect bb(pos, pos + ImVec2(available_width(), size.y));
    ImGui::ItemSize(bb);
    record(ImGui::GetID(text.c_str()), Role::Heading, text, ImRect(pos, pos + size), 0, 0, em, level);
    append_sentence(spoken, text);
}

void Ui::paragraph(const std::string& text, bool muted) {
    ImGuiWindow* w = ImGui::GetCurrentWindow();
    const ImVec2 pos = w->DC.CursorPos;
    const ImVec2 size = draw_text(w->DrawList, text, type.body, pos, available_width(),
                                  col(muted ? pal->muted_text : pal->text));
    ImGui::ItemSize(ImRect(pos, pos + ImVec2(available_width(), size.y)));
    record(ImGui::GetID(text.c_str()), Role::Text, text, ImRect(pos, pos + size), 0, 0, type.body);
    append_sentence(spoken, text);
}

void Ui::status(const std::string& text) {
    ImGuiWindow* w = ImGui::GetCurrentWindow();
    const ImVec2 pos = w->DC.CursorPos;
    const float inner = available_width() - 2 * m.pad;
    const ImVec2 ts = measure(text, type.body, inner);
    const ImRect bb(pos, pos + ImVec2(available_width(), ts.y + 2 * m.pad));
    w->DrawList->AddRect(bb.Min, bb.Max, col(pal->text), 0, 0, m.border);
    draw_text(w->DrawList, text, type.body, bb.Min + ImVec2(m.pad, m.pad), inner, col(pal->text));
    ImGui::ItemSize(bb);
    record(ImGui::GetID(("status:" + text).c_str()), Role::Status, text, bb, 0, 0, type.body);
}

void Ui::big_text(const std::string& text, const std::string& accessible_name) {
    ImGuiWindow* w = ImGui::GetCurrentWindow();
    const float avail = available_width();
    float em = type.huge;
    const float natural = text_width(text, em);
    if (natural > avail) em *= avail / natural;  // numbers must not wrap mid-number
    const ImVec2 pos = w->DC.CursorPos;
    const ImVec2 size = draw_text(w->DrawList, text, em, pos, avail + 1.0f, col(pal->text), /*centred=*/true);
    ImGui::ItemSize(ImRect(pos, pos + ImVec2(avail, size.y)));
    const float x = pos.x + (avail - size.x) * 0.5f;
    record(ImGui::GetID(("big:" + text).c_str()), Role::Text, accessible_name, ImRect(x, pos.y, x + size.x, pos.y + size.y), 0,
           0, em);
}

//-----------------------------------------------------------------------------
// [SECTION] Buttons, radios, checkboxes
//-----------------------------------------------------------------------------

namespace {
// Where a button's parts go; shared by measuring and drawing so they always agree.
struct ButtonLayout {
    float icon_size, text_x, text_w, title_em, sub_em, height;
    ImVec2 title_size, sub_size;
};
ButtonLayout layout_button(const Ui& ui, const std::string& label, const ButtonOptions& opt, float width) {
    ButtonLayout l;
    const bool has_sub = !opt.subtitle.empty();
    l.icon_size = opt.icon == Icon::None ? 0.0f : (has_sub ? ui.type.body * 1.8f : ui.type.body * 0.9f);
    // Tiles on a narrow screen: a big icon would leave a few characters per line, so it shrinks first.
    if (has_sub && l.icon_size > 0 && width - 2.75f * ui.m.pad - l.icon_size < ui.type.body * 6.0f)
        l.icon_size = ui.type.body * 0.9f;
    // A one-line label beats an icon: on a narrow screen the icon gives way before the label wraps.
    if (!has_sub && l.icon_size > 0) {
        const float label_w = ui.text_width(label, ui.type.body);
        if (label_w > width - 2 * ui.m.pad - l.icon_size - ui.m.pad * 0.75f && label_w <= width - 2 * ui.m.pad)
            l.icon_size = 0;
    }
    l.text_x = ui.m.pad + (l.icon_size > 0 ? l.icon_size + ui.m.pad * 0.75f : 0.0f);
    l.text_w = std::max(ui.type.body, width - l.text_x - ui.m.pad);
    l.title_em = has_sub ? ui.type.body * 1.1f : ui.type.body;
    l.sub_em = ui.type.body;
    l.title_size = ui.measure(label, l.title_em, l.text_w);
    l.sub_size = has_sub ? ui.measure(opt.subtitle, l.sub_em, l.text_w) : ImVec2(0, 0);
    if (opt.icon_only) {
        l.icon_size = ui.type.body * 0.9f;
        l.title_size = l.sub_size = ImVec2(0, 0);
    }
    const float text_h = l.title_size.y + l.sub_size.y;
    l.height = std::max({ui.m.min_target, opt.min_height, text_h + 1.2f * ui.m.pad, l.icon_size + 1.2f * ui.m.pad});
    return l;
}
}  // namespace

float Ui::button_height(const std::string& label, const ButtonOptions& opt, float width) const {
    return layout_button(*this, label, opt, width).height;
}

bool Ui::button(const char* str_id, const std::string& label, const ButtonOptions& opt) {
    ImGuiWindow* w = ImGui::GetCurrentWindow();
    const ImGuiID id = ImGui::GetID(str_id);
    const float width = opt.width > 0 ? opt.width : available_width();
    const bool has_sub = !opt.subtitle.empty();
    const ButtonLayout l = layout_button(*this, label, opt, width);
    const ImVec2 pos = w->DC.CursorPos;
    const ImRect bb(pos, pos + ImVec2(width, l.height));

    bool hovered, held, focused;
    const bool pressed = press_behaviour(id, bb, &hovered, &held, &focused);

    Rgb bg = pal->button_bg, fg = pal->button_text, border = pal->button_border;
    if (opt.style == ButtonStyle::Primary) { bg = pal->selected_bg; fg = pal->selected_text; }
    if (opt.style == ButtonStyle::Help) { bg = pal->help_bg; fg = pal->help_text; border = pal->help_text; }
    if (held && opt.style == ButtonStyle::Normal) bg = pal->button_pressed_bg;
    ImDrawList* dl = w->DrawList;
    const float rounding = std::min(16.0f, l.height * 0.2f);
    dl->AddRectFilled(bb.Min, bb.Max, col(bg, held && opt.style != ButtonStyle::Normal ? 0.85f : 1.0f), rounding);
    dl->AddRect(bb.Min, bb.Max, col(border), rounding, 0, (hovered || held) ? m.border * 1.6f : m.border);

    // Tiles (with a subtitle) read left-aligned like a list row; single labels are centred
    // together with their icon.
    const float icon_w = l.text_x - m.pad;  // icon plus its gap, 0 without an icon
    const float block_x = has_sub ? pos.x + l.text_x
                                  : pos.x + std::max(l.text_x, icon_w + (width - icon_w - l.title_size.x) * 0.5f);
    const float block_y = pos.y + (l.height - l.title_size.y - l.sub_size.y) * 0.5f;
    if (opt.icon_only)
        draw_icon(dl, opt.icon, pos + ImVec2((width - l.icon_size) * 0.5f, (l.height - l.icon_size) * 0.5f), l.icon_size, col(fg));
    else if (l.icon_size > 0)
        draw_icon(dl, opt.icon, ImVec2(block_x - icon_w, pos.y + (l.height - l.icon_size) * 0.5f), l.icon_size, col(fg));
    if (!opt.icon_only) draw_text(dl, label, l.title_em, ImVec2(block_x, block_y), l.text_w, col(fg));
    if (has_sub) draw_text(dl, opt.subtitle, l.sub_em, ImVec2(block_x, block_y + l.title_size.y), l.text_w, col(fg));

    record(id, Role::Button, label, bb, uint32_t(Action::Press) | uint32_t(Action::Focus), focused ? State_Focused : 0,
           l.title_em, 0, opt.subtitle);
    return pressed;
}

bool Ui::radio(const char* str_id, const std::string& label, bool selected, float width) {
    ImGuiWindow* w = ImGui::GetCurrentWindow();
    const ImGuiID id = ImGui::GetID(str_id);
    const float mark = type.body * 0.8f;
    const float text_w = std::max(type.body, width - 2 * m.pad - mark - m.pad * 0.5f);
    const ImVec2 ts = measure(label, type.body, text_w);
    const float height = std::max(m.min_target, ts.y + m.pad * 1.2f);
    const ImVec2 pos = w->DC.CursorPos;
    const ImRect bb(pos, pos + ImVec2(width, height));
    bool hovered, held, focused;
    const bool pressed = press_behaviour(id, bb, &hovered, &held, &focused);

    ImDrawList* dl = w->DrawList;
    const Rgb bg = selected ? pal->selected_bg : (held ? pal->button_pressed_bg : pal->button_bg);
    const Rgb fg = selected ? pal->selected_text : pal->button_text;
    const float rounding = std::min(16.0f, height * 0.2f);
    dl->AddRectFilled(bb.Min, bb.Max, col(bg), rounding);
    dl->AddRect(bb.Min, bb.Max, col(pal->button_border), rounding, 0, selected || hovered ? m.border * 2.0f : m.border);
    // The mark: a filled circle with a tick when chosen, an empty ring otherwise (shape, not only colour).
    const ImVec2 c(pos.x + m.pad + mark * 0.5f, pos.y + height * 0.5f);
    dl->AddCircle(c, mark * 0.5f, col(fg), 0, m.border);
    if (selected) draw_icon(dl, Icon::Check, c - ImVec2(mark * 0.4f, mark * 0.4f), mark * 0.8f, col(fg));
    draw_text(dl, label, type.body, ImVec2(pos.x + m.pad + mark + m.pad * 0.5f, pos.y + (height - ts.y) * 0.5f), text_w, col(fg));

    record(id, Role::Radio, label, bb, uint32_t(Action::Press) | uint32_t(Action::Focus),
           (selected ? State_Checked : 0) | (focused ? State_Focused : 0), type.body);
    return pressed;
}

int Ui::radio_row(const char* str_id, const std::string* labels, int count, int selected) {
    ImGui::PushID(str_id);
    const float avail = available_width();
    float widest = 0;
    for (int i = 0; i < count; ++i) widest = std::max(widest, text_width(labels[i], type.body));
    const float option_w = widest + 2.5f * m.pad + type.body * 0.8f;
    const int per_row = std::clamp(int((avail + m.gap) / (option_w + m.gap)), 1, count);
    const int rows = (count + per_row - 1) / per_row;
    const int cols = (count + rows - 1) / rows;  // balance rows: 4 options -> 2+2, not 3+1
    const float w = (avail - m.gap * float(cols - 1)) / float(cols);
    int pressed = -1;
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(m.gap, m.gap));
    for (int i = 0; i < count; ++i) {
        if (i % cols != 0) ImGui::SameLine();
        ImGui::PushID(i);
        if (radio("option", labels[i], i == selected, w)) pressed = i;
        ImGui::PopID();
    }
    ImGui::PopStyleVar();
    ImGui::PopID();
    return pressed;
}

bool Ui::checkbox(const char* str_id, const std::string& label, bool* value) {
    ImGuiWindow* w = ImGui::GetCurrentWindow();
    const ImGuiID id = ImGui::GetID(str_id);
    const float width = available_width();
    const float box = std::max(type.body * 1.1f, 40.0f);
    const float text_w = std::max(type.body, width - 3 * m.pad - box);
    const ImVec2 ts = measure(label, type.body, text_w);
    const float height = std::max(m.min_target, std::max(ts.y, box) + m.pad * 1.2f);
    const ImVec2 pos = w->DC.CursorPos;
    const ImRect bb(pos, pos + ImVec2(width, height));
    bool hovered, held, focused;
    const bool pressed = press_behaviour(id, bb, &hovered, &held, &focused);
    if (pressed) *value = !*value;

    ImDrawList* dl = w->DrawList;
    const float rounding = std::min(16.0f, height * 0.2f);
    dl->AddRectFilled(bb.Min, bb.Max, col(held ? pal->button_pressed_bg : pal->button_bg), rounding);
    dl->AddRect(bb.Min, bb.Max, col(pal->button_border), rounding, 0, hovered ? m.border * 1.6f : m.border);
    const ImVec2 bmin(pos.x + m.pad, pos.y + (height - box) * 0.5f);
    if (*value) {
        dl->AddRectFilled(bmin, bmin + ImVec2(box, box), col(pal->selected_bg), 6.0f);
        draw_icon(dl, Icon::Check, bmin + ImVec2(box * 0.1f, box * 0.1f), box * 0.8f, col(pal->selected_text));
    }
    dl->AddRect(bmin, bmin + ImVec2(box, box), col(pal->button_text), 6.0f, 0, m.border);
    draw_text(dl, label, type.body, ImVec2(bmin.x + box + m.pad, pos.y + (height - ts.y) * 0.5f), text_w, col(pal->button_text));

    record(id, Role::Checkbox, label, bb, uint32_t(Action::Press) | uint32_t(Action::Focus),
           (*value ? State_Checked : 0) | (focused ? State_Focused : 0), type.body);
    return pressed;
}

}  // namespace anxin

//-----------------------------------------------------------------------------
// [SECTION] Text fields
//-----------------------------------------------------------------------------

namespace anxin {

bool Ui::text_field(const char* str_id, const std::string& label, std::string* text, const TextFieldOptions& opt) {
    ImGuiWindow* w = ImGui::GetCurrentWindow();
    const ImGuiID id = ImGui::GetID(str_id);
    const float width = available_width();
    const float label_h = measure(label, type.body, width).y;
    const ImVec2 top = w->DC.CursorPos;
    draw_text(w->DrawList, label, type.body, top, width, col(pal->text));
    ImGui::Dummy(ImVec2(width, label_h));
    ImGui::SetCursorScreenPos(ImVec2(top.x, top.y + label_h + m.gap * 0.25f));

    const bool changed = actions->take_text(id, text);
    const ImVec2 pos(w->DC.CursorPos.x, IM_ROUND(w->DC.CursorPos.y));
    const float height = std::max(m.min_target, line_height(type.body) + m.pad);
    const ImRect bb(pos, pos + ImVec2(width, height));
    bool hovered, held, focused;
    press_behaviour(id, bb, &hovered, &held, &focused);
    ImDrawList* dl = w->DrawList;
    const float rounding = std::min(12.0f, height * 0.15f);
    dl->AddRectFilled(bb.Min, bb.Max, col(pal->background), rounding);
    dl->AddRect(bb.Min, bb.Max, col(pal->text), rounding, 0, focused || !opt.error.empty() ? m.border * 2 : m.border);
    const float inner = width - 2 * m.pad;
    const ImVec2 text_pos(pos.x + m.pad, pos.y + (height - line_height(type.body)) * 0.5f);
    dl->PushClipRect(bb.Min, bb.Max, true);
    if (text->empty()) {
        if (!opt.hint.empty()) draw_text(dl, opt.hint, type.body, text_pos, FLT_MAX, col(pal->muted_text));
    } else {
        // One line; a long text shows its end, where typing happens.
        const float tw = text_width(*text, type.body);
        const float x = tw > inner ? text_pos.x + inner - tw : text_pos.x;
        dl->AddText(font, line_height(type.body), ImVec2(IM_ROUND(x), IM_ROUND(text_pos.y)), col(pal->text), text->c_str());
    }
    if (focused) {  // the caret, at the end of the text
        const float x = text_pos.x + std::min(inner, text->empty() ? 0.0f : text_width(*text, type.body)) + 2;
        dl->AddLine(ImVec2(x, text_pos.y), ImVec2(x, text_pos.y + line_height(type.body)), col(pal->text), 2.0f);
    }
    dl->PopClipRect();
    // A phone number typed here is the family's own business: private when the screen is shared.
    uint32_t states = (focused ? State_Focused : 0) | (opt.phone ? State_Phone | State_Private : 0) | (opt.error.empty() ? 0 : State_Invalid);
    record(id, Role::TextBox, label, bb, uint32_t(Action::Focus) | uint32_t(Action::SetText), states, type.body, 0, *text);
    if (!opt.error.empty()) status(opt.error);
    return changed;
}

}  // namespace anxin
