// The screens. See screens.h.
//
// [SECTION] Home (and the groups of guides)
// [SECTION] Settings

#include "ui/screens.h"

#include <algorithm>


namespace anxin {

//-----------------------------------------------------------------------------
// [SECTION] Home
//-----------------------------------------------------------------------------

std::vector<const Guide*> home_guides(const Content& content, const std::vector<std::string>& order) {
    std::vector<const Guide*> out;
    for (const std::string& id : order)
        for (const Guide& g : content.guides)
            if (g.id == id && std::find(out.begin(), out.end(), &g) == out.end()) out.push_back(&g);
    if (out.empty())
        for (const Guide& g : content.guides) out.push_back(&g);
    return out;
}

namespace {

struct Tile {
    std::string id, title, subtitle;
    Icon icon = Icon::None;
};

// Tiles in as many columns as fit (one on phones); tiles in a row share a height.
// Returns the index of the tile pressed, or -1.
int draw_tiles(Ui& ui, const std::vector<Tile>& tiles) {
    int pressed = -1;
    const float avail = ui.available_width();
    const float min_tile = std::max(320.0f, ui.type.body * 9.0f);
    const size_t cols = size_t(std::clamp(int((avail + ui.m.gap) / (min_tile + ui.m.gap)), 1, 3));
    const float tile_w = (avail - ui.m.gap * float(cols - 1)) / float(cols);
    for (size_t row = 0; row * cols < tiles.size(); ++row) {
        const size_t first = row * cols, last = std::min(tiles.size(), first + cols);
        float row_h = 0;
        for (size_t i = first; i < last; ++i)
            row_h = std::max(row_h, ui.button_height(tiles[i].title, {tile_w, ButtonStyle::Normal, tiles[i].icon, tiles[i].subtitle}, tile_w));
        for (size_t i = first; i < last; ++i) {
            if (i != first) ImGui::SameLine(0, ui.m.gap);
            ButtonOptions o{tile_w, ButtonStyle::Normal, tiles[i].icon, tiles[i].subtitle, row_h};
            if (ui.button(tiles[i].id.c_str(), tiles[i].title, o)) pressed = int(i);
        }
    }
    return pressed;
}

void draw_guide_tiles(AppState& s, Ui& ui, const std::vector<const Guide*>& guides) {
    std::vector<Tile> tiles;
    for (const Guide* g : guides) tiles.push_back({"guide:" + g->id, g->title, g->subtitle, icon_from_name(g->icon)});
    if (int i = draw_tiles(ui, tiles); i >= 0) s.nav.go({ScreenId::Guide, guides[size_t(i)]->id, 0});
}

}  // namespace

// With groups (出行, 看病…), home shows the family's picks first, then one tile per group,
// so any guide is two choices away; without groups, every guide's tile as before.
void draw_home(AppState& s, Ui& ui) {
    s.help_context.step = 0;  // help asked from here is not about a step
    ui.heading(ui.t("home.heading"));
    if (!s.settings.home_note.empty()) {  // the family's note comes first, as a message
        ui.paragraph(ui.t("home.note_label"), /*muted=*/true);
        ui.status(s.settings.home_note);
    }
    if (!s.home_status.empty() && !ui.preview) ui.status(s.home_status);
    ui.paragraph(ui.t("home.intro"));
    if (s.content.guides_rejected > 0)
        ui.status(ui.str->format("home.guide_problem", {{"n", std::to_string(s.content.guides_rejected)}}));
    else if (!s.content.problems.empty())
        ui.status(ui.t("content.problem"));

    if (s.content.groups.empty()) {
        draw_guide_tiles(s, ui, home_guides(s.content, s.settings.guide_order));
    } else {
        if (!s.settings.guide_order.empty()) {
            ui.heading(ui.t("home.family_picks"), 2);
            draw_guide_tiles(s, ui, home_guides(s.content, s.settings.guide_order));
            ui.heading(ui.t("home.all_guides"), 2);
        }
        std::vector<Tile> tiles;
        for (const GuideGroup& g : s.content.groups) tiles.push_back({"group:" + g.id, g.title, g.subtitle, icon_from_name(g.icon)});
        if (int i = draw_tiles(ui, tiles); i >= 0) s.nav.go({ScreenId::Group, s.content.groups[size_t(i)].id, 0});
        std::vector<const Guide*> loose;  // in no group (a group with a mistake in it): still reachable
        for (const Guide& g : s.content.guides)
            if (!s.content.group_of(g.id)) loose.push_back(&g);
        if (!loose.empty()) draw_guide_tiles(s, ui, loose);
    }
    ImGui::Dummy(ImVec2(0, ui.m.gap));
    if (!s.kiosk.on) {  // a class is joined on one's own phone
        ButtonOptions c{0, ButtonStyle::Normal, Icon::None, ui.t("home.class.description")};
        if (ui.button("class", ui.t("home.class"), c)) s.nav.go({ScreenId::ClassJoin, {}, 0});
    }
    ButtonOptions o{0, ButtonStyle::Normal, Icon::Gear, ui.t("home.settings.description")};
    if (ui.button("settings", ui.t("home.settings"), o)) s.nav.go({ScreenId::Settings, {}, 0});
}

void draw_group(AppState& s, Ui& ui) {
    const GuideGroup* group = s.content.group(s.nav.current().param);
    if (!group) {  // an old address, or content that changed: home has everything
        s.nav.home();
        return;
    }
    ui.heading(group->title);
    ui.paragraph(ui.t("group.intro"));
    std::vector<const Guide*> guides;
    for (const std::string& id : group->guides)
        if (const Guide* g = s.content.guide(id)) guides.push_back(g);
    draw_guide_tiles(s, ui, guides);
}

//-----------------------------------------------------------------------------
// [SECTION] Settings
//-----------------------------------------------------------------------------

void draw_settings(AppState& s, Ui& ui) {
    Settings next = s.settings;
    ui.heading(ui.t("settings.heading"));
    ui.paragraph(ui.t("settings.intro"));

    ui.heading(ui.t("settings.text_size"), 2);
    const std::string sizes[kTextSizeCount] = {ui.t(text_size_key(TextSize::Standard)), ui.t(text_size_key(TextSize::Large)),
                                               ui.t(text_size_key(TextSize::Larger)), ui.t(text_size_key(TextSize::Largest))};
    const int size_pick = ui.radio_row("text_size", sizes, kTextSizeCount, int(s.settings.text_size));
    if (size_pick >= 0) next.text_size = TextSize(size_pick);
    ui.paragraph(ui.t("settings.preview"), /*muted=*/true);

    ui.heading(ui.t("settings.theme"), 2);
    const std::string themes[2] = {ui.t("settings.theme.light"), ui.t("settings.theme.dark")};
    const int theme_pick = ui.radio_row("theme", themes, 2, int(s.settings.theme));
    if (theme_pick >= 0) next.theme = ThemeId(theme_pick);

    ui.heading(ui.t("settings.voice"), 2);
    ui.checkbox("voice_on", ui.t("settings.voice.on"), &next.voice_on);
    ui.checkbox("screen_reader", ui.t("settings.screen_reader"), &next.screen_reader);

    ui.heading(ui.t("settings.speech_rate"), 2);
    const std::string rates[3] = {ui.t("settings.rate.very_slow"), ui.t("settings.rate.slow"), ui.t("settings.rate.normal")};
    const int rate_pick = ui.radio_row("speech_rate", rates, 3, int(s.settings.speech_rate));
    if (rate_pick >= 0) next.speech_rate = SpeechRate(rate_pick);

    ui.heading(ui.t("settings.voice_lang"), 2);
    const std::string langs[2] = {ui.t("settings.voice_lang.mandarin"), ui.t("settings.voice_lang.cantonese")};
    const int lang_pick = ui.radio_row("voice_lang", langs, 2, int(s.settings.voice_lang));
    if (lang_pick >= 0) next.voice_lang = VoiceLang(lang_pick);
    if (s.voice_missing) ui.status(ui.t("voice.missing"));

    if (s.settings_save_failed) ui.status(ui.t("settings.save_failed"));
    if (s.backup_until_ms > 0 && ui.button("restore", ui.t("settings.restore")))
        s.restore_requested = true;
    if (ui.button("family", ui.t("settings.family"), {0, ButtonStyle::Normal, Icon::None, ui.t("settings.family_desc")}))
        s.nav.go({ScreenId::Family, {}, 0});
    if (ui.button("my_reports", ui.t("report.mine"))) {
        s.report_note.clear();
        if (s.reports) s.reports->refresh();
        s.nav.go({ScreenId::MyReports, {}, 0});
    }

    if (next != s.settings) {
        s.settings = next;
        s.settings_changed = true;
    }
}

}  // namespace anxin
