// Runs the real app UI natively with ImGui and no window or GPU (as in ImGui's
// example_null), and drives it through the semantics tree: find an item by
// role and name, press it, look at what is on screen.
#pragma once
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/semantics.h"
#include "fakes.h"
#include "imgui.h"
#include "ui/app.h"

namespace anxin::test {

std::string stage_dir();  // generated assets + font, as the browser gets them
std::string font_slices_dir();  // slices.json and slices/, the whole font cut for glyphs on demand

class UiHarness;
// Opens every kind of screen in turn — home, guide intros, steps with their simulated
// phone, a practice step, a finish screen, settings, help, the call-back keypad — and
// calls `check` on each with its name.
void walk_every_screen(UiHarness& ui, const std::function<void(const char*)>& check);

class UiHarness {
public:
    explicit UiHarness(float width = 1920, float height = 1080, std::optional<std::string> stored_settings = {});
    ~UiHarness();
    UiHarness(const UiHarness&) = delete;
    UiHarness& operator=(const UiHarness&) = delete;

    void frame();
    void settle();  // frames until the app wants no more (bounded)
    void resize(float width, float height);
    void reload();  // a new App on the same storage, as after a page reload

    const SemanticsTree& tree() const { return app->semantics(); }
    // The node with this role and name; fails the test if absent.
    const SemanticsNode& get(Role role, const std::string& name) const;
    bool has(Role role, const std::string& name) const { return tree().find(role, name) != nullptr; }
    void press(Role role, const std::string& name);  // an action request, as assistive technology sends
    void tap(Role role, const std::string& name);    // a real pointer click at the node's centre
    // Opens a guide by its tile, as a person would: from home, through its group (出行, 看病…).
    void open_guide(const std::string& title, bool by_tap = false);
    void type(const std::string& box, const std::string& text);  // a text box's new text, as the browser's input sends it
    void key(ImGuiKey key);
    std::string heading() const;                     // the screen's level-1 heading
    const AppFont& font() const { return font_; }

    MemoryStorage storage;
    RecordingSpeech speech;
    ManualClock clock;
    RecordingLinks links;
    RecordingAccessibility a11y;
    FakeNetwork network;
    FakeFiles files;
    std::unique_ptr<App> app;
    float width, height;

private:
    ImGuiContext* ctx_ = nullptr;
    AppFont font_;
};

}  // namespace anxin::test
