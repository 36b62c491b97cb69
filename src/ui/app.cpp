// App: frame layout and the per-frame bookkeeping around the screens.
//
// [SECTION] Construction
// [SECTION] Frame: header, scrolling content, fixed help footer
// [SECTION] After the frame: saving, speaking, announcing, mirroring
// [SECTION] Kiosk: EZ Access keys, idle reset

#include "ui/app.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "core/content_bundle.h"
#include "core/handout.h"
#include "imgui_internal.h"
#include "ui/phone_screen.h"
#include "ui/screens.h"

namespace anxin {

namespace {
bool pressed_any(std::initializer_list<ImGuiKey> keys) {
    for (ImGuiKey k : keys)
        if (ImGui::IsKeyPressed(k, false)) return true;
    return false;
}
constexpr const char* kFamilyFormKey = "anxin.family_form";  // the family page's form, between visits
constexpr double kPointMs = 10000;  // how long a place the viewer pointed at stays ringed
constexpr double kHeartbeatMs = 3 * 60 * 1000;  // as the server's KioskRegistry expects
}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Construction
//-----------------------------------------------------------------------------

App::App(Services services, Content content, AppFont font)
    : services_(services), font_(font), help_(services.storage, services.network, services.clock),
      reports_(services.storage, services.network, services.clock), coview_(services.network, services.clock),
      classes_(services.storage, services.network, services.clock) {
    state_.reports = &reports_;
    state_.coview = &coview_;
    state_.classes = &classes_;
    state_.content = std::move(content);
    state_.help = &help_;
    told_help_ = help_.status();
    SettingsParse loaded = SettingsStore(services_.storage).load();
    state_.settings = loaded.settings;
    state_.settings_problems = loaded.problems;
    if (auto backup = SettingsStore(services_.storage).backup(services_.clock.epoch_ms())) state_.backup_until_ms = backup->second;
    if (auto form = services_.storage.get(kFamilyFormKey)) state_.family = family_form_from_json(*form);
    last_generation_ = state_.nav.generation();
}

void App::open_address(const std::string& fragment) {
    if (state_.kiosk.on) return;  // a kiosk is set up by its operator, never by a link
    std::string f = fragment;
    if (!f.empty() && f[0] == '#') f.erase(0, 1);
    if (f.rfind("class=", 0) == 0) {  // the class's QR code: the code typed in already
        const std::string code = f.substr(6);
        if (code.size() == 6 && code.find_first_not_of("0123456789") == std::string::npos) state_.class_code = code;
        state_.nav.go({ScreenId::ClassJoin, {}, 0});
    } else if (f.rfind("present=", 0) == 0 && f.size() == 8 + 32 && f.find_first_not_of("0123456789abcdef", 8) == std::string::npos) {
        // The projector: the class's secret id. Large text, no help bar, moved on by a clicker.
        state_.presenting = true;
        state_.settings.text_size = TextSize::Largest;  // shown only, never saved
        state_.settings.voice_on = false;                // the volunteer speaks
        ImGui::GetIO().ConfigFlags &= ~ImGuiConfigFlags_NavEnableKeyboard;
        classes_.present(f.substr(8));
        state_.nav.home();
        state_.nav.replace({ScreenId::Present, {}, 0});
    } else if (f.rfind("handout=", 0) == 0) {  // 打印讲义, from the console: pictures drawn at one size, then the page
        state_.settings.text_size = TextSize::Standard;  // shown only, never saved
        state_.settings.voice_on = false;
        handout_document_.reset();
        state_.nav.replace({ScreenId::Handout, f.substr(8), 0});
    } else if (f.rfind("guide=", 0) == 0) {  // a handout's QR code: that guide, from its start
        state_.nav.home();
        state_.nav.go({ScreenId::Guide, f.substr(6), 0});
    } else if (f == "family") {
        state_.nav.go({ScreenId::Family, {}, 0});
    } else if (is_setup_fragment(f)) {
        state_.setup_offer = decode_setup(f);
        if (!state_.setup_offer.ok()) std::fprintf(stderr, "anxin: setup link refused: %s\n", state_.setup_offer.detail.c_str());
        else state_.setup_summary = describe_setup(state_.settings, state_.setup_offer.setup, state_.content.strings);
        state_.nav.go({ScreenId::SetupOffer, {}, 0});
    }
    frames_wanted_ = std::max(frames_wanted_, 2);
}

App::~App() = default;

void App::supply_glyphs(GlyphSlices index, const std::string& base_url) {
    glyphs_ = std::make_unique<GlyphSupply>(font_.font, std::move(index), base_url, services_.files, services_.clock);
}

void App::before_frame() {
    if (glyphs_ && glyphs_->before_frame()) frames_wanted_ = std::max(frames_wanted_, 1);
}

void App::replace_content(Content content) {
    if (updates_ && updates_->version() > 0) return;  // a published version is shown already
    state_.content = std::move(content);
    frames_wanted_ = std::max(frames_wanted_, 2);  // tiles may change (a guide that failed to load)
}

std::string App::preview_content(const std::string& bundle, const std::string& asset_root, const std::string& guide, int step) {
    updates_.reset();
    waiting_content_.reset();
    LoadedBundle b = load_content_bundle(bundle, asset_root);
    if (!b.ok) return b.problems.empty() ? "?" : b.problems.front();  // the last good draft stays
    state_.content = std::move(b.content);
    state_.practice = false;
    state_.nav.home();
    if (const Guide* g = state_.content.guide(guide)) {
        if (step <= 0) state_.nav.replace({ScreenId::Guide, g->id, 0});
        else state_.nav.replace({ScreenId::Step, g->id, std::min(step, int(g->steps.size())) - 1});
    }
    frames_wanted_ = std::max(frames_wanted_, 2);
    return "";
}

void App::follow_published_content(const std::string& asset_root) {
    updates_ = std::make_unique<ContentUpdates>(services_.storage, services_.network, services_.clock, asset_root);
    // The kept version is complete: the app need not read its bundled guides at all, and
    // the first check already says which version it has.
    if (auto kept = updates_->kept()) state_.content = std::move(*kept);
}

//-----------------------------------------------------------------------------
// [SECTION] Frame: header, scrolling content, fixed help footer
//-----------------------------------------------------------------------------

namespace {
ImVec4 to_vec4(Rgb c) { return ImVec4(c.r / 255.0f, c.g / 255.0f, c.b / 255.0f, 1.0f); }
// "下一步，按钮" / "大，选项，已选中": what self-voicing says of a focused control.
std::string describe_for_speech(const SemanticsNode& n, const Strings& str) {
    std::string text = n.name;
    switch (n.role) {
        case Role::Button: text += "，" + str.get("a11y.button"); break;
        case Role::Radio: text += "，" + str.get("a11y.radio"); break;
        case Role::Checkbox: text += "，" + str.get("a11y.checkbox"); break;
        case Role::Link: text += "，" + str.get("a11y.link"); break;
        case Role::TextBox:
            text += "，" + str.get("a11y.textbox") + "，" + (n.value.empty() ? str.get("a11y.empty") : n.value);
            break;
        default: break;
    }
    if (n.role == Role::Radio || n.role == Role::Checkbox)
        text += "，" + (n.has(State_Checked) ? str.get("a11y.checked") : str.get("a11y.unchecked"));
    for (const char* end : {"。", "！", "？"})  // a sentence already ended
        if (text.size() >= 3 && text.compare(text.size() - 3, 3, end) == 0) return text;
    return text + "。";
}
constexpr ImGuiWindowFlags kFixed = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                    ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
}  // namespace

void App::apply_style(const Ui& ui) {
    ImGuiStyle& st = ImGui::GetStyle();
    st.WindowPadding = ImVec2(ui.m.pad, ui.m.pad);
    st.ItemSpacing = ImVec2(ui.m.gap, ui.m.gap);
    st.WindowBorderSize = 0;
    st.ChildBorderSize = 0;
    st.WindowRounding = 0;
    st.ScrollbarSize = std::max(18.0f, ui.type.body * 0.6f);
    st.ScrollbarRounding = st.ScrollbarSize * 0.5f;
    st.Colors[ImGuiCol_WindowBg] = to_vec4(ui.pal->background);
    st.Colors[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
    st.Colors[ImGuiCol_ScrollbarBg] = to_vec4(ui.pal->background);
    st.Colors[ImGuiCol_ScrollbarGrab] = to_vec4(ui.pal->muted_text);
    st.Colors[ImGuiCol_ScrollbarGrabHovered] = to_vec4(ui.pal->text);
    st.Colors[ImGuiCol_ScrollbarGrabActive] = to_vec4(ui.pal->text);
    st.Colors[ImGuiCol_NavCursor] = ImVec4(0, 0, 0, 0);  // we draw our own, thicker ring
}

void App::frame(float width, float height) {
    if (state_.kiosk.on) {
        state_.now_ms = services_.clock.now_ms();
        kiosk_keys();  // reads the last frame's tree: before it is cleared
        kiosk_idle();
    }
    tree_.clear();
    state_.preview.clear();
    help_.tick();
    reports_.tick();
    coview_.tick();
    classes_.tick();
    if (updates_) {
        updates_->tick();
        if (auto c = updates_->take_new()) waiting_content_ = std::move(*c);
        if (waiting_content_ && state_.nav.current().screen == ScreenId::Home) {  // never in the middle of a guide
            state_.content = std::move(*waiting_content_);
            waiting_content_.reset();
        }
    }
    if (!actions_.empty()) frames_wanted_ = std::max(frames_wanted_, 2);  // a focus may scroll: let it land
    state_.now_ms = services_.clock.now_ms();
    if (state_.backup_until_ms > 0 && services_.clock.epoch_ms() >= state_.backup_until_ms) state_.backup_until_ms = 0;  // 7 days are over
    state_.animating = false;
    Ui ui;
    ui.font = font_.font;
    ui.line_per_em = font_.line_per_em;
    ui.pal = &palette(state_.settings.theme);
    ui.device = device_class_for_width(width);
    ui.type = type_scale(ui.device, state_.settings.text_size);
    ui.m = layout_metrics(ui.device, ui.type);
    ui.viewport = ImVec2(width, height);
    ui.tree = &tree_;
    ui.actions = &actions_;
    ui.str = &state_.content.strings;
    apply_style(ui);
    ImGui::PushFont(ui.font, ui.line_height(ui.type.body));

    if (state_.presenting) presenter_keys();
    else if (!state_.kiosk.on && ImGui::IsKeyPressed(ImGuiKey_Escape) && !ImGui::GetIO().WantTextInput) state_.nav.back();

    // Fixed bars scale with text but never take more than ~40% of a short screen together.
    // The projector has neither bar: nobody there goes back, reads aloud or asks for help;
    // nor does a handout being drawn.
    const bool bare = state_.presenting || state_.nav.current().screen == ScreenId::Handout;
    const float header_h = bare ? 0 : app_bar_height(ui);
    const float footer_h = header_h;

    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(width, height));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::Begin("##root", nullptr, kFixed | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    ImGui::PopStyleVar();

    if (!bare) {
        const AppBarPress bar = draw_app_header(ui, ImVec2(0, 0), width, header_h, state_.nav.can_go_back());
        if (bar.back) state_.nav.back();
        if (bar.read) state_.read_aloud_requested = true;
    }

    // While the screen is shared, a bar says so on every screen, with 结束.
    float banner_h = 0;
    if (coview_.live()) {
        banner_h = coview_banner_height(ui, width, header_h, coview_.status().viewer);
        if (draw_coview_banner(ui, ImVec2(0, header_h), width, banner_h, coview_.status().viewer)) coview_.end();
    }

    // In a class: where the class is, with 举手 (or, on the projector, the code and the step).
    const ClassPhase class_phase = classes_.status().phase;
    const bool code_on_screen = state_.nav.current().screen == ScreenId::Present;  // the bar would say it twice
    if ((class_phase == ClassPhase::In || class_phase == ClassPhase::Ended) && !code_on_screen) {
        const std::string text = class_banner_text(state_, ui), button = class_banner_button(state_, ui);
        const float h = banner_height(ui, width, header_h, text, button);
        if (draw_banner(ui, "class_banner", ImVec2(0, header_h + banner_h), width, h, text, button)) class_banner_pressed(state_);
        banner_h += h;
    }

    // Content: the only part that scrolls. Drag with a finger or mouse, wheel, or keyboard.
    ImGui::SetCursorScreenPos(ImVec2(0, header_h + banner_h));
    const bool dialog = state_.nav.current().screen == ScreenId::Help;
    // A guide's step keeps 上一步 / 下一步 in a bar of their own, above 找人帮忙.
    const bool step_bar = state_.nav.current().screen == ScreenId::Step && !bare;
    const float step_bar_h = step_bar ? step_bar_height(state_, ui, width) : 0;
    const ImRect content_rect(0, header_h + banner_h, width, height - footer_h - step_bar_h);
    const uint32_t container = ImGui::GetID(dialog ? "dialog" : "main");
    ui.record(container, dialog ? Role::Dialog : Role::Screen,
              dialog ? ui.t("help.heading") : ui.t("app.name"), content_rect);
    if (scrolled_generation_ != state_.nav.generation()) {  // a new screen starts at its top
        scrolled_generation_ = state_.nav.generation();
        ImGui::SetNextWindowScroll(ImVec2(0, 0));
    }
    ImGui::BeginChild("content", content_rect.GetSize(), ImGuiChildFlags_AlwaysUseWindowPadding, ImGuiWindowFlags_NoSavedSettings);
    ui.visible = ImGui::GetCurrentWindow()->InnerClipRect;
    ui.parent = container;
    if (ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem) &&
        ImGui::IsMouseDragging(ImGuiMouseButton_Left, 12.0f)) {
        ImGui::SetScrollY(ImGui::GetScrollY() - ImGui::GetIO().MouseDelta.y);
        if (ImGui::GetActiveID() != 0) ImGui::ClearActiveID();  // a drag is a scroll, not a tap
    }
    draw_screen(ui);
    ImGui::Dummy(ImVec2(0, ui.m.pad));  // room below the last item
    ImGui::EndChild();
    ui.parent = 0;
    ui.visible = ImRect();

    if (step_bar) draw_step_bar(state_, ui, ImVec2(0, height - footer_h - step_bar_h), width, step_bar_h);
    if (footer_h > 0 && draw_app_footer(ui, ImVec2(0, height - footer_h), width, footer_h)) state_.nav.go({ScreenId::Help, {}, 0});
    // Rings over whatever they point at, the bars' buttons included (drawn after everything is recorded).
    const ImRect below_header(0, header_h + banner_h, width, height);
    draw_pointer(ui, below_header);
    draw_key_cursor(ui, below_header);
    ImGui::End();
    ImGui::PopFont();
    actions_.clear();  // requests for what this frame did not draw are stale: never replay them later
    after_frame(ui);
}

// Space between a bar's edge and its buttons: at least the 8 px kept between any two targets,
// so a button scrolled right up to a bar is never closer than that to the bar's button.
float bar_inset(const Ui& ui) { return std::max(8.0f, ui.m.pad * 0.5f); }

float app_bar_height(const Ui& ui) {
    return std::max(ui.m.min_target, ui.line_height(ui.type.body) + ui.m.pad * 1.2f) + 2 * bar_inset(ui);
}

AppBarPress draw_app_header(Ui& ui, ImVec2 origin, float w, float h, bool show_back) {
    AppBarPress pressed;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(origin, origin + ImVec2(w, h), ui.col(ui.pal->header_bg));
    const float bh = h - 2 * bar_inset(ui);
    const float y = origin.y + bar_inset(ui);
    // Buttons size to their labels; icons are dropped first when the row is too narrow.
    const std::string& back = ui.t("nav.back");
    const std::string& read = ui.t("read.button");
    auto width_of = [&](const std::string& label, bool icon) {
        return std::max(ui.m.min_target, std::ceil(ui.text_width(label, ui.type.body)) + 1 + 2 * ui.m.pad +
                                             (icon ? ui.type.body * 0.9f + ui.m.pad * 0.75f : 0));
    };
    bool icons = true;
    float needed = width_of(read, true) + (show_back ? width_of(back, true) : 0) + 3 * ui.m.pad;
    if (needed > w) icons = false;

    if (show_back) {
        ImGui::SetCursorScreenPos(ImVec2(origin.x + ui.m.pad, y));
        pressed.back = ui.button("back", back, {width_of(back, icons), ButtonStyle::Normal, icons ? Icon::Back : Icon::None, {}, bh});
    } else {
        const float em = ui.type.body * 1.1f;
        const ImVec2 pos(origin.x + ui.m.pad, origin.y + (h - ui.line_height(em)) * 0.5f);
        const ImVec2 sz = ui.draw_text(dl, ui.t("app.name"), em, pos, w * 0.4f, ui.col(ui.pal->header_text));
        ui.record(ImGui::GetID("brand"), Role::Text, ui.t("app.name"), ImRect(pos, pos + sz), 0, 0, em);
    }
    const float rw = width_of(read, icons);
    ImGui::SetCursorScreenPos(ImVec2(origin.x + w - ui.m.pad - rw, y));
    pressed.read = ui.button("read", read, {rw, ButtonStyle::Normal, icons ? Icon::Speaker : Icon::None, {}, bh});
    return pressed;
}

bool draw_app_footer(Ui& ui, ImVec2 origin, float w, float h) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(origin, origin + ImVec2(w, h), ui.col(ui.pal->background));
    dl->AddLine(origin, origin + ImVec2(w, 0), ui.col(ui.pal->text), 2.0f);
    ImGui::SetCursorScreenPos(ImVec2(origin.x + ui.m.pad, origin.y + bar_inset(ui)));
    ButtonOptions o{w - 2 * ui.m.pad, ButtonStyle::Help, Icon::Phone, {}, h - 2 * bar_inset(ui)};
    return ui.button("help", ui.t("help.button"), o);
}

void App::draw_screen(Ui& ui) {
    switch (state_.nav.current().screen) {
        case ScreenId::Home: draw_home(state_, ui); break;
        case ScreenId::Group: draw_group(state_, ui); break;
        case ScreenId::Guide: draw_guide_intro(state_, ui); break;
        case ScreenId::Step: draw_step(state_, ui); break;
        case ScreenId::Finish: draw_finish(state_, ui); break;
        case ScreenId::Settings: draw_settings(state_, ui); break;
        case ScreenId::Help: draw_help(state_, ui, services_.links); break;
        case ScreenId::Callback: draw_callback(state_, ui); break;
        case ScreenId::HelpStatus: draw_help_status(state_, ui, services_.links); break;
        case ScreenId::Report: draw_report(state_, ui); break;
        case ScreenId::MyReports: draw_my_reports(state_, ui); break;
        case ScreenId::Family: draw_family(state_, ui, services_.links); break;
        case ScreenId::SetupOffer: draw_setup_offer(state_, ui); break;
        case ScreenId::CoView: draw_coview(state_, ui); break;
        case ScreenId::StillThere: draw_still_there(state_, ui); break;
        case ScreenId::ClassJoin: draw_class_join(state_, ui); break;
        case ScreenId::Present: draw_present(state_, ui, services_.links); break;
        case ScreenId::Handout: draw_handout(state_, ui, services_.links); break;
    }
}

//-----------------------------------------------------------------------------
// [SECTION] After the frame: saving, speaking
//-----------------------------------------------------------------------------

void App::after_frame(const Ui& ui) {
    if (frames_wanted_ > 0) --frames_wanted_;
    if (state_.kiosk.on) kiosk_after_frame();
    if (glyphs_) glyphs_->after_frame();  // characters this frame could not draw: fetch them
    if (state_.animating) frames_wanted_ = std::max(frames_wanted_, 1);
    if (state_.setup_answer != SetupAnswer::None) answer_setup();
    if (state_.restore_requested) restore_settings();
    if (state_.family_changed) {
        state_.family_changed = false;
        state_.family_note.clear();
        services_.storage.set(kFamilyFormKey, family_form_to_json(state_.family));
    }
    if (state_.settings_changed) {
        state_.settings_changed = false;
        state_.settings_save_failed = !SettingsStore(services_.storage).save(state_.settings);
        frames_wanted_ = std::max(frames_wanted_, 2);  // sizes or colours changed: lay out again
    }
    const int gen = state_.nav.generation();
    if (gen != last_generation_) {  // the screen changed during this frame: draw the new one
        last_generation_ = gen;
        services_.speech.stop();    // never keep talking about a screen that is gone
        state_.step = StepState{};
        state_.step.started_ms = state_.now_ms;
        if (state_.nav.current().screen != ScreenId::Home) state_.home_status.clear();  // said once, on the way home
        else if (updates_) updates_->home_reached();
        state_.key_cursor = 0;  // Up/Down start again from the top of the new screen
        frames_wanted_ = std::max(frames_wanted_, 2);
        return;  // what was drawn belongs to the old screen; speak after the new one is drawn
    }
    screen_text_ = ui.spoken;
    const bool new_screen = spoken_generation_ != gen;
    spoken_generation_ = gen;
    follow_help_status();
    share_screen();
    follow_class();
    speak_and_announce(ui, new_screen);
    sync_accessibility(new_screen);
}

// Sharing: say what changed (asked, live, ended), send the screen's changes, take pointing.
void App::share_screen() {
    const CoViewStatus& st = coview_.status();
    const Strings& str = state_.content.strings;
    if (st.phase != told_coview_.phase) {
        if (st.phase == CoViewPhase::Asking) {
            state_.to_say.push_back(str.format("coview.asking", {{"viewer", st.viewer}}));
            if (state_.nav.current().screen != ScreenId::CoView) state_.nav.go({ScreenId::CoView, {}, 0});  // where 好的 is
        }
        if (st.phase == CoViewPhase::Live) state_.to_say.push_back(str.format("coview.banner", {{"viewer", st.viewer}}) + "。");
        if (st.phase == CoViewPhase::Ended && told_coview_.phase == CoViewPhase::Live) {
            state_.to_say.push_back(str.format(st.why == "viewer" ? "coview.ended.viewer" : "coview.ended.app", {{"viewer", st.viewer}}));
            state_.coview_point = 0;
        }
        frames_wanted_ = std::max(frames_wanted_, 2);
    }
    if (st != told_coview_) frames_wanted_ = std::max(frames_wanted_, 1);
    told_coview_ = st;
    if (!coview_.live()) return;

    if (auto id = coview_.take_point()) {
        if (const SemanticsNode* n = tree_.find_id(*id)) {
            state_.coview_point = *id;
            state_.coview_point_until = state_.now_ms + kPointMs;
            services_.clock.wake_after(kPointMs + 50);
            state_.to_say.push_back(str.format("coview.pointed", {{"viewer", st.viewer}, {"name", n->name}}));
            // Bring it on screen (as a keyboard focus would), without saying its name twice.
            if (n->interactive()) {
                actions_.request(*id, Action::Focus);
                spoken_focus_ = *id;
            }
            frames_wanted_ = std::max(frames_wanted_, 2);
        }
    }
    if (coview_.screen_restarted()) {
        coview_differ_.reset();
        coview_reset_ = true;
    }
    if (!coview_.ready_for_screen()) return;
    const SemanticsTree shared = shareable_tree(tree_);  // the update points into it
    const TreeUpdate update = coview_differ_.diff(shared);
    if (update.empty()) return;
    // What the screen is about, named above the viewer's replica.
    nlohmann::json context = {{"viewport", {ImGui::GetIO().DisplaySize.x, ImGui::GetIO().DisplaySize.y}},
                              {"screen", screen_name(state_.nav.current().screen)}};
    if (const Guide* g = state_.content.guide(state_.help_context.guide); g && state_.help_context.step > 0) {
        context["guide"] = g->title;
        context["step"] = state_.help_context.step;
        context["steps"] = g->steps.size();
    }
    // "reset": the whole tree, in place of whatever the viewer had (sharing started, or an update was lost).
    coview_.send_screen(R"({"diff":)" + tree_update_json(update) + R"(,"reset":)" + (coview_reset_ ? "true" : "false") +
                        R"(,"context":)" + context.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "}");
    coview_reset_ = false;
}

// Where the viewer pointed: the guides' ring and "点这里", on the real screen, for a while.
void App::draw_pointer(Ui& ui, const ImRect& bounds) {
    if (state_.coview_point == 0) return;
    const SemanticsNode* n = tree_.find_id(state_.coview_point);
    if (!n || state_.now_ms >= state_.coview_point_until || !coview_.live()) {
        state_.coview_point = 0;
        return;
    }
    const ImRect r(ImVec2(n->rect.x, n->rect.y), ImVec2(n->rect.right(), n->rect.bottom()));
    draw_tap_here(ImGui::GetForegroundDrawList(), ui, r, bounds, ui.t("step.tap_here"), 6.0f, ui.type.body * 0.8f, ui.m.pad);
}

// The senior answered a setup link: take it (keeping the old settings for 7 days) or not.
// Either way the link leaves the address bar, so a reload does not ask again.
void App::answer_setup() {
    const bool take = state_.setup_answer == SetupAnswer::Accept && state_.setup_offer.ok();
    state_.setup_answer = SetupAnswer::None;
    if (take) {
        SettingsStore store(services_.storage);
        const double now = services_.clock.epoch_ms();
        if (store.save_backup(state_.settings, now)) state_.backup_until_ms = now + SettingsStore::kBackupDays * 24 * 3600 * 1000;
        Settings next = state_.setup_offer.setup.settings;
        next.my_phone = state_.settings.my_phone;  // the senior's own number is not the family's to set
        state_.settings = next;
        state_.settings_changed = true;
        const std::string& from = state_.setup_offer.setup.from;
        state_.home_status = state_.content.strings.format("setup.taken", {{"from", from.empty() ? state_.content.strings.get("setup.someone") : from}});
        state_.to_say.push_back(state_.home_status);
    }
    state_.setup_offer = SetupDecode{};
    state_.setup_summary.clear();
    services_.links.clear_fragment();
    state_.nav.home();
}

void App::restore_settings() {
    state_.restore_requested = false;
    SettingsStore store(services_.storage);
    if (auto backup = store.backup(services_.clock.epoch_ms())) {
        Settings before = backup->first;
        before.my_phone = state_.settings.my_phone;
        state_.settings = before;
        state_.settings_changed = true;
        state_.home_status = state_.content.strings.get("setup.restored");
        state_.to_say.push_back(state_.home_status);
    }
    store.drop_backup();
    state_.backup_until_ms = 0;
    state_.nav.home();
}

// A call-back's status changed (sent, picked up, calling, late): say so, wherever the user is.
void App::follow_help_status() {
    const HelpStatus& now = help_.status();
    const bool changed = now.phase != told_help_.phase || now.helper != told_help_.helper || now.overdue != told_help_.overdue ||
                         now.offline != told_help_.offline;
    if (changed && now.phase != HelpPhase::None) state_.to_say.push_back(help_status_text(now, state_.content.strings));  // said and announced
    if (now != told_help_) frames_wanted_ = std::max(frames_wanted_, 1);  // redraw with the news
    told_help_ = now;
}

// Speech (unless a screen reader speaks for the user) and screen-reader announcements.
void App::speak_and_announce(const Ui& ui, bool new_screen) {
    const int gen = state_.nav.generation();
    // A kiosk key turns the voice on until the screen is touched (EZ Access).
    const bool self_voicing = (state_.settings.voice_on && !state_.settings.screen_reader) || state_.key_voice;
    const float rate = speech_rate_value(state_.settings.speech_rate);
    const std::string lang = voice_lang_tag(state_.settings.voice_lang);
    std::string feedback;  // hints said in this frame, or just before the screen changed
    for (const auto& line : state_.to_say) {
        feedback += line;
        services_.a11y.announce({line, false});
    }
    state_.to_say.clear();
    if (new_screen && !ui.arrival.empty()) services_.a11y.announce({ui.arrival, false});
    if (state_.settings_save_failed && !save_failure_told_) services_.a11y.announce({ui.t("settings.save_failed"), true});
    save_failure_told_ = state_.settings_save_failed;
    if (new_screen) state_.voice_missing = state_.settings.voice_on && !services_.speech.has_voice(lang);
    auto say = [&](const std::string& text) {
        services_.speech.stop();
        services_.speech.speak(digits_one_by_one(text), lang, rate);
    };
    if (state_.read_aloud_requested) {
        state_.read_aloud_requested = false;
        say(screen_text_);
    } else if (new_screen && self_voicing && gen > 0) {
        say(feedback + screen_text_);
    } else if (!feedback.empty() && self_voicing) {
        say(feedback);
    }

    // Self-voicing: a control reached by keyboard says what it is.
    const SemanticsNode* focused = nullptr;
    for (const auto& n : tree_.nodes())
        if (n.has(State_Focused)) focused = &n;
    const uint32_t focus_id = focused ? focused->id : 0;
    if (focused && focus_id != spoken_focus_ && !new_screen && self_voicing) say(describe_for_speech(*focused, state_.content.strings));
    spoken_focus_ = focus_id;
}

// The DOM mirror gets what changed; a new screen moves focus to its heading.
void App::sync_accessibility(bool new_screen) {
    uint32_t focus = dom_focus_request_;
    dom_focus_request_ = 0;
    if (new_screen)
        for (const auto& n : tree_.nodes())
            if (n.role == Role::Heading && n.level == 1) { focus = n.id; break; }
    const TreeUpdate update = mirror_.diff(tree_, focus);
    if (!update.empty()) services_.a11y.update(update);
}


//-----------------------------------------------------------------------------
// [SECTION] Classes: following the teacher, the projector
//-----------------------------------------------------------------------------

// A senior in a class goes along with the teacher's step while on it; one who went their own
// way (or is reading help) stays put, and the bar's step and 回到老师这一步 bring them back.
// The projector tells the class whatever step it shows.
void App::follow_class() {
    const ClassStatus& st = classes_.status();
    const Route& route = state_.nav.current();
    const bool on_class_guide = (route.screen == ScreenId::Step || route.screen == ScreenId::Finish) && route.param == st.guide;
    if (st.phase != ClassPhase::In || st.steps == 0) {
        if (st.phase != ClassPhase::In) {  // the next class starts afresh
            class_step_seen_ = -1;
            class_finished_ = false;
            presenter_step_sent_ = -1;
        }
        return;
    }
    if (st.presenter) {
        if (route.screen == ScreenId::Step && route.param == st.guide && route.index != presenter_step_sent_) {
            presenter_step_sent_ = route.index;
            if (route.index != st.step) classes_.set_step(route.index);
        } else if (st.step != presenter_step_sent_ && route.screen == ScreenId::Step) {  // moved from the console
            presenter_step_sent_ = st.step;
            state_.nav.replace({ScreenId::Step, st.guide, st.step});
        }
        return;
    }
    const bool joined_now = class_step_seen_ < 0;
    if (joined_now || st.step != class_step_seen_) {
        class_step_seen_ = st.step;
        if (joined_now || state_.class_following) {
            if (on_class_guide) state_.nav.replace({ScreenId::Step, st.guide, st.step});
            else if (joined_now) state_.nav.go({ScreenId::Step, st.guide, st.step});
            if (!joined_now) state_.to_say.push_back(state_.content.strings.format("class.teacher_moved", {{"n", std::to_string(st.step + 1)}}));
            state_.class_following = true;
            frames_wanted_ = std::max(frames_wanted_, 2);
        }
    } else {
        state_.class_following = route.screen == ScreenId::Step && route.param == st.guide && route.index == st.step;
    }
    if (route.screen == ScreenId::Finish && route.param == st.guide) class_finished_ = true;
    const int my_step = on_class_guide && route.screen == ScreenId::Step ? route.index : st.step;
    classes_.report(my_step, state_.help_context.guide == st.guide ? state_.help_context.practice_misses : 0, class_finished_,
                    state_.class_following);
}

// A presentation clicker sends PageDown/PageUp (or arrows): the class's next or previous step.
bool App::presenter_keys() {
    const ClassStatus& st = classes_.status();
    const bool next = pressed_any({ImGuiKey_PageDown, ImGuiKey_RightArrow, ImGuiKey_DownArrow, ImGuiKey_Space});
    const bool prev = pressed_any({ImGuiKey_PageUp, ImGuiKey_LeftArrow, ImGuiKey_UpArrow});
    if ((!next && !prev) || st.steps == 0) return false;
    const Route& route = state_.nav.current();
    if (route.screen != ScreenId::Step) {  // the code screen: the clicker starts the class
        if (next) state_.nav.replace({ScreenId::Step, st.guide, st.step});
        return true;
    }
    const int to = std::clamp(route.index + (next ? 1 : -1), 0, st.steps - 1);
    if (to != route.index) state_.nav.replace({ScreenId::Step, st.guide, to});
    return true;
}

//-----------------------------------------------------------------------------
// [SECTION] Handouts: the pictures, then the words
//-----------------------------------------------------------------------------

bool App::handout_shot(int* index, Rect* rect) const {
    if (state_.handout_shot < 0) return false;
    *index = state_.handout_shot;
    *rect = state_.handout_rect;
    return true;
}

void App::handout_taken() {
    const Route route = state_.nav.current();
    const Guide* g = state_.content.guide(route.param);
    if (route.screen != ScreenId::Handout || !g || state_.handout_shot != route.index) return;
    state_.handout_shot = -1;
    if (route.index == int(g->steps.size()))  // the QR code was the last
        handout_document_ = handout_document(*g, state_.content.glossary, state_.content.strings,
                                             services_.links.app_address() + "#guide=" + g->id);
    state_.nav.replace({ScreenId::Handout, g->id, route.index + 1});
    state_.step = StepState{};  // the next picture is measured afresh before it is taken
    frames_wanted_ = std::max(frames_wanted_, 2);
}

std::optional<std::string> App::take_handout_document() {
    std::optional<std::string> doc;
    doc.swap(handout_document_);
    return doc;
}

//-----------------------------------------------------------------------------
// [SECTION] Kiosk: EZ Access keys, idle reset
//-----------------------------------------------------------------------------

void App::set_kiosk(const KioskConfig& config) {
    state_.kiosk = config;
    if (!config.on) return;
    if (state_.kiosk.id.empty()) state_.kiosk.id = "kiosk";  // still named to the help desk
    idle_.configure(config.idle_ms, config.warning_ms);
    wipe_person();  // what was kept from before a restart (a power cut mid-use) is nobody's to see
    // Up/Down/Enter are the kiosk's own: ImGui's keyboard navigation would act on them too.
    ImGui::GetIO().ConfigFlags &= ~ImGuiConfigFlags_NavEnableKeyboard;
}

namespace {
bool typed(ImWchar c) {
    for (ImWchar q : ImGui::GetIO().InputQueueCharacters)
        if (q == c) return true;
    return false;
}
// Items Up/Down move through: everything with a name, in reading order (the screen's own
// container is not an item).
std::vector<const SemanticsNode*> key_items(const SemanticsTree& tree) {
    std::vector<const SemanticsNode*> items;
    for (const auto& n : tree.nodes())
        if (!n.name.empty() && n.role != Role::Screen && n.role != Role::Dialog) items.push_back(&n);
    return items;
}
}  // namespace

bool App::kiosk_keys() {
    ImGuiIO& io = ImGui::GetIO();
    const bool down = pressed_any({ImGuiKey_DownArrow, ImGuiKey_Keypad2});
    const bool up = pressed_any({ImGuiKey_UpArrow, ImGuiKey_Keypad8});
    const bool enter = pressed_any({ImGuiKey_Enter, ImGuiKey_KeypadEnter, ImGuiKey_Keypad5, ImGuiKey_Space});
    const bool help = pressed_any({ImGuiKey_F1, ImGuiKey_KeypadAdd}) || typed('?');
    const bool back = pressed_any({ImGuiKey_Escape, ImGuiKey_Backspace, ImGuiKey_KeypadSubtract});
    const bool touched = io.MouseClicked[0] || io.MouseWheel != 0;
    const bool any_key = down || up || enter || help || back;
    // Focus moved another way (Tab, a screen reader): Up/Down and Enter go on from there.
    for (const auto& n : tree_.nodes())
        if (n.has(State_Focused) && n.id != state_.key_cursor && n.id != key_focus_seen_) state_.key_cursor = n.id;
    key_focus_seen_ = 0;
    for (const auto& n : tree_.nodes())
        if (n.has(State_Focused)) key_focus_seen_ = n.id;
    if (touched) state_.key_voice = false;
    if (any_key || touched || !actions_.empty() || !io.InputQueueCharacters.empty()) idle_.input(state_.now_ms);
    if (!any_key) return false;
    state_.key_voice = true;
    frames_wanted_ = std::max(frames_wanted_, 2);
    if (help) {
        state_.nav.go({ScreenId::Help, {}, 0});
        return true;
    }
    if (back) {
        state_.nav.back();
        return true;
    }
    const auto items = key_items(tree_);
    if (items.empty()) return true;
    int at = -1;
    for (size_t i = 0; i < items.size(); ++i)
        if (items[i]->id == state_.key_cursor) at = int(i);
    if (enter) {
        if (at < 0) state_.to_say.push_back(state_.content.strings.get("kiosk.keys_hint"));
        else if (items[size_t(at)]->can(Action::Press)) actions_.request(items[size_t(at)]->id, Action::Press);
        else if (items[size_t(at)]->role == Role::TextBox) dom_focus_request_ = items[size_t(at)]->id;  // its <input> takes the typing
        return true;
    }
    // Up before anything was reached starts from the end (下一步 and 找人帮忙 are near it).
    const int last = int(items.size()) - 1;
    const int next = down ? std::min(last, at + 1) : (at < 0 ? last : std::max(0, at - 1));
    const SemanticsNode& n = *items[size_t(next)];
    state_.key_cursor = n.id;
    // Said at once (not after the frame): each press answers with the item it reached.
    services_.speech.stop();
    std::string said = describe_for_speech(n, state_.content.strings);
    if (n.role == Role::TextBox) said += state_.content.strings.get("kiosk.type_hint");
    services_.speech.speak(digits_one_by_one(said), voice_lang_tag(state_.settings.voice_lang),
                           speech_rate_value(state_.settings.speech_rate));
    if (n.can(Action::Focus)) {
        actions_.request(n.id, Action::Focus);  // scrolls it into view
        spoken_focus_ = n.id;                   // already said
    }
    return true;
}

// After a while without input: "还在用吗？" with a countdown; then the next person starts afresh.
void App::kiosk_idle() {
    // Sharing the screen with a helper (or being asked to): the person is busy, not gone.
    if (idle_.armed() && (coview_.live() || coview_.status().phase == CoViewPhase::Asking)) idle_.input(state_.now_ms);
    const IdlePhase phase = idle_.phase(state_.now_ms);
    const bool asking_now = state_.nav.current().screen == ScreenId::StillThere;
    if (phase == IdlePhase::Expired) {
        kiosk_reset();
        return;
    }
    if (phase == IdlePhase::Asking) {
        const int left = idle_.seconds_left(state_.now_ms);
        if (!asking_now) {
            state_.nav.go({ScreenId::StillThere, {}, 0});
            state_.key_cursor = 0;
        }
        if (left != state_.idle_seconds_left) frames_wanted_ = std::max(frames_wanted_, 1);
        state_.idle_seconds_left = left;
    }
    // The help desk's list of kiosks: "still here", every few minutes (answers are not needed).
    if (heartbeat_call_ && services_.network.poll(heartbeat_call_)) heartbeat_call_ = 0;
    if (state_.now_ms >= next_heartbeat_) {  // one still unanswered after minutes is given up
        const nlohmann::json body = {{"id", state_.kiosk.id}, {"place", state_.kiosk.place}};
        heartbeat_call_ = services_.network.start("POST", "/api/kiosks/heartbeat", body.dump());
        next_heartbeat_ = state_.now_ms + kHeartbeatMs;
    }
    services_.clock.wake_after(std::max(1.0, std::min(idle_.next_change_ms(state_.now_ms), next_heartbeat_ - state_.now_ms)));
}

// The question answered: 不用了 wipes now; 还要用 (or any input) goes back where they were,
// once the tap is over (so its release does not land on the screen beneath).
void App::kiosk_after_frame() {
    if (state_.kiosk_reset_requested) {
        kiosk_reset();
        return;
    }
    if (state_.nav.current().screen == ScreenId::StillThere && idle_.phase(state_.now_ms) == IdlePhase::Active &&
        !ImGui::IsMouseDown(ImGuiMouseButton_Left))
        state_.nav.back();
}

void App::kiosk_reset() {
    wipe_person();
    ++kiosk_resets_;
    frames_wanted_ = std::max(frames_wanted_, 2);
}

// Everything one person left, for the next one: typed and remembered numbers, settings,
// drafts, progress, their call-back's number (an unsent one is still sent), reports, sharing.
void App::wipe_person() {
    services_.speech.stop();
    help_.set_aside();
    reports_.clear();
    if (coview_.active()) coview_.end();
    coview_.forget();
    classes_.leave();
    SettingsStore(services_.storage).drop_backup();
    services_.storage.remove(kFamilyFormKey);
    const KioskConfig kiosk = state_.kiosk;
    Content content = std::move(state_.content);
    HelpClient* help = state_.help;
    ReportClient* reports = state_.reports;
    CoViewClient* coview = state_.coview;
    const bool reduced_motion = state_.reduced_motion;
    Navigator nav = state_.nav;  // kept only to go on counting screens
    state_ = AppState{};
    state_.content = std::move(content);
    state_.help = help;
    state_.reports = reports;
    state_.coview = coview;
    state_.reduced_motion = reduced_motion;
    state_.kiosk = kiosk;
    state_.settings = kiosk.defaults;
    state_.settings_changed = true;  // saved over the stored ones
    state_.now_ms = services_.clock.now_ms();
    state_.nav = nav;
    state_.nav.home();  // with nothing to go back to
    told_help_ = help_.status();
    idle_.stop();  // the next person's first touch starts the clock
}

// Where Up/Down is: a thick ring (it may be text, which has no focus ring of its own).
void App::draw_key_cursor(Ui& ui, const ImRect& bounds) {
    if (!state_.kiosk.on || state_.key_cursor == 0) return;
    const SemanticsNode* n = tree_.find_id(state_.key_cursor);
    if (!n) return;
    const float ring = std::max(4.0f, ui.m.border) * 1.5f;
    ImDrawList* dl = ImGui::GetForegroundDrawList();
    dl->PushClipRect(bounds.Min, bounds.Max, true);
    dl->AddRect(ImVec2(n->rect.x - ring, n->rect.y - ring), ImVec2(n->rect.right() + ring, n->rect.bottom() + ring),
                ui.col(ui.pal->focus_ring), ring, 0, ring);
    dl->PopClipRect();
}

}  // namespace anxin
