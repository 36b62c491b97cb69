// The simulated phone screen. See phone_screen.h.
//
// [SECTION] Colours and sizes of the simulated screen
// [SECTION] Small glyphs for app icons
// [SECTION] Elements
// [SECTION] The phone

#include "ui/phone_screen.h"

#include <algorithm>
#include <cmath>

namespace anxin {

//-----------------------------------------------------------------------------
// [SECTION] Colours and sizes of the simulated screen
//-----------------------------------------------------------------------------

namespace {

// Phone apps look the same whatever our theme is; all text here is >= 7:1 on its background.
constexpr Rgb kScreenBgRgb{0xF4, 0xF5, 0xF7}, kSurfaceRgb{0xFF, 0xFF, 0xFF}, kInkRgb{0x11, 0x11, 0x11},
    kInkSoftRgb{0x3A, 0x3A, 0x3A}, kBrandRgb{0x0B, 0x4F, 0xC4}, kOnBrandRgb{0xFF, 0xFF, 0xFF}, kGreenRgb{0x05, 0x55, 0x20},
    kOffRgb{0x55, 0x55, 0x55}, kHighlightRgb{0x8A, 0x2E, 0x00};
constexpr ImU32 rgb(Rgb c) { return IM_COL32(c.r, c.g, c.b, 255); }
constexpr ImU32 kScreenBg = rgb(kScreenBgRgb);
constexpr ImU32 kSurface = rgb(kSurfaceRgb);
constexpr ImU32 kInk = rgb(kInkRgb);
constexpr ImU32 kInkSoft = rgb(kInkSoftRgb);
constexpr ImU32 kLine = IM_COL32(0xC8, 0xCC, 0xD2, 255);  // separators only, never text
constexpr ImU32 kBrand = rgb(kBrandRgb);                   // app blue
constexpr ImU32 kOnBrand = rgb(kOnBrandRgb);
constexpr ImU32 kGreen = rgb(kGreenRgb);
constexpr ImU32 kOff = rgb(kOffRgb);
constexpr ImU32 kHighlight = rgb(kHighlightRgb);           // outline + callout for the place to tap

// Every pressable part is drawn at least this tall, and taken as a target inset by
// kTargetInset on each side: targets stay >= 72 px with >= 8 px between them.
constexpr float kMinRow = 80.0f;
constexpr float kTargetInset = 4.0f;

struct Metrics {
    float em;      // text size inside the phone
    float line;    // its line height
    float pad;
    float row;     // list row / button height
};

// Elements taken from the screen, with their rects, for pressing and highlighting.
struct Placed {
    const ScreenElement* element;
    ImRect rect;
};

//-----------------------------------------------------------------------------
// [SECTION] Small glyphs for app icons
//-----------------------------------------------------------------------------

void draw_app_glyph(ImDrawList* dl, const std::string& icon, ImVec2 c, float s, ImU32 col, Ui& ui, const std::string& label) {
    const float t = std::max(2.0f, s * 0.08f);
    if (icon == "scan") {
        const float h = s * 0.35f, k = s * 0.15f;
        for (int sx : {-1, 1})
            for (int sy : {-1, 1}) {
                const ImVec2 corner(c.x + sx * h, c.y + sy * h);
                dl->AddLine(corner, ImVec2(corner.x - sx * k, corner.y), col, t);
                dl->AddLine(corner, ImVec2(corner.x, corner.y - sy * k), col, t);
            }
        dl->AddLine(ImVec2(c.x - h, c.y), ImVec2(c.x + h, c.y), col, t);
    } else if (icon == "qr" || icon == "code") {
        const float q = s * 0.16f;
        dl->AddRectFilled(ImVec2(c.x - 2 * q, c.y - 2 * q), ImVec2(c.x - 0.3f * q, c.y - 0.3f * q), col);
        dl->AddRectFilled(ImVec2(c.x + 0.3f * q, c.y - 2 * q), ImVec2(c.x + 2 * q, c.y - 0.3f * q), col);
        dl->AddRectFilled(ImVec2(c.x - 2 * q, c.y + 0.3f * q), ImVec2(c.x - 0.3f * q, c.y + 2 * q), col);
        dl->AddRectFilled(ImVec2(c.x + 0.6f * q, c.y + 0.6f * q), ImVec2(c.x + 1.4f * q, c.y + 1.4f * q), col);
    } else if (icon_from_name(icon) != Icon::None) {
        draw_icon(dl, icon_from_name(icon), ImVec2(c.x - s * 0.35f, c.y - s * 0.35f), s * 0.7f, col);
    } else if (icon == "user") {
        dl->AddCircle(ImVec2(c.x, c.y - s * 0.12f), s * 0.14f, col, 0, t);
        dl->PathArcTo(ImVec2(c.x, c.y + s * 0.32f), s * 0.26f, 3.3f, 6.1f);
        dl->PathStroke(col, 0, t);
    } else if (icon == "home") {
        dl->AddTriangle(ImVec2(c.x - s * 0.3f, c.y - s * 0.02f), ImVec2(c.x, c.y - s * 0.3f), ImVec2(c.x + s * 0.3f, c.y - s * 0.02f), col, t);
        dl->AddRect(ImVec2(c.x - s * 0.22f, c.y - s * 0.02f), ImVec2(c.x + s * 0.22f, c.y + s * 0.28f), col, 0, 0, t);
    } else if (icon == "settings") {
        draw_icon(dl, Icon::Gear, ImVec2(c.x - s * 0.35f, c.y - s * 0.35f), s * 0.7f, col);
    } else {  // first character of the label, as many app icons are
        const std::string first = label.substr(0, label.empty() ? 0 : (static_cast<unsigned char>(label[0]) >= 0xE0 ? 3 : 1));
        const float em = s * 0.42f;
        const float w = ui.text_width(first, em);
        dl->AddText(ui.font, ui.line_height(em), ImVec2(c.x - w * 0.5f, c.y - ui.line_height(em) * 0.5f), col, first.c_str());
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Elements
//-----------------------------------------------------------------------------

float text_block(Ui& ui, ImDrawList* dl, const std::string& text, float em, ImVec2 pos, float width, ImU32 col, bool centred = false) {
    return ui.draw_text(dl, text, em, pos, width, col, centred).y;
}

// Draws one element at y and returns its height; pressable parts are added to `placed`.
float draw_element(Ui& ui, ImDrawList* dl, const ScreenElement& e, ImVec2 origin, float width, const Metrics& m,
                   std::vector<Placed>& placed) {
    const float x = origin.x, y = origin.y;
    switch (e.type) {
        case ElementType::TitleBar: {
            const float h = m.line + m.pad * 1.2f;
            dl->AddRectFilled(ImVec2(x, y), ImVec2(x + width, y + h), kSurface);
            dl->AddLine(ImVec2(x, y + h), ImVec2(x + width, y + h), kLine, 1.5f);
            const float cy = y + h * 0.5f, k = m.em * 0.3f;
            dl->AddLine(ImVec2(x + m.pad + k, cy - k), ImVec2(x + m.pad, cy), kInk, 3);
            dl->AddLine(ImVec2(x + m.pad, cy), ImVec2(x + m.pad + k, cy + k), kInk, 3);
            text_block(ui, dl, e.text, m.em, ImVec2(x + m.pad * 2 + k, y + (h - m.line) * 0.5f), width - 2 * (m.pad * 2 + k), kInk, true);
            placed.push_back({&e, ImRect(x, y, x + width, y + h)});
            return h;
        }
        case ElementType::Search: {
            const float h = std::max(m.line + m.pad, kMinRow);
            const ImRect r(x + m.pad, y + m.pad * 0.5f, x + width - m.pad, y + m.pad * 0.5f + h);
            dl->AddRectFilled(r.Min, r.Max, kSurface, h * 0.5f);
            dl->AddRect(r.Min, r.Max, kLine, h * 0.5f, 0, 2);
            const ImVec2 c(r.Min.x + h * 0.5f, r.GetCenter().y);
            dl->AddCircle(ImVec2(c.x - 2, c.y - 2), m.em * 0.25f, kInkSoft, 0, 2.5f);
            dl->AddLine(ImVec2(c.x + m.em * 0.12f, c.y + m.em * 0.12f), ImVec2(c.x + m.em * 0.3f, c.y + m.em * 0.3f), kInkSoft, 2.5f);
            text_block(ui, dl, e.text, m.em, ImVec2(r.Min.x + h, r.Min.y + (h - m.line) * 0.5f), r.GetWidth() - h - m.pad, kInkSoft);
            placed.push_back({&e, r});
            return h + m.pad;
        }
        case ElementType::IconGrid:
        case ElementType::TabBar: {
            const bool tabs = e.type == ElementType::TabBar;
            // As many across as fit at >= kMinRow wide; more wrap to the next row.
            const int fit = std::max(1, int(width / kMinRow));
            const int cols = std::min(tabs ? int(e.items.size()) : std::clamp(int(width / (m.em * 4.2f)), 2, 4), fit);
            const float cell_w = width / float(cols);
            const float icon = tabs ? m.em * 1.2f : std::min(cell_w * 0.55f, m.em * 2.2f);
            const float label_em = tabs ? m.em * 0.85f : m.em * 0.9f;
            float total = 0;
            if (tabs) dl->AddLine(ImVec2(x, y), ImVec2(x + width, y), kLine, 1.5f);
            for (size_t row = 0; row * cols < e.items.size(); ++row) {
                float row_h = kMinRow;
                for (size_t i = row * cols; i < std::min(e.items.size(), (row + 1) * cols); ++i)
                    row_h = std::max(row_h, icon + ui.measure(e.items[i].text, label_em, cell_w - 8).y + m.pad);
                for (size_t i = row * cols; i < std::min(e.items.size(), (row + 1) * cols); ++i) {
                    const ScreenElement& it = e.items[i];
                    const float cx = x + cell_w * (float(i % cols) + 0.5f);
                    const float top = y + total + m.pad * 0.5f;
                    if (tabs) draw_app_glyph(dl, it.icon, ImVec2(cx, top + icon * 0.5f), icon, kInk, ui, it.text);
                    else {
                        dl->AddRectFilled(ImVec2(cx - icon * 0.5f, top), ImVec2(cx + icon * 0.5f, top + icon), kBrand, icon * 0.22f);
                        draw_app_glyph(dl, it.icon, ImVec2(cx, top + icon * 0.5f), icon, kOnBrand, ui, it.text);
                    }
                    text_block(ui, dl, it.text, label_em, ImVec2(cx - cell_w * 0.5f + 4, top + icon + 2), cell_w - 8, kInk, true);
                    placed.push_back({&it, ImRect(cx - cell_w * 0.5f + 2, y + total, cx + cell_w * 0.5f - 2, y + total + row_h)});
                }
                total += row_h;
            }
            return total + m.pad * 0.5f;
        }
        case ElementType::Button: {
            const float tw = width - 4 * m.pad;
            const float h = std::max(m.row, ui.measure(e.text, m.em, tw).y + m.pad);
            const ImRect r(x + m.pad, y + m.pad * 0.5f, x + width - m.pad, y + m.pad * 0.5f + h);
            dl->AddRectFilled(r.Min, r.Max, kBrand, h * 0.25f);
            text_block(ui, dl, e.text, m.em, ImVec2(r.Min.x + m.pad, r.Min.y + (h - ui.measure(e.text, m.em, tw).y) * 0.5f), tw, kOnBrand, true);
            placed.push_back({&e, r});
            return h + m.pad;
        }
        case ElementType::ListRow:
        case ElementType::Toggle:
        case ElementType::Card: {
            const bool toggle = e.type == ElementType::Toggle;
            const float right = toggle ? m.em * 2.4f : m.em;
            const float tw = width - 2 * m.pad - right - m.pad * 0.5f;
            const float title_em = e.type == ElementType::Card ? m.em * 1.1f : m.em;
            const float th = ui.measure(e.text, title_em, tw).y;
            const float dh = e.detail.empty() ? 0 : ui.measure(e.detail, m.em * 0.85f, tw).y;
            const float h = std::max(m.row, th + dh + m.pad);
            const float inset = e.type == ElementType::Card ? m.pad * 0.5f : 0;
            const ImRect r(x + inset, y + inset, x + width - inset, y + inset + h);
            dl->AddRectFilled(r.Min, r.Max, kSurface, inset > 0 ? 10.0f : 0.0f);
            if (inset > 0) dl->AddRect(r.Min, r.Max, kLine, 10.0f, 0, 1.5f);
            else dl->AddLine(ImVec2(x + m.pad, r.Max.y), ImVec2(x + width, r.Max.y), kLine, 1.5f);
            const float ty = r.Min.y + (h - th - dh) * 0.5f;
            text_block(ui, dl, e.text, title_em, ImVec2(r.Min.x + m.pad, ty), tw, kInk);
            if (dh > 0) text_block(ui, dl, e.detail, m.em * 0.85f, ImVec2(r.Min.x + m.pad, ty + th), tw, kInkSoft);
            const float cy = r.GetCenter().y;
            if (toggle) {  // the switch also says 开/关 in words
                const ImVec2 a(r.Max.x - m.pad - m.em * 2.2f, cy - m.em * 0.55f), b(r.Max.x - m.pad, cy + m.em * 0.55f);
                dl->AddRectFilled(a, b, e.on ? kGreen : kOff, m.em * 0.55f);
                const float kx = e.on ? b.x - m.em * 0.55f : a.x + m.em * 0.55f;
                dl->AddCircleFilled(ImVec2(kx, cy), m.em * 0.45f, kSurface);
                const char* word = e.on ? "开" : "关";
                const float wx = e.on ? a.x + m.em * 0.2f : b.x - m.em * 0.95f;
                dl->AddText(ui.font, ui.line_height(m.em * 0.7f), ImVec2(wx, cy - ui.line_height(m.em * 0.7f) * 0.5f), kOnBrand, word);
            } else {
                const float k = m.em * 0.25f, cx = r.Max.x - m.pad - k;
                dl->AddLine(ImVec2(cx - k, cy - k), ImVec2(cx, cy), kInkSoft, 2.5f);
                dl->AddLine(ImVec2(cx, cy), ImVec2(cx - k, cy + k), kInkSoft, 2.5f);
            }
            placed.push_back({&e, r});
            return h + 2 * inset;
        }
        case ElementType::Qr: {
            const float side = std::min(width * 0.6f, m.em * 8.0f);
            const float left = x + (width - side) * 0.5f, top = y + m.pad;
            dl->AddRectFilled(ImVec2(left, top), ImVec2(left + side, top + side), kSurface);
            // A fixed pseudo-random pattern with the three finder squares: clearly "a QR code".
            const int n = 21;
            const float cell = side / float(n);
            uint32_t seed = 2166136261u;
            for (char ch : e.text + e.id) seed = (seed ^ uint8_t(ch)) * 16777619u;
            for (int r = 0; r < n; ++r)
                for (int c = 0; c < n; ++c) {
                    const bool finder = (r < 7 && c < 7) || (r < 7 && c >= n - 7) || (r >= n - 7 && c < 7);
                    bool on;
                    if (finder) {
                        const int fr = r < 7 ? r : r - (n - 7), fc = c < 7 ? c : c - (n - 7);  // position in its finder
                        on = fr == 0 || fr == 6 || fc == 0 || fc == 6 || (fr >= 2 && fr <= 4 && fc >= 2 && fc <= 4);
                    } else {
                        seed = seed * 1664525u + 1013904223u;
                        on = (seed >> 28) & 1;
                    }
                    if (on) dl->AddRectFilled(ImVec2(left + c * cell, top + r * cell), ImVec2(left + (c + 1) * cell, top + (r + 1) * cell), kInk);
                }
            float h = side + m.pad;
            if (!e.text.empty()) h += text_block(ui, dl, e.text, m.em, ImVec2(x + m.pad, top + side + m.pad * 0.5f), width - 2 * m.pad, kInk, true);
            placed.push_back({&e, ImRect(left, top, left + side, top + side)});
            return h + m.pad;
        }
        case ElementType::Text:
            return text_block(ui, dl, e.text, m.em, ImVec2(x + m.pad, y + m.pad * 0.5f), width - 2 * m.pad, kInk) + m.pad;
    }
    return 0;
}

}  // namespace

std::vector<ColourPair> phone_colour_pairs() {
    return {{"phone text", kInkRgb, kScreenBgRgb},       {"phone text on rows", kInkRgb, kSurfaceRgb},
            {"phone details", kInkSoftRgb, kSurfaceRgb}, {"phone search hint", kInkSoftRgb, kSurfaceRgb},
            {"phone button text", kOnBrandRgb, kBrandRgb}, {"toggle on word", kOnBrandRgb, kGreenRgb},
            {"toggle off word", kOnBrandRgb, kOffRgb},   {"tap-here callout", kOnBrandRgb, kHighlightRgb},
            {"tap-here outline on screen", kHighlightRgb, kScreenBgRgb}};
}

//-----------------------------------------------------------------------------
// [SECTION] The phone
//-----------------------------------------------------------------------------

std::string draw_phone(Ui& ui, const PhoneScreen& screen, const PhoneView& view) {
    ImGuiWindow* w = ImGui::GetCurrentWindow();
    ImDrawList* dl = w->DrawList;
    const float avail = ui.available_width();
    const float phone_w = std::min(avail, std::max(320.0f, ui.type.body * 14.0f));
    const float bezel = std::max(8.0f, phone_w * 0.03f);
    const ImVec2 origin(w->DC.CursorPos.x + (avail - phone_w) * 0.5f, w->DC.CursorPos.y);
    Metrics m;
    m.em = std::max(22.0f, ui.type.body * 0.8f);  // still large: seniors read this too
    m.line = ui.line_height(m.em);
    m.pad = m.em * 0.6f;
    m.row = std::max(m.line + m.pad * 1.2f, kMinRow);
    const float inner_w = phone_w - 2 * bezel;
    const ImVec2 inner(origin.x + bezel, origin.y + bezel * 2.5f);

    // Lay out and draw the screen into a channel behind the frame, then frame it.
    dl->ChannelsSplit(2);
    dl->ChannelsSetCurrent(1);
    std::vector<Placed> placed;
    float y = inner.y;
    // Status bar: time and battery, decoration only.
    const float status_h = m.line * 0.8f;
    dl->AddText(ui.font, ui.line_height(m.em * 0.6f), ImVec2(inner.x + m.pad, y + status_h * 0.15f), kInk, "9:41");
    dl->AddRect(ImVec2(inner.x + inner_w - m.pad - m.em, y + status_h * 0.3f), ImVec2(inner.x + inner_w - m.pad, y + status_h * 0.7f), kInk, 2, 0, 2);
    y += status_h;
    if (!screen.title.empty()) {
        ScreenElement bar;
        bar.type = ElementType::TitleBar;
        bar.text = screen.title;
        std::vector<Placed> ignored;
        y += draw_element(ui, dl, bar, ImVec2(inner.x, y), inner_w, m, ignored);
    }
    for (const ScreenElement& e : screen.elements) y += draw_element(ui, dl, e, ImVec2(inner.x, y), inner_w, m, placed);
    y += m.pad;
    const ImRect screen_rect(inner.x, inner.y, inner.x + inner_w, y);
    const ImRect phone_rect(origin, ImVec2(origin.x + phone_w, y + bezel * 2.5f));
    dl->ChannelsSetCurrent(0);
    dl->AddRectFilled(phone_rect.Min, phone_rect.Max, ui.col(ui.pal->text), bezel * 3.0f);
    dl->AddRectFilled(screen_rect.Min, screen_rect.Max, kScreenBg, bezel);
    dl->ChannelsMerge();

    ImGui::ItemSize(ImRect(ImVec2(w->DC.CursorPos.x, phone_rect.Min.y), ImVec2(w->DC.CursorPos.x + avail, phone_rect.Max.y)));
    const uint32_t phone_id = ImGui::GetID("phone");
    ui.record(phone_id, Role::Image, view.description, phone_rect);

    // The target: pulsing outline, an arrow, and the words "点这里".
    const Placed* target = nullptr;
    for (const Placed& p : placed)
        if (!screen.target.empty() && p.element->id == screen.target) target = &p;
    if (target && view.show_target)
        draw_tap_here(dl, ui, target->rect, screen_rect, view.tap_here, 4.0f + 6.0f * view.pulse, std::max(20.0f, m.em * 0.8f), m.pad);

    // Practice: every element on the simulated screen can be pressed, as on a real phone.
    std::string pressed;
    if (view.practice) {
        const ImVec2 saved = w->DC.CursorPos;
        const uint32_t saved_parent = ui.parent;
        ui.parent = phone_id;
        int n = 0;
        for (const Placed& placed_part : placed) {
            Placed p = placed_part;
            p.rect.Expand(-kTargetInset);
            ImGui::PushID(n++);
            const ImGuiID id = ImGui::GetID("element");
            bool hovered = false, held = false;
            if (ImGui::ItemAdd(p.rect, id)) {
                if (ImGui::ButtonBehavior(p.rect, id, &hovered, &held)) pressed = p.element->id.empty() ? element_label(*p.element) : p.element->id;
            }
            if (ui.actions->take(id, Action::Press)) pressed = p.element->id.empty() ? element_label(*p.element) : p.element->id;
            if (ui.actions->take(id, Action::Focus)) {  // from the keyboard or a screen reader
                ImGui::SetFocusID(id, w);
                ImGui::SetNavCursorVisible(true);
                ImGui::ScrollToRect(w, p.rect);
            }
            const bool focused = GImGui->NavId == id && GImGui->NavCursorVisible;
            if (held) dl->AddRectFilled(p.rect.Min, p.rect.Max, IM_COL32(0, 0, 0, 40), 8.0f);
            if (focused) dl->AddRect(p.rect.Min - ImVec2(6, 6), p.rect.Max + ImVec2(6, 6), ui.col(ui.pal->focus_ring), 8.0f, 0, 6.0f);
            ui.record(id, Role::Button, element_label(*p.element), p.rect, uint32_t(Action::Press) | uint32_t(Action::Focus),
                      focused ? State_Focused : 0, m.em);
            ImGui::PopID();
        }
        ui.parent = saved_parent;
        w->DC.CursorPos = saved;
    }
    return pressed;
}


bool draw_phone_to_fit(Ui& ui, const PhoneScreen& screen, const PhoneView& view, float room, float max_body, float& per_body) {
    const bool measured = per_body > 0;
    const TypeScale type = ui.type;
    ui.type.body = std::clamp(room / (measured ? per_body : 20.0f), 16.0f, max_body);
    const float top = ImGui::GetCursorScreenPos().y;
    draw_phone(ui, screen, view);
    per_body = (ImGui::GetCursorScreenPos().y - top) / ui.type.body;
    ui.type = type;
    return measured;
}

void draw_tap_here(ImDrawList* dl, const Ui& ui, const ImRect& target, const ImRect& bounds, const std::string& label, float grow,
                   float em, float pad) {
    const ImRect r(target.Min - ImVec2(grow, grow), target.Max + ImVec2(grow, grow));
    dl->AddRect(r.Min, r.Max, IM_COL32(0xFF, 0xFF, 0xFF, 255), 12.0f, 0, 10.0f);
    dl->AddRect(r.Min, r.Max, kHighlight, 12.0f, 0, 6.0f);
    const float tw = ui.text_width(label, em) + 2 * pad;
    const float th = ui.line_height(em) + pad * 0.6f;
    // Callout above the target if there is room inside the bounds, otherwise below.
    const bool above = r.Min.y - th - 12 > bounds.Min.y;
    const float cx = std::clamp(r.GetCenter().x, bounds.Min.x + tw * 0.5f, bounds.Max.x - tw * 0.5f);
    const ImVec2 bmin(cx - tw * 0.5f, above ? r.Min.y - th - 12 : r.Max.y + 12);
    dl->AddRectFilled(bmin, bmin + ImVec2(tw, th), kHighlight, 8.0f);
    dl->AddText(ui.font, ui.line_height(em), bmin + ImVec2(pad, pad * 0.3f), kOnBrand, label.c_str());
    const float ax = std::clamp(r.GetCenter().x, bmin.x + 12, bmin.x + tw - 12);
    if (above) dl->AddTriangleFilled(ImVec2(ax - 12, bmin.y + th), ImVec2(ax + 12, bmin.y + th), ImVec2(ax, r.Min.y - 1), kHighlight);
    else dl->AddTriangleFilled(ImVec2(ax - 12, bmin.y), ImVec2(ax + 12, bmin.y), ImVec2(ax, r.Max.y + 1), kHighlight);
}

}  // namespace anxin

