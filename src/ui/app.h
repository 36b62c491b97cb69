// The app: its state, and one function that draws a frame of it.
// The platform layer (src/web/ in the browser, tests/ui/ natively) owns the
// ImGui context and calls App::frame() between ImGui::NewFrame() and
// ImGui::Render(). Everything the app shows is a function of AppState.
#pragma once
#include <memory>
#include <optional>
#include <string>

#include "core/content.h"
#include "core/content_updates.h"
#include "core/coview_client.h"
#include "core/family_form.h"
#include "core/help_client.h"
#include "core/class_client.h"
#include "core/kiosk.h"
#include "core/report_client.h"
#include "core/navigation.h"
#include "core/platform.h"
#include "core/semantics.h"
#include "core/semantics_diff.h"
#include "core/settings.h"
#include "ui/fonts.h"
#include "ui/glyph_supply.h"
#include "ui/ui.h"

namespace anxin {

// Where the user is within a guide's step (reset when the step changes).
struct StepState {
    int misses = 0;           // practice: wrong taps on this step
    std::string hint;         // practice: the gentle hint after a wrong tap
    std::string open_term;    // the jargon term whose explanation is open
    double started_ms = 0;    // when the step appeared (the highlight pulses for a while)
    float phone_per_body = 0; // the projector: the phone's height per px of text, measured to fit it
};

// What a helper should know without asking: where in a guide the user is.
struct HelpContextState {
    std::string guide;
    int step = 0;             // 1-based, 0 = not on a step
    int steps_done = 0;       // furthest step reached in this guide
    int practice_misses = 0;  // wrong taps in practice in this guide
};

enum class SetupAnswer { None, Accept, Decline };

struct AppState {
    Content content;
    HelpClient* help = nullptr;    // call-back requests (owned by App)
    HelpContextState help_context;
    std::string phone_entry;       // the call-back number being typed
    std::string phone_error;
    ReportClient* reports = nullptr;  // reports about guide steps (owned by App)
    CoViewClient* coview = nullptr;   // sharing the screen with a helper (owned by App)
    ClassClient* classes = nullptr;   // a workshop class (owned by App)
    std::string class_code;           // the class code being typed
    std::string class_nickname;
    std::string class_error;          // what is wrong with what was typed
    bool presenting = false;          // this is the projector's presenter view
    int handout_shot = -1;            // 打印讲义: the picture drawn this frame (a step, or the QR code after the last)
    Rect handout_rect;                // where it is, in CSS px
    bool class_following = true;      // the senior is on the teacher's step (they go along with it)
    uint32_t coview_point = 0;        // the node the viewer pointed at, ringed until coview_point_until
    double coview_point_until = 0;
    int report_pick = -1;             // the kind of problem chosen on the report screen
    std::string report_note;          // "thank you" after sending, or what is missing
    bool practice = false;      // the guide is being practised on the simulated screen
    StepState step;
    std::vector<std::string> to_say;  // short spoken feedback (hints), said after the frame
    double now_ms = 0;
    bool voice_missing = false; // voice is on but the device has no voice for the language
    bool animating = false;     // a screen animates this frame (set while drawing)
    bool reduced_motion = false;  // the system asks for less motion: highlights stay still
    Settings settings;
    Navigator nav;
    bool settings_changed = false;      // set by screens; the app saves and clears it
    bool settings_save_failed = false;  // storage refused: tell the user changes won't survive
    bool read_aloud_requested = false;  // the 朗读 button was pressed
    std::vector<std::string> settings_problems;  // why stored settings were not fully used
    // Family setup (ui/family_screens.cpp):
    FamilyForm family;                  // the family page's form, kept on this device
    bool family_changed = false;        // set by the family page; the app saves and clears it
    std::string family_note;            // "链接已复制" after a button on the family page
    SemanticsTree preview;              // what the family page's preview drew (not mirrored: one image stands for it)
    SetupDecode setup_offer;            // a setup link the senior is asked about
    std::string setup_summary;          // what it would change, in plain words
    SetupAnswer setup_answer = SetupAnswer::None;  // set by the offer screen; the app acts and clears it
    double backup_until_ms = 0;         // "恢复原来的设置" is offered until then (Clock::epoch_ms); 0 = none
    bool restore_requested = false;
    std::string home_status;            // shown on home after a setup was taken or undone, until the screen changes
    // Kiosk mode (core/kiosk.h):
    KioskConfig kiosk;
    bool key_voice = false;             // a kiosk key was used: speak until the screen is touched
    uint32_t key_cursor = 0;            // the item Up/Down reached (0 = none yet on this screen)
    int idle_seconds_left = 0;          // "还在用吗？" countdown
    bool kiosk_reset_requested = false; // "不用了": wipe after this frame
};

class App {
public:
    App(Services services, Content content, AppFont font);
    ~App();

    // Characters beyond the shipped font come from slices of the full font, fetched
    // from `base_url` when first drawn (see ui/glyph_supply.h). Without this, they
    // show as a box.
    void supply_glyphs(GlyphSlices index, const std::string& base_url);
    // Outside a frame, before ImGui::NewFrame(): lets glyphs that arrived into the font.
    void before_frame();

    // Guides published on the help server (content_updates.h): the kept version is used at
    // once; newer ones are fetched in the background and shown from the next home screen.
    // `asset_root` holds the app's own strings and config.
    void follow_published_content(const std::string& asset_root);
    int content_version() const { return updates_ ? updates_->version() : 0; }
    // The console's editor: a draft bundle shown at once (step 0 = the guide's first page),
    // checked like any bundle. Published versions are no longer followed in this window.
    // Returns the validator's first problem, or "" when the draft is shown.
    std::string preview_content(const std::string& bundle, const std::string& asset_root, const std::string& guide, int step);

    // A self-service machine: EZ Access keys, idle reset, each person starting afresh.
    void set_kiosk(const KioskConfig& config);

    // The part of the page address after '#': "family" opens the family page, "setup=…"
    // offers a setup link to the senior. Called at start and when the address changes.
    void open_address(const std::string& fragment);

    // Draws one frame at a viewport of width x height CSS px.
    void frame(float width, float height);

    AppState& state() { return state_; }
    // The full content, once read (the app may start with only the home tiles).
    void replace_content(Content content);
    const SemanticsTree& semantics() const { return tree_; }
    ActionQueue& actions() { return actions_; }
    // True while the next frames may differ with no new input (a screen just
    // changed, an animation runs). The platform keeps drawing while this holds.
    bool wants_frames() const { return frames_wanted_ > 0; }
    // Text the read-aloud button would speak for the current screen.
    const std::string& screen_text() const { return screen_text_; }
    const GlyphSupply* glyphs() const { return glyphs_.get(); }
    // How many times a kiosk was wiped for the next person: the platform takes a waiting
    // new version of the app then (never in the middle of someone's use).
    int kiosk_resets() const { return kiosk_resets_; }
    // Someone has touched the kiosk since its last reset.
    bool kiosk_in_use() const { return state_.kiosk.on && idle_.armed(); }
    // 打印讲义 ("#handout=<guide>"): each frame draws one picture for the page to capture
    // (every step's phone, then the QR code); handout_taken() moves on to the next. After
    // the last, the handout's words are ready once, as JSON for web/handout.js.
    bool handout_shot(int* index, Rect* rect) const;
    void handout_taken();
    std::optional<std::string> take_handout_document();

private:
    void apply_style(const Ui& ui);
    void draw_screen(Ui& ui);
    void after_frame(const Ui& ui);
    void speak_and_announce(const Ui& ui, bool new_screen);
    void sync_accessibility(bool new_screen);
    void follow_help_status();
    void answer_setup();
    bool kiosk_keys();     // EZ Access: true when a kiosk key was used this frame
    void kiosk_idle();
    void kiosk_after_frame();
    void kiosk_reset();
    void wipe_person();
    void draw_key_cursor(Ui& ui, const ImRect& bounds);
    void share_screen();
    void follow_class();
    bool presenter_keys();
    void draw_pointer(Ui& ui, const ImRect& bounds);
    void restore_settings();

    Services services_;
    AppState state_;
    AppFont font_;
    SemanticsTree tree_;
    ActionQueue actions_;
    std::string screen_text_;
    int spoken_generation_ = -1;
    int frames_wanted_ = 2;
    int last_generation_ = 0;
    int scrolled_generation_ = -1;
    TreeDiffer mirror_;
    std::unique_ptr<ContentUpdates> updates_;
    std::optional<Content> waiting_content_;  // a newer version, for the next home screen
    HelpClient help_;
    ReportClient reports_;
    CoViewClient coview_;
    ClassClient classes_;
    int class_step_seen_ = -1;       // the class's step when the app last looked (-1: not in one)
    bool class_finished_ = false;    // this senior reached the end of the class's guide
    int presenter_step_sent_ = -1;   // the projector: the step it last told the class
    std::optional<std::string> handout_document_;  // 打印讲义: made after the last picture
    IdleTimer idle_;
    uint32_t key_focus_seen_ = 0;     // the focused node when the kiosk keys last looked
    uint32_t dom_focus_request_ = 0;  // a text box chosen with the kiosk's keys: the page focuses its <input>
    int kiosk_resets_ = 0;
    double next_heartbeat_ = 0;      // a kiosk tells the help desk it is alive every few minutes
    int heartbeat_call_ = 0;
    TreeDiffer coview_differ_;       // what the viewer was last sent of the tree
    bool coview_reset_ = false;      // the next screen sent replaces the viewer's whole tree
    CoViewStatus told_coview_;       // the sharing status last announced
    HelpStatus told_help_;           // the status last announced
    uint32_t spoken_focus_ = 0;      // the focused control last described by self-voicing
    bool save_failure_told_ = false;
    std::unique_ptr<GlyphSupply> glyphs_;
};

}  // namespace anxin
