#include "web/imgui_impl_html5.h"

#include <emscripten.h>
#include <emscripten/html5.h>

#include <cstring>
#include <string>

#include "imgui.h"

namespace {

struct Backend {
    std::string canvas;
    void (*on_event)() = nullptr;
    double last_time = 0;
    int fb_w = 0, fb_h = 0;
    bool kiosk_keys = false;
};
Backend g;

ImGuiKey key_from_code(const char* code) {
    struct Pair { const char* code; ImGuiKey key; };
    static const Pair kKeys[] = {
        {"Tab", ImGuiKey_Tab}, {"Enter", ImGuiKey_Enter}, {"NumpadEnter", ImGuiKey_KeypadEnter},
        {"Escape", ImGuiKey_Escape}, {"Space", ImGuiKey_Space}, {"Backspace", ImGuiKey_Backspace},
        {"Delete", ImGuiKey_Delete}, {"ArrowLeft", ImGuiKey_LeftArrow}, {"ArrowRight", ImGuiKey_RightArrow},
        {"ArrowUp", ImGuiKey_UpArrow}, {"ArrowDown", ImGuiKey_DownArrow}, {"Home", ImGuiKey_Home},
        {"End", ImGuiKey_End}, {"PageUp", ImGuiKey_PageUp}, {"PageDown", ImGuiKey_PageDown},
        {"ShiftLeft", ImGuiKey_LeftShift}, {"ShiftRight", ImGuiKey_RightShift},
        {"ControlLeft", ImGuiKey_LeftCtrl}, {"ControlRight", ImGuiKey_RightCtrl},
        {"AltLeft", ImGuiKey_LeftAlt}, {"AltRight", ImGuiKey_RightAlt},
        {"MetaLeft", ImGuiKey_LeftSuper}, {"MetaRight", ImGuiKey_RightSuper},
        {"F1", ImGuiKey_F1}, {"NumpadAdd", ImGuiKey_KeypadAdd}, {"NumpadSubtract", ImGuiKey_KeypadSubtract},
    };
    for (const Pair& p : kKeys)
        if (std::strcmp(code, p.code) == 0) return p.key;
    if (std::strncmp(code, "Key", 3) == 0 && code[3] >= 'A' && code[3] <= 'Z' && code[4] == 0)
        return ImGuiKey(ImGuiKey_A + (code[3] - 'A'));
    if (std::strncmp(code, "Digit", 5) == 0 && code[5] >= '0' && code[5] <= '9' && code[6] == 0)
        return ImGuiKey(ImGuiKey_0 + (code[5] - '0'));
    if (std::strncmp(code, "Numpad", 6) == 0 && code[6] >= '0' && code[6] <= '9' && code[7] == 0)  // kiosk keypads
        return ImGuiKey(ImGuiKey_Keypad0 + (code[6] - '0'));
    return ImGuiKey_None;
}

void notify() {
    if (g.on_event) g.on_event();
}

EM_BOOL on_mouse(int type, const EmscriptenMouseEvent* e, void*) {
    ImGuiIO& io = ImGui::GetIO();
    io.AddMouseSourceEvent(ImGuiMouseSource_Mouse);
    io.AddMousePosEvent(float(e->targetX), float(e->targetY));
    if (type == EMSCRIPTEN_EVENT_MOUSEDOWN || type == EMSCRIPTEN_EVENT_MOUSEUP) {
        const int button = e->button == 0 ? 0 : e->button == 2 ? 1 : e->button == 1 ? 2 : -1;
        if (button >= 0) io.AddMouseButtonEvent(button, type == EMSCRIPTEN_EVENT_MOUSEDOWN);
    }
    if (type == EMSCRIPTEN_EVENT_MOUSELEAVE) io.AddMousePosEvent(-FLT_MAX, -FLT_MAX);
    notify();
    return EM_FALSE;
}

EM_BOOL on_wheel(int, const EmscriptenWheelEvent* e, void*) {
    // deltaMode 0 = pixels, 1 = lines, 2 = pages; ImGui counts in "lines" of ~5 rows.
    const double unit = e->deltaMode == DOM_DELTA_PIXEL ? 100.0 : e->deltaMode == DOM_DELTA_LINE ? 3.0 : 1.0;
    ImGui::GetIO().AddMouseWheelEvent(float(-e->deltaX / unit), float(-e->deltaY / unit));
    notify();
    return EM_TRUE;  // the page itself never scrolls
}

EM_BOOL on_touch(int type, const EmscriptenTouchEvent* e, void*) {
    ImGuiIO& io = ImGui::GetIO();
    const EmscriptenTouchPoint* t = nullptr;
    for (int i = 0; i < e->numTouches; ++i)
        if (e->touches[i].isChanged) { t = &e->touches[i]; break; }
    if (!t) return EM_FALSE;
    io.AddMouseSourceEvent(ImGuiMouseSource_TouchScreen);
    io.AddMousePosEvent(float(t->targetX), float(t->targetY));
    if (type == EMSCRIPTEN_EVENT_TOUCHSTART) io.AddMouseButtonEvent(0, true);
    if (type == EMSCRIPTEN_EVENT_TOUCHEND || type == EMSCRIPTEN_EVENT_TOUCHCANCEL) {
        io.AddMouseButtonEvent(0, false);
        io.AddMouseSourceEvent(ImGuiMouseSource_TouchScreen);
        io.AddMousePosEvent(-FLT_MAX, -FLT_MAX);  // a lifted finger hovers nothing
    }
    notify();
    return EM_TRUE;  // no emulated mouse events after touch (no double taps)
}

// 1 while a DOM mirror element has focus: the browser handles Tab, Enter and Space
// there (and sends the action to the app), so ImGui must not act on them too.
// 2 while it is a text box: every key is the typist's (Escape ends an input method's composing).
EM_JS(int, js_focus_in_mirror, (), {
    if (!window.anxinMirror || !window.anxinMirror.focusInMirror()) return 0;
    return document.activeElement.type === "text" ? 2 : 1;
});

EM_JS(void, js_leave_text_box, (), { if (document.activeElement) document.activeElement.blur(); });

// A kiosk's keys that move on (Up/Down, Help, Back) leave a text box the keys reached, so
// nobody is trapped in it; digits, Backspace and Enter stay with the typing.
bool kiosk_key_leaves_text_box(const EmscriptenKeyboardEvent* e) {
    if (e->keyCode == 229) return false;  // an input method is composing: its own keys
    for (const char* code : {"ArrowUp", "ArrowDown", "F1", "Escape", "NumpadAdd", "NumpadSubtract"})
        if (std::strcmp(e->code, code) == 0) return true;
    return false;
}

// Keys a kiosk uses whose browser default (help page, history back, page scroll) must not happen.
bool kiosk_key(ImGuiKey key) {
    return key == ImGuiKey_F1 || key == ImGuiKey_Escape || key == ImGuiKey_Backspace ||
           (key >= ImGuiKey_Keypad0 && key <= ImGuiKey_KeypadEqual);
}

EM_BOOL on_key(int type, const EmscriptenKeyboardEvent* e, void*) {
    ImGuiIO& io = ImGui::GetIO();
    // Tab always moves the browser's focus, through the mirror in reading order.
    if (std::strcmp(e->code, "Tab") == 0) return EM_FALSE;
    int mirror = js_focus_in_mirror();
    if (mirror == 2 && g.kiosk_keys && kiosk_key_leaves_text_box(e)) {
        if (type == EMSCRIPTEN_EVENT_KEYDOWN) js_leave_text_box();
        mirror = 1;
    }
    if (mirror == 2 || (mirror == 1 && !g.kiosk_keys && std::strcmp(e->code, "Escape") != 0)) return EM_FALSE;
    // A mirror control has focus: Enter and Space click it, as the browser does (not the key cursor).
    if (mirror == 1 && (std::strcmp(e->code, "Enter") == 0 || std::strcmp(e->code, "Space") == 0)) return EM_FALSE;
    const bool down = type == EMSCRIPTEN_EVENT_KEYDOWN;
    io.AddKeyEvent(ImGuiMod_Ctrl, e->ctrlKey);
    io.AddKeyEvent(ImGuiMod_Shift, e->shiftKey);
    io.AddKeyEvent(ImGuiMod_Alt, e->altKey);
    io.AddKeyEvent(ImGuiMod_Super, e->metaKey);
    const ImGuiKey key = key_from_code(e->code);
    if (key != ImGuiKey_None) io.AddKeyEvent(key, down);
    // A printable key (one code point, no Ctrl/Meta) is text.
    if (down && !e->ctrlKey && !e->metaKey && e->key[0] && std::strlen(e->key) <= 4 && (unsigned char)e->key[0] >= 0x20 &&
        !(std::strlen(e->key) > 1 && (unsigned char)e->key[0] < 0x80))
        io.AddInputCharactersUTF8(e->key);
    notify();
    // Keep keys the app uses from also scrolling the page or leaving the canvas; let
    // browser shortcuts (Ctrl/Meta +/-, reload) through.
    const bool app_key = key == ImGuiKey_Space || key == ImGuiKey_Enter ||
                         (key >= ImGuiKey_LeftArrow && key <= ImGuiKey_DownArrow) || key == ImGuiKey_PageUp ||
                         key == ImGuiKey_PageDown || key == ImGuiKey_Home || key == ImGuiKey_End;
    return (app_key || (g.kiosk_keys && kiosk_key(key))) && !e->ctrlKey && !e->metaKey ? EM_TRUE : EM_FALSE;
}

EM_BOOL on_resize(int, const EmscriptenUiEvent*, void*) {
    notify();
    return EM_FALSE;
}

EM_BOOL on_focus(int type, const EmscriptenFocusEvent*, void*) {
    ImGui::GetIO().AddFocusEvent(type == EMSCRIPTEN_EVENT_FOCUS);
    notify();
    return EM_FALSE;
}

}  // namespace

void ImGui_ImplHtml5_SetKioskKeys(bool on) {
    g.kiosk_keys = on;
    EM_ASM({ window.anxinKioskKeys = !!$0; }, on ? 1 : 0);  // mirror.js leaves arrow keys to the app
}

bool ImGui_ImplHtml5_Init(const char* canvas, void (*on_event)()) {
    g.canvas = canvas;
    g.on_event = on_event;
    ImGuiIO& io = ImGui::GetIO();
    io.BackendPlatformName = "imgui_impl_html5";
    const char* c = g.canvas.c_str();
    emscripten_set_mousedown_callback(c, nullptr, true, on_mouse);
    emscripten_set_mouseup_callback(EMSCRIPTEN_EVENT_TARGET_DOCUMENT, nullptr, true, on_mouse);
    emscripten_set_mousemove_callback(c, nullptr, true, on_mouse);
    emscripten_set_mouseleave_callback(c, nullptr, true, on_mouse);
    emscripten_set_wheel_callback(c, nullptr, false, on_wheel);
    emscripten_set_touchstart_callback(c, nullptr, false, on_touch);
    emscripten_set_touchmove_callback(c, nullptr, false, on_touch);
    emscripten_set_touchend_callback(c, nullptr, false, on_touch);
    emscripten_set_touchcancel_callback(c, nullptr, false, on_touch);
    emscripten_set_keydown_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, true, on_key);
    emscripten_set_keyup_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, true, on_key);
    emscripten_set_resize_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, false, on_resize);
    emscripten_set_focus_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, false, on_focus);
    emscripten_set_blur_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, false, on_focus);
    return true;
}

void ImGui_ImplHtml5_Shutdown() {
    emscripten_html5_remove_all_event_listeners();
    g = Backend{};
}

void ImGui_ImplHtml5_NewFrame(double now) {
    ImGuiIO& io = ImGui::GetIO();
    double css_w = 0, css_h = 0;
    emscripten_get_element_css_size(g.canvas.c_str(), &css_w, &css_h);
    const double dpr = emscripten_get_device_pixel_ratio();
    const int fb_w = int(css_w * dpr + 0.5), fb_h = int(css_h * dpr + 0.5);
    if (fb_w != g.fb_w || fb_h != g.fb_h) {
        emscripten_set_canvas_element_size(g.canvas.c_str(), fb_w, fb_h);
        g.fb_w = fb_w;
        g.fb_h = fb_h;
    }
    io.DisplaySize = ImVec2(float(css_w), float(css_h));
    io.DisplayFramebufferScale = ImVec2(float(dpr), float(dpr));
    io.DeltaTime = g.last_time > 0 ? float(now - g.last_time) : 1.0f / 60.0f;
    if (io.DeltaTime <= 0) io.DeltaTime = 1.0f / 1000.0f;
    g.last_time = now;
}
