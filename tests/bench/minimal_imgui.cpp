// The benchmark's yardstick: the smallest ordinary Dear ImGui web app — one
// window, one button, ImGui's default font — built by the same toolchain, with
// the usual continuous main loop.
#include <emscripten.h>
#include <emscripten/html5.h>

#include <GLES3/gl3.h>

#include "imgui.h"
#include "imgui_impl_opengl3.h"

static unsigned g_frames = 0;
extern "C" EMSCRIPTEN_KEEPALIVE unsigned anxin_frame_count() { return g_frames; }

EM_JS(void, js_first_frame, (), { window.anxinFirstFrameMs = performance.now(); });

static void frame() {
    double w, h;
    emscripten_get_element_css_size("#canvas", &w, &h);
    emscripten_set_canvas_element_size("#canvas", int(w), int(h));
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(float(w), float(h));
    io.DeltaTime = 1.0f / 60.0f;
    ImGui_ImplOpenGL3_NewFrame();
    ImGui::NewFrame();
    ImGui::Begin("Hello");
    ImGui::Button("Button");
    ImGui::End();
    ImGui::Render();
    glViewport(0, 0, int(w), int(h));
    glClearColor(0.2f, 0.2f, 0.2f, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    if (++g_frames == 1) js_first_frame();
}

int main() {
    EmscriptenWebGLContextAttributes attrs;
    emscripten_webgl_init_context_attributes(&attrs);
    attrs.majorVersion = 2;
    EMSCRIPTEN_WEBGL_CONTEXT_HANDLE ctx = emscripten_webgl_create_context("#canvas", &attrs);
    emscripten_webgl_make_context_current(ctx);
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;
    ImGui_ImplOpenGL3_Init("#version 300 es");
    emscripten_set_main_loop(frame, 0, false);
    return 0;
}
