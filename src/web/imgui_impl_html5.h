// Dear ImGui platform backend for the browser, over Emscripten's html5.h events,
// with no GLFW: it lets the app draw only when something happens.
//
//  [X] Mouse, wheel and touch (a finger is the left button; ImGuiMouseSource_TouchScreen).
//  [X] Keyboard: navigation keys, Enter/Space/Escape/Tab, letters and digits, modifiers.
//  [X] Text input characters (for later text fields).
//  [X] Canvas size in CSS px and device pixel ratio (crisp text on phones and 4K kiosks).
//  [ ] IME composition (not needed yet: no free-text fields).
//  [ ] Mouse cursor shapes.
#pragma once

// `on_event` is called after any input that may change what is on screen.
bool ImGui_ImplHtml5_Init(const char* canvas_selector, void (*on_event)());
void ImGui_ImplHtml5_Shutdown();
// A kiosk: the app's own keys (arrows, Enter, the keypad) always reach it, even while the
// DOM mirror has focus (a kiosk's keypad replaces a screen reader's keys).
void ImGui_ImplHtml5_SetKioskKeys(bool on);
// Sets DisplaySize/FramebufferScale from the canvas's CSS size and the device
// pixel ratio, resizing the canvas's backing store when they change.
void ImGui_ImplHtml5_NewFrame(double now_seconds);
