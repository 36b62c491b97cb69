// The browser entry point: creates the WebGL2 context, loads content and the
// font from the preloaded file system, and runs frames only when needed —
// on input, resize, or while the app asks (a screen change, an animation).
// A kiosk left idle all day draws nothing.
//
// JavaScript reaches the app through three exported functions (below) and
// the html5 event callbacks; nothing else.

#include <emscripten.h>
#include <emscripten/html5.h>

#include <GLES3/gl3.h>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>

#include "core/content.h"
#include "imgui.h"
#include "imgui_impl_opengl3.h"
#include "imgui_internal.h"
#include "core/kiosk.h"
#include "ui/app.h"
#include "web/imgui_impl_html5.h"
#include "web/web_platform.h"

namespace {

constexpr const char* kCanvas = "#canvas";

void wake();

struct WebApp {
    anxin::WebStorage storage;
    anxin::WebSpeech speech;
    anxin::WebClock clock{wake};
    anxin::WebNetwork network;
    anxin::WebFiles files;
    anxin::WebLinks links;
    anxin::WebAccessibility a11y;
    std::unique_ptr<anxin::App> app;
    EMSCRIPTEN_WEBGL_CONTEXT_HANDLE gl = 0;
    bool loop_running = false;
    bool context_lost = false;
    int frames_after_input = 0;
    int kiosk_resets_seen = 0;
    unsigned frame_count = 0;
    std::string semantics_json;
    std::string glyph_stats_json;
};
WebApp* g_app = nullptr;

EM_JS(void, js_first_frame, (), {
    window.anxinFirstFrameMs = performance.now();
    if (window.anxinShell) window.anxinShell.ready();
});

EM_JS(void, js_show_problem, (const char* text), {
    if (window.anxinShell) window.anxinShell.fail(UTF8ToString(text));
});

EM_JS(void, js_context_state, (int lost), {
    if (window.anxinShell) window.anxinShell.contextLost(!!lost);
});

// The fragment now ("#family", "#setup=…"); later changes in this tab are sent to the app.
// Cut to a little over the longest link the app takes (it then says "too long"): ccall
// copies strings onto the small wasm stack.
EM_JS(char*, js_watch_address, (), {
    window.addEventListener("hashchange", function () {
        if (location.hash) Module.ccall("anxin_open_address", null, ["string"], [location.hash.slice(0, 1100)]);
    });
    // Opened as the console editor's preview (/#preview, in its frame): drafts come by message
    // from the console on the same site, and the app shows them at once.
    window.addEventListener("message", function (e) {
        var d = e.data;
        if (location.hash !== "#preview" || e.origin !== location.origin || !d || d.type !== "anxin-preview") return;
        var b = stringToNewUTF8(String(d.bundle)), g = stringToNewUTF8(String(d.guide));
        var problem = Module._anxin_preview(b, g, d.step | 0);
        _free(b); _free(g);
        if (e.source) e.source.postMessage({ type: "anxin-preview-shown", problem: UTF8ToString(problem) }, location.origin);
        _free(problem);
    });
    if (location.hash === "#preview" && window.parent !== window) window.parent.postMessage({ type: "anxin-preview-ready" }, location.origin);
    return stringToNewUTF8(location.hash.slice(0, 1100));
});

// A kiosk between two people: what the page itself still holds of the last one (the address,
// the live region's last words, the logs tests read) goes too; then a new deployment, if one
// is waiting, is taken now, or looked for so the next reset can take it.
EM_JS(void, js_kiosk_next_person, (), {
    if (location.hash) history.replaceState(null, "", location.pathname + location.search);
    document.querySelectorAll("#a11y-live .live").forEach(function (el) { el.textContent = ""; });
    if (window.anxinMirror && window.anxinMirror.stats) window.anxinMirror.stats.announced = [];
    if (window.anxinSpeech) window.anxinSpeech.spoken = [];
    if (window.anxinTakeUpdate) window.anxinTakeUpdate();
});

EM_JS(char*, js_location_search, (), { return stringToNewUTF8(location.search.slice(0, 600)); });

// A kiosk keeps the app's files for offline starts (web/sw.js). A new version is looked for
// every hour and at each reset; it waits in the background and is taken at a reset
// (window.anxinTakeUpdate), or at once while nobody is using the kiosk: never mid-use.
EM_JS(void, js_register_service_worker, (), {
    if (!("serviceWorker" in navigator)) return;
    navigator.serviceWorker.register("sw.js").then(function (reg) {
        var take = function () {
            if (!reg.waiting || !navigator.serviceWorker.controller) return false;
            navigator.serviceWorker.addEventListener("controllerchange", function () { location.reload(); });
            reg.waiting.postMessage("take-update");
            return true;
        };
        window.anxinTakeUpdate = function () {
            if (!take()) reg.update().catch(function () {});
        };
        reg.addEventListener("updatefound", function () {
            var next = reg.installing;
            next.addEventListener("statechange", function () {
                if (next.state === "installed" && !Module._anxin_kiosk_in_use()) take();
            });
        });
        setInterval(function () { reg.update().catch(function () {}); }, 3600 * 1000);
    }).catch(function (e) { console.warn("anxin: no offline start:", e); });
});

// prefers-reduced-motion now, and a call into the app whenever it changes.
EM_JS(int, js_reduced_motion_watch, (), {
    var mq = window.matchMedia("(prefers-reduced-motion: reduce)");
    mq.addEventListener("change", function (e) { Module._anxin_set_reduced_motion(e.matches ? 1 : 0); });
    return mq.matches ? 1 : 0;
});

// 打印讲义: a copy of part of what was just drawn, as a PNG for the handout. Taken in the same
// task as the drawing, before the browser shows (and may clear) the canvas.
EM_JS(void, js_handout_capture, (int index, float x, float y, float w, float h), {
    var canvas = document.getElementById("canvas");
    var scale = canvas.width / canvas.clientWidth;
    var out = document.createElement("canvas");
    out.width = Math.round(w * scale);
    out.height = Math.round(h * scale);
    out.getContext("2d").drawImage(canvas, x * scale, y * scale, w * scale, h * scale, 0, 0, out.width, out.height);
    (window.anxinHandoutPictures = window.anxinHandoutPictures || [])[index] = out.toDataURL("image/png");
});

// 打印讲义: all pictures taken; web/handout.js lays out the handout in place of the app.
EM_JS(void, js_handout_show, (const char* doc), {
    var text = UTF8ToString(doc);
    var fontUrl = "";
    try {  // the app's own font, so the handout's letters are the ones the app shows
        fontUrl = URL.createObjectURL(new Blob([FS.readFile("/fonts/anxin-sc.otf")], { type: "font/otf" }));
    } catch (e) {}
    var script = document.createElement("script");
    script.src = "handout.js";
    script.onload = function () { window.anxinHandout.show(JSON.parse(text), window.anxinHandoutPictures || [], fontUrl); };
    script.onerror = function () { console.error("anxin: handout.js did not load"); };
    document.head.appendChild(script);
});

bool input_pending() { return GImGui->InputEventsQueue.Size > 0; }

EM_BOOL frame(double now_ms, void*) {
    WebApp& w = *g_app;
    if (w.context_lost) { w.loop_running = false; return EM_FALSE; }
    // The first frame was drawn from the home tiles alone; the guides are read now, after it is on screen.
    if (w.frame_count > 0 && !w.app->state().content.complete) {
        anxin::Content full = anxin::load_content("/assets");
        for (const auto& p : full.problems) std::fprintf(stderr, "anxin: content: %s\n", p.c_str());
        w.app->replace_content(std::move(full));
    }
    w.app->before_frame();  // glyphs that arrived go into the font between frames, never during one
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplHtml5_NewFrame(now_ms / 1000.0);
    ImGui::NewFrame();
    const ImVec2 size = ImGui::GetIO().DisplaySize;
    w.app->frame(size.x, size.y);
    ImGui::Render();
    const ImVec2 scale = ImGui::GetIO().DisplayFramebufferScale;
    glViewport(0, 0, int(size.x * scale.x), int(size.y * scale.y));
    glClearColor(0, 0, 0, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    if (++w.frame_count == 1) js_first_frame();
    int shot = -1;
    anxin::Rect shot_rect;
    if (w.app->handout_shot(&shot, &shot_rect)) {
        if (shot_rect.w > 0) js_handout_capture(shot, shot_rect.x, shot_rect.y, shot_rect.w, shot_rect.h);
        w.app->handout_taken();
    }
    if (auto doc = w.app->take_handout_document()) {
        js_handout_show(doc->c_str());
        emscripten_html5_remove_all_event_listeners();  // the page is the handout now: its keys scroll it
    }
    // A kiosk between two people: the moment to switch to a new deployment, if one is waiting.
    if (w.app->kiosk_resets() != w.kiosk_resets_seen) {
        w.kiosk_resets_seen = w.app->kiosk_resets();
        js_kiosk_next_person();
    }

    // ImGui handles queued input one step per frame; hover and layout settle a frame later.
    if (w.frames_after_input > 0) --w.frames_after_input;
    w.loop_running = w.frames_after_input > 0 || input_pending() || w.app->wants_frames();
    return w.loop_running ? EM_TRUE : EM_FALSE;
}

void wake() {
    WebApp& w = *g_app;
    w.frames_after_input = 3;
    if (!w.loop_running && !w.context_lost) {
        w.loop_running = true;
        emscripten_request_animation_frame_loop(frame, nullptr);
    }
}

EM_BOOL on_context_lost(int, const void*, void*) {
    g_app->context_lost = true;
    js_context_state(1);
    return EM_TRUE;  // preventDefault: the browser may give the context back
}

EM_BOOL on_context_restored(int, const void*, void*) {
    // Every GL object died with the old context: rebuild shaders and buffers, and
    // let ImGui re-upload its font textures (marked Destroyed -> WantCreate).
    emscripten_webgl_make_context_current(g_app->gl);
    ImGui_ImplOpenGL3_DestroyDeviceObjects();
    ImGui_ImplOpenGL3_CreateDeviceObjects();
    g_app->context_lost = false;
    js_context_state(0);
    wake();
    return EM_TRUE;
}

}  // namespace

extern "C" {
// The semantics tree of the last frame, as JSON (see SemanticsTree::to_json).
EMSCRIPTEN_KEEPALIVE const char* anxin_semantics_json() {
    if (!g_app || !g_app->app) return "[]";
    g_app->semantics_json = g_app->app->semantics().to_json();
    return g_app->semantics_json.c_str();
}
// True while frames are scheduled (input to handle, a screen change, an animation).
// A kiosk someone is using (since the last reset): a new version waits for the reset.
EMSCRIPTEN_KEEPALIVE int anxin_kiosk_in_use() { return g_app && g_app->app && g_app->app->kiosk_in_use() ? 1 : 0; }
EMSCRIPTEN_KEEPALIVE int anxin_frames_pending() { return g_app && g_app->loop_running ? 1 : 0; }
// Frames drawn since start: lets the benchmark prove the app is idle.
EMSCRIPTEN_KEEPALIVE unsigned anxin_frame_count() { return g_app ? g_app->frame_count : 0; }
// From JavaScript: a fetch started by the app ended (status 0 = no connection).
EMSCRIPTEN_KEEPALIVE void anxin_http_done(int id, int status, const char* body) {
    if (!g_app) return;
    g_app->network.finished(id, status, body);
    wake();
}
// From JavaScript: a file fetch ended (a font slice). `size` < 0: it failed, `error` says why.
EMSCRIPTEN_KEEPALIVE void anxin_file_done(int id, const uint8_t* data, int size, const char* error) {
    if (!g_app) return;
    g_app->files.finished(id, data, size, error);
    wake();
}
// For tests and the benchmark: glyphs fetched on demand so far, as JSON.
EMSCRIPTEN_KEEPALIVE const char* anxin_glyph_stats() {
    if (!g_app || !g_app->app || !g_app->app->glyphs()) return "{}";
    const anxin::GlyphStats& s = g_app->app->glyphs()->index().stats();
    char buf[256];
    std::snprintf(buf, sizeof buf,
                  "{\"wanted\":%d,\"loaded\":%d,\"failures\":%d,\"bytes\":%zu,\"first_wanted_ms\":%.1f,\"last_loaded_ms\":%.1f}",
                  s.wanted, s.loaded, s.failures, s.bytes_fetched, s.first_wanted_ms, s.last_loaded_ms);
    g_app->glyph_stats_json = buf;
    return g_app->glyph_stats_json.c_str();
}
// From the DOM mirror: assistive technology (or the keyboard) activated or focused a
// node. Handled in the next frame exactly as a tap would be.
EMSCRIPTEN_KEEPALIVE void anxin_action(unsigned id, unsigned action) {
    if (!g_app || !g_app->app) return;
    g_app->app->actions().request(id, anxin::Action(action));
    wake();
}
// From the DOM mirror: the text of a text box, typed in the browser's own input.
EMSCRIPTEN_KEEPALIVE void anxin_set_text(unsigned id, const char* text) {
    if (!g_app || !g_app->app) return;
    g_app->app->actions().request_text(id, text);
    wake();
}
// From the page: the address after '#' changed (a setup link opened in this tab).
EMSCRIPTEN_KEEPALIVE void anxin_open_address(const char* fragment) {
    if (!g_app || !g_app->app) return;
    g_app->app->open_address(fragment);
    if (g_app->app->state().presenting) ImGui_ImplHtml5_SetKioskKeys(true);  // the clicker's keys are the app's
    wake();
}
// From the page (the console editor's preview frame): show a draft bundle at a guide's step.
// Returns the validator's first problem ("" = shown), for the page to free.
EMSCRIPTEN_KEEPALIVE char* anxin_preview(const char* bundle, const char* guide, int step) {
    std::string problem = "the app is not ready";
    if (g_app && g_app->app) problem = g_app->app->preview_content(bundle, "/assets", guide, step);
    wake();
    char* out = static_cast<char*>(std::malloc(problem.size() + 1));
    std::memcpy(out, problem.c_str(), problem.size() + 1);
    return out;
}
// For the page: the system's reduced-motion preference changed.
EMSCRIPTEN_KEEPALIVE void anxin_set_reduced_motion(int reduce) {
    if (!g_app || !g_app->app) return;
    g_app->app->state().reduced_motion = reduce != 0;
    wake();
}
// For the page: something outside the canvas changed (device pixel ratio, visibility).
EMSCRIPTEN_KEEPALIVE void anxin_request_frame() {
    if (g_app) wake();
}
}

int main() {
    g_app = new WebApp();
    WebApp& w = *g_app;

    EmscriptenWebGLContextAttributes attrs;
    emscripten_webgl_init_context_attributes(&attrs);
    attrs.majorVersion = 2;
    attrs.minorVersion = 0;
    attrs.alpha = EM_FALSE;
    attrs.antialias = EM_FALSE;
    attrs.depth = EM_FALSE;
    attrs.stencil = EM_FALSE;
    w.gl = emscripten_webgl_create_context(kCanvas, &attrs);
    if (w.gl <= 0) {
        js_show_problem("这台设备的浏览器不能显示图形（WebGL2 不可用）。请换用新版的 Chrome、Edge、Firefox 或 Safari。");
        return 1;
    }
    emscripten_webgl_make_context_current(w.gl);
    emscripten_set_webglcontextlost_callback(kCanvas, nullptr, false, on_context_lost);
    emscripten_set_webglcontextrestored_callback(kCanvas, nullptr, false, on_context_restored);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // nothing of ImGui's own is stored in the browser
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;

    std::string error;
    anxin::AppFont font = anxin::load_app_font("/fonts/anxin-sc.otf", &error);
    if (!font.font) {
        js_show_problem(("文字字体没有加载成功，请刷新页面再试。(" + error + ")").c_str());
        return 1;
    }
    anxin::Content content = anxin::load_home_content("/assets");
    if (content.complete)
        for (const auto& p : content.problems) std::fprintf(stderr, "anxin: content: %s\n", p.c_str());

    ImGui_ImplHtml5_Init(kCanvas, wake);
    ImGui_ImplOpenGL3_Init("#version 300 es");
    w.app = std::make_unique<anxin::App>(anxin::Services{w.storage, w.speech, w.clock, w.links, w.a11y, w.network, w.files}, std::move(content), font);
    // Characters outside the shipped font (names, answers, notes) come from slices fetched on demand.
    if (auto index_json = anxin::read_text_file("/fonts/slices.json")) {
        std::string why;
        if (auto index = anxin::GlyphSlices::parse(*index_json, &why)) w.app->supply_glyphs(std::move(*index), "fonts/slices/");
        else std::fprintf(stderr, "anxin: %s; characters outside the app's own text will show as boxes\n", why.c_str());
    } else {
        std::fprintf(stderr, "anxin: /fonts/slices.json is missing; characters outside the app's own text will show as boxes\n");
    }
    // Guides fixed on the help server after this build: kept ones at once, newer ones from the next home screen.
    w.app->follow_published_content("/assets");
    w.app->state().reduced_motion = js_reduced_motion_watch() != 0;
    // A kiosk: from config.json's "kiosk", or the address for testing ("?kiosk=1&idle=5").
    std::vector<std::string> kiosk_problems;
    anxin::KioskConfig kiosk = anxin::kiosk_from_json(anxin::read_text_file("/assets/config.json").value_or("{}"), kiosk_problems);
    char* query = js_location_search();
    anxin::apply_kiosk_query(query, kiosk, kiosk_problems);
    std::free(query);
    for (const auto& p : kiosk_problems) std::fprintf(stderr, "anxin: %s\n", p.c_str());
    if (kiosk.on) {
        w.app->set_kiosk(kiosk);
        ImGui_ImplHtml5_SetKioskKeys(true);
        js_register_service_worker();
    }
    char* address = js_watch_address();  // "#family", or a setup link the senior tapped
    w.app->open_address(address);
    std::free(address);
    // The projector: a presentation clicker's keys (PageDown, arrows) go to the app wherever focus is.
    if (w.app->state().presenting) ImGui_ImplHtml5_SetKioskKeys(true);
    for (const auto& p : w.app->state().settings_problems) std::fprintf(stderr, "anxin: settings: %s\n", p.c_str());
    frame(emscripten_get_now(), nullptr);  // the first frame now, not at the next vsync: the page is ready sooner
    w.loop_running = false;
    wake();
    return 0;  // the browser keeps the app alive; frames run from events
}
