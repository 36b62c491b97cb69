// Family setup: the family page (a form, a preview of the senior's screens drawn
// by the same code, and the setup link with its QR code) and the screen where the
// senior is asked about a setup link that was opened.
//
// [SECTION] Family page: form
// [SECTION] Family page: preview
// [SECTION] Family page: the whole page, link and QR code
// [SECTION] Setup offer (the senior's side)

#include <algorithm>

#include "ui/qr_view.h"
#include "ui/screens.h"

namespace anxin {

namespace {

//-----------------------------------------------------------------------------
// [SECTION] Family page: form
//-----------------------------------------------------------------------------

// A text field whose error (a string key) is shown under it; marks the form changed.
void form_field(AppState& s, Ui& ui, const char* id, const std::string& label, std::string* text, const std::string& error_key,
                bool phone = false, const std::string& hint = {}) {
    TextFieldOptions o;
    o.phone = phone;
    o.hint = hint;
    if (!error_key.empty()) o.error = ui.t(error_key.c_str());
    if (ui.text_field(id, label, text, o)) s.family_changed = true;
}

void draw_choices(AppState& s, Ui& ui, Settings& c) {
    Settings before = c;
    ui.heading(ui.t("settings.text_size"), 2);
    const std::string sizes[kTextSizeCount] = {ui.t(text_size_key(TextSize::Standard)), ui.t(text_size_key(TextSize::Large)),
                                               ui.t(text_size_key(TextSize::Larger)), ui.t(text_size_key(TextSize::Largest))};
    if (int pick = ui.radio_row("text_size", sizes, kTextSizeCount, int(c.text_size)); pick >= 0) c.text_size = TextSize(pick);
    ui.heading(ui.t("settings.theme"), 2);
    const std::string themes[2] = {ui.t("settings.theme.light"), ui.t("settings.theme.dark")};
    if (int pick = ui.radio_row("theme", themes, 2, int(c.theme)); pick >= 0) c.theme = ThemeId(pick);
    ui.heading(ui.t("settings.voice"), 2);
    ui.checkbox("voice_on", ui.t("family.voice_on"), &c.voice_on);
    ui.checkbox("screen_reader", ui.t("family.screen_reader"), &c.screen_reader);
    ui.heading(ui.t("settings.speech_rate"), 2);
    const std::string rates[3] = {ui.t("settings.rate.very_slow"), ui.t("settings.rate.slow"), ui.t("settings.rate.normal")};
    if (int pick = ui.radio_row("speech_rate", rates, 3, int(c.speech_rate)); pick >= 0) c.speech_rate = SpeechRate(pick);
    ui.heading(ui.t("settings.voice_lang"), 2);
    const std::string langs[2] = {ui.t("settings.voice_lang.mandarin"), ui.t("settings.voice_lang.cantonese")};
    if (int pick = ui.radio_row("voice_lang", langs, 2, int(c.voice_lang)); pick >= 0) c.voice_lang = VoiceLang(pick);
    if (c != before) s.family_changed = true;
}

// Which guides home shows, and in which order: a checkbox per guide, and "往上移".
void draw_guide_choice(AppState& s, Ui& ui, Settings& c) {
    ui.heading(ui.t("family.guides"), 2);
    ui.paragraph(ui.t("family.guides_intro"), /*muted=*/true);
    std::vector<const Guide*> order = home_guides(s.content, c.guide_order);
    std::vector<const Guide*> all = order;  // shown first, then the rest in their usual order
    for (const Guide& g : s.content.guides)
        if (std::find(all.begin(), all.end(), &g) == all.end()) all.push_back(&g);
    std::vector<std::string> ids;
    for (const Guide* g : all) ids.push_back(g->id);
    std::vector<char> shown(all.size());
    for (size_t i = 0; i < all.size(); ++i) shown[i] = c.guide_order.empty() || i < order.size();
    bool changed = false;
    for (size_t i = 0; i < all.size(); ++i) {
        ImGui::PushID(all[i]->id.c_str());
        bool on = shown[i];
        if (ui.checkbox("shown", all[i]->title, &on)) { shown[i] = on; changed = true; }
        if (i > 0 && shown[i] &&
            ui.button("up", ui.str->format("family.move_up", {{"title", all[i]->title}}), {0, ButtonStyle::Normal, Icon::None})) {
            std::swap(ids[i], ids[i - 1]);
            std::swap(shown[i], shown[i - 1]);
            changed = true;
        }
        ImGui::PopID();
    }
    if (!changed) return;
    std::vector<std::string> next;
    for (size_t i = 0; i < ids.size(); ++i)
        if (shown[i]) next.push_back(ids[i]);
    if (next.empty()) return;  // home is never empty: the last guide stays
    if (next.size() == s.content.guides.size()) {  // all shown: keep the list only if the order differs
        bool usual = true;
        for (size_t i = 0; i < next.size(); ++i) usual = usual && next[i] == s.content.guides[i].id;
        if (usual) next.clear();
    }
    c.guide_order = next;
    s.family_changed = true;
}

//-----------------------------------------------------------------------------
// [SECTION] Family page: preview
//-----------------------------------------------------------------------------

// One of the senior's screens as it will look with `settings`, drawn by the screen's own
// function into a phone-sized frame. Nothing in it can be pressed; its semantics go to
// s.preview (for tests), and one image node with a description stands for it.
void draw_preview(AppState& s, Ui& ui, Links& links, Settings& settings, ScreenId which, const char* id, float w, float h) {
    ImGuiWindow* outer = ImGui::GetCurrentWindow();
    const ImVec2 pos = outer->DC.CursorPos;
    const float bezel = 10;
    ImDrawList* dl = outer->DrawList;
    dl->AddRectFilled(pos, pos + ImVec2(w, h), IM_COL32(30, 30, 30, 255), 24);
    const ImVec2 screen_pos = pos + ImVec2(bezel, bezel * 2.5f);
    const ImVec2 screen_size(w - 2 * bezel, h - bezel * 5);

    Ui p = ui;
    p.pal = &palette(settings.theme);
    p.device = DeviceClass::Phone;
    p.type = type_scale(DeviceClass::Phone, settings.text_size);
    p.m = layout_metrics(DeviceClass::Phone, p.type);
    p.viewport = screen_size;
    p.tree = &s.preview;
    static ActionQueue no_actions;  // nobody presses inside a preview
    no_actions.clear();
    p.actions = &no_actions;
    p.parent = 0;
    p.spoken.clear();
    p.preview = true;

    std::swap(s.settings, settings);  // the screens read s.settings
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(p.m.pad, p.m.pad));
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(p.m.gap, p.m.gap));
    ImGui::PushStyleVar(ImGuiStyleVar_DisabledAlpha, 1.0f);  // looks exactly as it will, only inert
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImGui::ColorConvertU32ToFloat4(p.col(p.pal->background)));
    ImGui::BeginDisabled();
    const float bar_h = app_bar_height(p);
    ImGui::PushID(id);
    draw_app_header(p, screen_pos, screen_size.x, bar_h, which != ScreenId::Home);
    // The preview shows the top of the screen, what the senior sees first; the wheel scrolls the page.
    ImGui::SetCursorScreenPos(screen_pos + ImVec2(0, bar_h));
    ImGui::BeginChild("screen", ImVec2(screen_size.x, std::max(1.0f, screen_size.y - 2 * bar_h)), ImGuiChildFlags_AlwaysUseWindowPadding,
                      ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoScrollbar);
    p.visible = ImGui::GetCurrentWindow()->InnerClipRect;
    if (which == ScreenId::Home) draw_home(s, p);
    else draw_help(s, p, links);
    ImGui::EndChild();
    draw_app_footer(p, screen_pos + ImVec2(0, screen_size.y - bar_h), screen_size.x, bar_h);
    ImGui::PopID();
    ImGui::EndDisabled();
    ImGui::PopStyleColor();
    ImGui::PopStyleVar(3);
    std::swap(s.settings, settings);

    const ImRect frame(pos, pos + ImVec2(w, h));
    ImGui::SetCursorScreenPos(pos);
    ImGui::ItemSize(frame);
    const std::string name = ui.t(which == ScreenId::Home ? "family.preview_home" : "family.preview_help");
    ui.record(ImGui::GetID(id), Role::Image, name, frame, 0, 0, 0, 0, p.spoken);
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Family page: the whole page, link and QR code
//-----------------------------------------------------------------------------

void draw_family(AppState& s, Ui& ui, Links& links) {
    FamilyForm& f = s.family;
    const FamilyCheck check = check_family_form(f);
    ui.heading(ui.t("family.heading"));
    ui.paragraph(ui.t("family.intro"));

    // Seeing the senior's screen live needs the help server; the page for it comes with the console.
    if (ui.button("watch", ui.t("family.watch"), {0, ButtonStyle::Normal, Icon::None, ui.t("family.watch_desc")}))
        links.open(links.app_address() + "console/view.html");

    ui.heading(ui.t("family.you"), 2);
    form_field(s, ui, "from", ui.t("family.from"), &f.from, check.from, false, ui.t("family.from_hint"));

    draw_choices(s, ui, f.settings);

    ui.heading(ui.t("family.contacts"), 2);
    ui.paragraph(ui.t("family.contacts_intro"), /*muted=*/true);
    for (size_t i = 0; i < kMaxFamilyContacts; ++i) {
        ImGui::PushID(int(i));
        const std::string n = std::to_string(i + 1);
        form_field(s, ui, "name", ui.str->format("family.contact_name", {{"n", n}}), &f.contact_name[i], check.contact_name[i]);
        form_field(s, ui, "number", ui.str->format("family.contact_number", {{"n", n}}), &f.contact_number[i], check.contact_number[i], true);
        ImGui::PopID();
    }

    ui.heading(ui.t("family.hotline"), 2);
    ui.paragraph(ui.str->format("family.hotline_intro", {{"number", s.content.config.hotline_number}}), /*muted=*/true);
    form_field(s, ui, "hotline", ui.t("family.hotline_number"), &f.hotline, check.hotline, true);
    form_field(s, ui, "hotline_name", ui.t("family.hotline_name"), &f.hotline_name, check.hotline_name);

    draw_guide_choice(s, ui, f.settings);

    ui.heading(ui.t("family.note"), 2);
    form_field(s, ui, "note", ui.str->format("family.note_label", {{"max", std::to_string(kMaxNoteChars)}}), &f.note, check.note,
               false, ui.t("family.note_hint"));

    // The preview uses what is right so far (check_family_form leaves a wrong field out).
    ui.heading(ui.t("family.preview"), 2);
    Settings shown = check.setup.settings;
    shown.my_phone = s.settings.my_phone;
    const float w = std::min(380.0f, ui.available_width()), h = std::min(680.0f, ui.viewport.y * 0.7f);  // whole on screen
    const bool side_by_side = ui.available_width() >= 2 * w + ui.m.gap;
    draw_preview(s, ui, links, shown, ScreenId::Home, "preview_home", w, h);
    if (side_by_side) ImGui::SameLine(0, ui.m.gap);
    draw_preview(s, ui, links, shown, ScreenId::Help, "preview_help", w, h);

    ui.heading(ui.t("family.link"), 2);
    if (!check.ok()) {
        ui.status(ui.str->format("family.fix_first", {{"n", std::to_string(check.problems)}}));
        return;
    }
    const std::string link = links.app_address() + "#" + encode_setup(check.setup);
    if (link.size() > kMaxSetupLinkChars) {
        ui.status(ui.str->format("family.too_long", {{"n", std::to_string(link.size())}, {"max", std::to_string(kMaxSetupLinkChars)}}));
        return;
    }
    ui.paragraph(ui.t("family.link_intro"));
    const QrInfo qr = qr_code(ui, "qr", link, std::min(ui.available_width(), 420.0f), ui.t("family.qr_name"));
    ui.paragraph(ui.str->format("family.link_size", {{"n", std::to_string(link.size())}, {"v", std::to_string(qr.version)}}),
                 /*muted=*/true);
    if (ui.button("copy", ui.t("family.copy"), {0, ButtonStyle::Primary})) {
        s.family_note = ui.t(links.copy(link) ? "family.copied" : "family.copy_failed");
        s.to_say.push_back(s.family_note);
    }
    if (links.can_share() && ui.button("share", ui.t("family.share"))) links.share(ui.t("family.share_title"), link);
    if (!s.family_note.empty()) ui.status(s.family_note);
}

//-----------------------------------------------------------------------------
// [SECTION] Setup offer (the senior's side)
//-----------------------------------------------------------------------------

void draw_setup_offer(AppState& s, Ui& ui) {
    if (!s.setup_offer.ok()) {
        ui.heading(ui.t("setup.error_heading"));
        ui.status(ui.t(setup_error_key(s.setup_offer.error)));
        ui.paragraph(ui.t("setup.nothing_changed"));
        if (ui.button("ok", ui.t("setup.understood"), {0, ButtonStyle::Primary})) s.setup_answer = SetupAnswer::Decline;
        return;
    }
    ui.heading(ui.t("setup.heading"));
    ui.paragraph(s.setup_summary);
    if (ui.button("accept", ui.t("setup.accept"), {0, ButtonStyle::Primary})) s.setup_answer = SetupAnswer::Accept;
    if (ui.button("decline", ui.t("setup.decline"))) s.setup_answer = SetupAnswer::Decline;
    ui.paragraph(ui.t("setup.undo_hint"), /*muted=*/true);
}

}  // namespace anxin
