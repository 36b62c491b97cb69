// The guide player: a guide's intro, its steps (normal and practice mode), and
// the finish screen. Practice never fails the user: a wrong tap gets a gentle
// hint; after three, the app offers to do it for them or to call for help.
//
// [SECTION] Helpers
// [SECTION] Intro
// [SECTION] Step
// [SECTION] Finish

#include <algorithm>
#include <cmath>

#include "core/handout.h"
#include "ui/phone_screen.h"
#include "ui/screens.h"

namespace anxin {

//-----------------------------------------------------------------------------
// [SECTION] Helpers
//-----------------------------------------------------------------------------

namespace {

constexpr int kMissesBeforeOffer = 3;
constexpr double kPulseMs = 3000;  // the highlight pulses this long, then stays still (kiosks idle cheaply)

void go_to_step(AppState& s, const Guide& g, int index) {
    if (index >= int(g.steps.size())) s.nav.replace({ScreenId::Finish, g.id, 0});
    else s.nav.replace({ScreenId::Step, g.id, std::max(0, index)});
}

// Lays out buttons in rows that fit (4 across on wide screens, 2 on phones); returns the index pressed or -1.
int button_row(Ui& ui, const char* id, const std::vector<std::pair<std::string, ButtonOptions>>& buttons) {
    if (buttons.empty()) return -1;
    const float avail = ui.available_width();
    float widest = 0;
    for (const auto& b : buttons) widest = std::max(widest, ui.text_width(b.first, ui.type.body) + 3 * ui.m.pad + ui.type.body);
    int cols = std::clamp(int((avail + ui.m.gap) / (widest + ui.m.gap)), 1, int(buttons.size()));
    if (cols == 3 && buttons.size() == 4) cols = 2;  // 2 + 2 reads better than 3 + 1
    const float w = (avail - ui.m.gap * float(cols - 1)) / float(cols);
    int pressed = -1;
    ImGui::PushID(id);
    for (size_t i = 0; i < buttons.size(); ++i) {
        if (i % cols != 0) ImGui::SameLine(0, ui.m.gap);
        ButtonOptions o = buttons[i].second;
        o.width = w;
        ImGui::PushID(int(i));
        if (ui.button("b", buttons[i].first, o)) pressed = int(i);
        ImGui::PopID();
    }
    ImGui::PopID();
    return pressed;
}

// A boxed notice with a warning sign (shape + words, not colour alone).
void warning_box(Ui& ui, const std::string& label, const std::string& text) {
    ImGuiWindow* w = ImGui::GetCurrentWindow();
    const ImVec2 pos = w->DC.CursorPos;
    const float avail = ui.available_width();
    const float sign = ui.type.body * 1.2f;
    const std::string full = label + text;
    const float inner = avail - 3 * ui.m.pad - sign;
    const ImVec2 ts = ui.measure(full, ui.type.body, inner);
    const ImRect bb(pos, pos + ImVec2(avail, std::max(ts.y, sign) + 2 * ui.m.pad));
    w->DrawList->AddRect(bb.Min, bb.Max, ui.col(ui.pal->text), 8.0f, 0, ui.m.border * 1.5f);
    const ImVec2 s0(pos.x + ui.m.pad, pos.y + ui.m.pad);
    w->DrawList->AddTriangle(ImVec2(s0.x + sign * 0.5f, s0.y), ImVec2(s0.x + sign, s0.y + sign * 0.9f), ImVec2(s0.x, s0.y + sign * 0.9f),
                             ui.col(ui.pal->text), ui.m.border);
    w->DrawList->AddRectFilled(ImVec2(s0.x + sign * 0.45f, s0.y + sign * 0.3f), ImVec2(s0.x + sign * 0.55f, s0.y + sign * 0.62f), ui.col(ui.pal->text));
    w->DrawList->AddCircleFilled(ImVec2(s0.x + sign * 0.5f, s0.y + sign * 0.75f), sign * 0.06f, ui.col(ui.pal->text));
    ui.draw_text(w->DrawList, full, ui.type.body, ImVec2(s0.x + sign + ui.m.pad, s0.y), inner, ui.col(ui.pal->text));
    ImGui::ItemSize(bb);
    ui.record(ImGui::GetID(("warning:" + text).c_str()), Role::Text, full, bb, 0, 0, ui.type.body);
}

void progress_bar(Ui& ui, int n, int total) {
    ImGuiWindow* w = ImGui::GetCurrentWindow();
    const std::string label = ui.str->format("step.progress", {{"n", std::to_string(n)}, {"total", std::to_string(total)}});
    const ImVec2 pos = w->DC.CursorPos;
    const float avail = ui.available_width();
    const ImVec2 ts = ui.draw_text(w->DrawList, label, ui.type.body, pos, avail, ui.col(ui.pal->text));
    const float bar_h = std::max(12.0f, ui.type.body * 0.35f);
    const ImRect bar(pos.x, pos.y + ts.y + 6, pos.x + avail, pos.y + ts.y + 6 + bar_h);
    w->DrawList->AddRectFilled(bar.Min, ImVec2(bar.Min.x + bar.GetWidth() * float(n) / float(total), bar.Max.y), ui.col(ui.pal->selected_bg), bar_h * 0.5f);
    w->DrawList->AddRect(bar.Min, bar.Max, ui.col(ui.pal->text), bar_h * 0.5f, 0, 2.0f);
    ImGui::ItemSize(ImRect(pos, bar.Max));
    ui.record(ImGui::GetID("progress"), Role::Progress, label, ImRect(pos, bar.Max), 0, 0, ui.type.body, 0,
              std::to_string(n) + "/" + std::to_string(total));
}

// The projector (workshop classes): the step's words on the left, very large, and its phone
// on the right, as tall as the screen allows. The volunteer moves on with a clicker.
void draw_step_presented(AppState& s, Ui& ui, const Guide& g, int index) {
    const GuideStep& st = g.steps[size_t(index)];
    const float room = ImGui::GetContentRegionAvail().y - ui.m.pad;
    if (!ImGui::BeginTable("presented", 2, ImGuiTableFlags_SizingStretchProp)) return;
    ImGui::TableSetupColumn("words", ImGuiTableColumnFlags_WidthStretch, 1.25f);
    ImGui::TableSetupColumn("phone", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableNextColumn();
    progress_bar(ui, index + 1, int(g.steps.size()));
    const TypeScale type = ui.type;
    ui.type.heading = type.heading * 1.2f;  // read from the back of the room
    ui.heading(st.title);
    ui.type = type;
    ui.paragraph(st.text);
    if (!st.warning.empty()) warning_box(ui, ui.t("step.warning"), st.warning);
    ImGui::TableNextColumn();
    if (st.has_screen) {
        PhoneView view;
        view.description = picture_description(st.screen, *ui.str);
        view.tap_here = ui.t("step.tap_here");
        draw_phone_to_fit(ui, st.screen, view, room, type.body * 1.5f, s.step.phone_per_body);
    }
    ImGui::EndTable();
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Intro
//-----------------------------------------------------------------------------

void draw_guide_intro(AppState& s, Ui& ui) {
    const Guide* g = s.content.guide(s.nav.current().param);
    if (!g) { s.nav.home(); return; }
    ui.heading(g->title);
    ui.paragraph(g->summary);
    ui.paragraph(ui.str->format("guide.step_count", {{"n", std::to_string(g->steps.size())}}));
    ui.paragraph(guide_source_note(*g, *ui.str), /*muted=*/true);
    if (ui.button("start", ui.t("guide.start"), {0, ButtonStyle::Primary})) {
        s.practice = false;
        s.nav.go({ScreenId::Step, g->id, 0});
    }
    if (ui.button("practice", ui.t("guide.practice"), {0, ButtonStyle::Normal, Icon::None, ui.t("guide.practice_desc")})) {
        s.practice = true;
        s.nav.go({ScreenId::Step, g->id, 0});
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Step
//-----------------------------------------------------------------------------

void draw_step(AppState& s, Ui& ui) {
    const Route route = s.nav.current();
    const Guide* g = s.content.guide(route.param);
    if (!g || route.index < 0 || route.index >= int(g->steps.size())) { s.nav.home(); return; }
    const GuideStep& st = g->steps[size_t(route.index)];
    const int n = route.index + 1, total = int(g->steps.size());
    const bool practising = s.practice && st.has_screen && !st.screen.target.empty();
    if (s.help_context.guide != g->id) s.help_context = HelpContextState{g->id, 0, 0, 0};
    s.help_context.step = n;  // what a helper is told if the user asks for help from here
    s.help_context.steps_done = std::max(s.help_context.steps_done, n);

    if (s.presenting) {
        draw_step_presented(s, ui, *g, route.index);
        return;
    }
    if (s.practice) ui.status(ui.t("practice.banner"));
    if (s.voice_missing) ui.status(ui.t("voice.missing"));
    if (s.classes && s.classes->status().phase == ClassPhase::In && !s.classes->status().presenter &&
        s.classes->status().guide == g->id && s.classes->status().step != route.index) {  // went their own way
        const int teacher = s.classes->status().step;
        if (ui.button("to_teacher", ui.str->format("class.to_teacher", {{"n", std::to_string(teacher + 1)}}), {0, ButtonStyle::Primary})) {
            s.class_following = true;
            s.nav.replace({ScreenId::Step, g->id, teacher});
        }
    }
    progress_bar(ui, n, total);
    ui.heading(st.title);
    ui.paragraph(st.text);
    for (const std::string& term : st.terms) {
        const bool open = s.step.open_term == term;
        if (ui.button(("term:" + term).c_str(), ui.str->format("step.term_question", {{"term", term}})))
            s.step.open_term = open ? std::string() : term;
        if (open) ui.status(ui.str->format("step.term_answer", {{"term", term}, {"text", s.content.glossary.at(term)}}));
    }
    if (!st.warning.empty()) warning_box(ui, ui.t("step.warning"), st.warning);

    if (st.has_screen) {
        PhoneView view;
        view.practice = practising;
        view.description = picture_description(st.screen, *ui.str);
        view.tap_here = ui.t("step.tap_here");
        const double age = s.now_ms - s.step.started_ms;
        if (age < kPulseMs && !st.screen.target.empty() && !s.reduced_motion) {
            view.pulse = 0.5f + 0.5f * float(std::sin(age / 1000.0 * 2.0 * 3.14159265));
            s.animating = true;
        }
        const std::string pressed = draw_phone(ui, st.screen, view);
        if (!pressed.empty()) {
            if (pressed == st.screen.target) {
                go_to_step(s, *g, route.index + 1);
            } else {
                ++s.step.misses;
                ++s.help_context.practice_misses;
                const ScreenElement* t = st.screen.find(st.screen.target);
                s.step.hint = ui.str->format("practice.hint", {{"label", t ? element_label(*t) : std::string()}});
                s.to_say.push_back(s.step.hint);
            }
        }
    }
    if (practising && !s.step.hint.empty()) ui.status(s.step.hint);
    // In a class: try this very step on the simulated phone (the volunteer sees the misses).
    const ClassStatus* cls = s.classes ? &s.classes->status() : nullptr;
    if (cls && cls->phase == ClassPhase::In && !cls->presenter && cls->guide == g->id && st.has_screen && !st.screen.target.empty() &&
        ui.button("class_practice", ui.t(s.practice ? "class.practice_off" : "class.practice_on"))) {
        s.practice = !s.practice;
        s.step.misses = 0;
        s.step.hint.clear();
    }
    if (practising && s.step.misses >= kMissesBeforeOffer) {
        ui.paragraph(ui.t("practice.offer"));
        const int pick = button_row(ui, "offer", {{ui.t("practice.show_me"), {}}, {ui.t("help.button"), {0, ButtonStyle::Help, Icon::Phone}}});
        if (pick == 0) {
            const ScreenElement* t = st.screen.find(st.screen.target);
            s.to_say.push_back(ui.str->format("practice.shown", {{"label", t ? element_label(*t) : std::string()}}));
            go_to_step(s, *g, route.index + 1);
        } else if (pick == 1) {
            s.nav.go({ScreenId::Help, {}, 0});
        }
    }
    for (const std::string& tip : st.tips) ui.paragraph(ui.t("step.tip") + tip, /*muted=*/true);
    // A guide that goes with this step (关闭免密支付 ↔ 坐公交地铁): Back returns here.
    const Guide* see = st.see.empty() ? nullptr : s.content.guide(st.see);
    if (see && ui.button("see", ui.str->format("step.see", {{"title", see->title}}), {0, ButtonStyle::Normal, icon_from_name(see->icon)}))
        s.nav.go({ScreenId::Guide, see->id, 0});

    // Read again / Home (上一步 / 下一步 are in the step bar, always on screen: draw_step_bar).
    const int pick = button_row(ui, "nav", {{ui.t("step.again"), {}}, {ui.t("step.home"), {}}});
    if (pick == 0) s.read_aloud_requested = true;
    if (pick == 1) s.nav.home();

    if (ui.button("report", ui.t("report.button"))) {
        s.report_pick = -1;
        s.report_note.clear();
        s.nav.go({ScreenId::Report, g->id, route.index});
    }

    // Spoken: where we are, the step, and any warning — the step's own words for speech.
    ui.spoken = ui.str->format("step.progress_spoken", {{"n", std::to_string(n)}, {"total", std::to_string(total)}}) + st.title + "。" +
                st.speak;
    if (!st.warning.empty()) ui.spoken += ui.t("step.warning") + st.warning;
    for (const std::string& tip : st.tips) ui.spoken += ui.t("step.tip") + tip;  // tips are for ears too
    ui.arrival = ui.str->format("step.arrival", {{"n", std::to_string(n)}, {"total", std::to_string(total)}, {"title", st.title}});
}

//-----------------------------------------------------------------------------
// [SECTION] Step bar
//-----------------------------------------------------------------------------

// 上一步 / 下一步, fixed above 找人帮忙 so they are on screen without scrolling at every text
// size; the step's words and phone scroll above them. In practice, the simulated screen is
// how one goes on, so 下一步 is not there.
namespace {
struct StepBar {
    const Guide* guide = nullptr;
    int index = 0;
    bool prev = false, next = false;
    bool prev_as_arrow = false;  // side by side the words would not fit on one line each: 上一步 is an arrow
    float inset = 0, height = 0;
};

StepBar step_bar_layout(const AppState& s, const Ui& ui, float w) {
    StepBar b;
    const Route& route = s.nav.current();
    b.guide = route.screen == ScreenId::Step ? s.content.guide(route.param) : nullptr;
    if (!b.guide || route.index < 0 || route.index >= int(b.guide->steps.size())) return b;
    const GuideStep& st = b.guide->steps[size_t(route.index)];
    b.index = route.index;
    b.prev = route.index > 0;
    b.next = !(s.practice && st.has_screen && !st.screen.target.empty());
    b.inset = bar_inset(ui);
    b.height = app_bar_height(ui);
    const float half = (w - 2 * ui.m.pad - ui.m.gap) * 0.5f;
    const float widest = std::max(ui.text_width(ui.t("step.prev"), ui.type.body), ui.text_width(ui.t("step.finish"), ui.type.body));
    b.prev_as_arrow = b.prev && b.next && widest + 2 * ui.m.pad > half;
    return b;
}
}  // namespace

float step_bar_height(const AppState& s, const Ui& ui, float width) { return step_bar_layout(s, ui, width).height; }

void draw_step_bar(AppState& s, Ui& ui, ImVec2 origin, float w, float h) {
    const StepBar b = step_bar_layout(s, ui, w);
    if (!b.guide) return;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(origin, origin + ImVec2(w, h), ui.col(ui.pal->background));
    dl->AddLine(origin, origin + ImVec2(w, 0), ui.col(ui.pal->text), 2.0f);
    if (!b.prev && !b.next) return;
    const float bh = h - 2 * b.inset, inner = w - 2 * ui.m.pad;
    // Side by side, equal; at the largest text on a narrow phone 上一步 becomes a square arrow
    // (still named 上一步 for screen readers) so 下一步 keeps its words on one line.
    const float prev_w = !b.next ? inner : b.prev_as_arrow ? bh : (inner - ui.m.gap) * 0.5f;
    const float next_w = !b.prev ? inner : inner - prev_w - ui.m.gap;
    const Guide& g = *b.guide;
    ImGui::SetCursorScreenPos(ImVec2(origin.x + ui.m.pad, origin.y + b.inset));
    if (b.prev) {
        ButtonOptions o{prev_w, ButtonStyle::Normal, b.prev_as_arrow ? Icon::Back : Icon::None, {}, bh};
        o.icon_only = b.prev_as_arrow;
        if (ui.button("step_prev", ui.t("step.prev"), o)) go_to_step(s, g, b.index - 1);
        if (b.next) ImGui::SameLine(0, ui.m.gap);
    }
    const bool last = b.index + 1 == int(g.steps.size());
    if (b.next && ui.button("step_next", ui.t(last ? "step.finish" : "step.next"), {next_w, ButtonStyle::Primary, Icon::None, {}, bh}))
        go_to_step(s, g, b.index + 1);
}

//-----------------------------------------------------------------------------
// [SECTION] Finish
//-----------------------------------------------------------------------------

void draw_finish(AppState& s, Ui& ui) {
    const Guide* g = s.content.guide(s.nav.current().param);
    if (!g) { s.nav.home(); return; }
    ui.heading(ui.t("finish.heading"));
    ui.paragraph(g->done);
    if (s.practice) ui.paragraph(ui.t("finish.practice_done"), /*muted=*/true);
    if (ui.button("practice_again", ui.t("finish.practice_again"), {0, ButtonStyle::Primary})) {
        s.practice = true;
        s.nav.replace({ScreenId::Step, g->id, 0});
    }
    if (ui.button("review", ui.t("finish.review"))) {
        s.practice = false;
        s.nav.replace({ScreenId::Step, g->id, 0});
    }
    if (ui.button("home", ui.t("step.home"))) s.nav.home();
}

}  // namespace anxin
