// The widget layer: draws with Dear ImGui and, for every element it draws,
// records a semantics node (role, name, state, rect, actions). Widgets also
// take action requests aimed at their id, so a test or a screen reader
// "presses" a button through the same code path as a finger.
//
// Coordinates are CSS pixels (ImGui's DisplaySize is the canvas's CSS size;
// the device pixel ratio only sets how finely fonts are rasterised).
#pragma once
#include <string>

#include "core/semantics.h"
#include "core/strings.h"
#include "core/text_scale.h"
#include "core/theme.h"
#include "imgui.h"
#include "imgui_internal.h"  // ImRect and item registration for custom widgets
#include "ui/icons.h"

namespace anxin {

enum class ButtonStyle { Normal, Primary, Help };

struct ButtonOptions {
    float width = 0;             // 0 = all the width left on the line
    ButtonStyle style = ButtonStyle::Normal;
    Icon icon = Icon::None;
    std::string subtitle;        // second, smaller line (tiles); joins the accessible description
    float min_height = 0;        // e.g. to make tiles in a row equal
    bool icon_only = false;      // just the icon, centred; the label stays its accessible name
};

struct TextFieldOptions {
    bool phone = false;          // digits: the browser offers a number keyboard
    std::string hint;            // shown muted in the empty box
    std::string error;           // shown under the box, and the box is marked invalid
};

// What a screen has to draw with, for one frame.
struct Ui {
    // Set up by the app each frame.
    ImFont* font = nullptr;
    float line_per_em = 1.45f;   // line box height / em, from the font file
    const Palette* pal = nullptr;
    TypeScale type{};
    LayoutMetrics m{};
    DeviceClass device = DeviceClass::Wide;
    ImVec2 viewport;             // CSS px
    ImRect visible;              // the region currently on screen (for State_Clipped)
    SemanticsTree* tree = nullptr;
    ActionQueue* actions = nullptr;
    const Strings* str = nullptr;
    uint32_t parent = 0;         // semantics node new nodes belong to
    bool preview = false;        // drawing a preview of another device's screen (family page)
    bool private_text = false;   // nodes recorded now hold a phone number: masked when the screen is shared
    std::string spoken;          // this screen's text in reading order, for read-aloud
    std::string arrival;         // told to screen readers when this screen appears ("第 2 步，共 6 步：…")

    const std::string& t(const char* key) const { return str->get(key); }
    float line_height(float em) const { return em * line_per_em; }
    float text_width(const std::string& text, float em) const;
    // Size of `text` wrapped to `max_width` at `em`.
    ImVec2 measure(const std::string& text, float em, float max_width) const;
    // Draws wrapped text at `pos`; returns its size.
    ImVec2 draw_text(ImDrawList* dl, const std::string& text, float em, ImVec2 pos, float max_width, ImU32 col,
                     bool centred = false) const;

    // ---- Widgets, placed at the ImGui cursor -------------------------------------------
    void heading(const std::string& text, int level = 1);
    void paragraph(const std::string& text, bool muted = false);
    // Very large text (the hotline number); shrinks to fit the width if it must.
    void big_text(const std::string& text, const std::string& accessible_name);
    void status(const std::string& text);  // a polite message (saved, failed, ...)
    bool button(const char* id, const std::string& label, const ButtonOptions& opt = {});
    float button_height(const std::string& label, const ButtonOptions& opt, float width) const;
    bool radio(const char* id, const std::string& label, bool selected, float width);
    bool checkbox(const char* id, const std::string& label, bool* value);
    // A labelled text box. The canvas only shows the text: typing happens in the browser's
    // own <input> over the box (the DOM mirror's), where Chinese input methods work, and
    // each change comes back as Action::SetText. Returns true when the text changed.
    bool text_field(const char* id, const std::string& label, std::string* text, const TextFieldOptions& opt = {});
    // Lays out radio options in rows that fit the width; returns the index pressed or -1.
    int radio_row(const char* id, const std::string* labels, int count, int selected);

    // ---- Recording ------------------------------------------------------------------
    uint32_t record(uint32_t id, Role role, const std::string& name, const ImRect& rect, uint32_t actions = 0,
                    uint32_t states = 0, float font_px = 0, int level = 0, const std::string& value = {});
    ImU32 col(Rgb c, float alpha = 1.0f) const { return IM_COL32(c.r, c.g, c.b, int(alpha * 255)); }
    float available_width() const;

private:
    // Shared press logic: pointer (ImGui) + keyboard nav + action requests. Draws the focus ring.
    bool press_behaviour(uint32_t id, const ImRect& bb, bool* hovered, bool* held, bool* focused);
};

}  // namespace anxin
