// "让对方看我的屏幕": the screen that gives the senior a one-time code to tell the
// person on the phone, asks before anything is shared, and says how it ended; and
// the banner on every screen while it is shared, with a big 结束.
//
// [SECTION] Sharing screen
// [SECTION] Banner

#include <algorithm>

#include "ui/screens.h"

namespace anxin {

//-----------------------------------------------------------------------------
// [SECTION] Sharing screen
//-----------------------------------------------------------------------------

namespace {
// Back to where the senior was before 找人帮忙 (a guide step, say): the viewer should see that.
void back_to_where_they_were(AppState& s) {
    while (s.nav.can_go_back() && (s.nav.current().screen == ScreenId::CoView || s.nav.current().screen == ScreenId::Help ||
                                   s.nav.current().screen == ScreenId::HelpStatus))
        s.nav.back();
}
}  // namespace

void draw_coview(AppState& s, Ui& ui) {
    if (!s.coview) return;
    CoViewClient& c = *s.coview;
    const CoViewStatus& st = c.status();
    // Asked: the question is the heading, with 好的 right under it (on screen even at the largest text).
    if (st.phase == CoViewPhase::Asking) ui.heading(ui.str->format("coview.asking", {{"viewer", st.viewer}}));
    else ui.heading(ui.t("coview.heading"));
    switch (st.phase) {
        case CoViewPhase::None:
        case CoViewPhase::Starting:
            ui.status(ui.t("coview.starting"));
            break;
        case CoViewPhase::Code: {
            // The number first: it is what the senior reads out, and must be on screen at any text size.
            ui.big_text(code_in_groups(st.code), ui.t("coview.code_label") + " " + spaced_digits(st.code));
            ui.paragraph(ui.t("coview.code_intro"));
            ui.spoken += ui.str->format("coview.code_spoken", {{"digits", spaced_digits(st.code)}});
            ui.paragraph(ui.t("coview.code_wait"));
            if (ui.button("cancel", ui.t("coview.cancel"))) c.end();
            break;
        }
        case CoViewPhase::Asking:
            if (ui.button("accept", ui.t("coview.accept"), {0, ButtonStyle::Primary})) {
                c.answer(true);
                back_to_where_they_were(s);
            }
            if (ui.button("decline", ui.t("coview.decline"))) c.answer(false);
            ui.paragraph(ui.t("coview.asking_note"));
            break;
        case CoViewPhase::Live:
            ui.status(ui.str->format("coview.live", {{"viewer", st.viewer}}));
            if (ui.button("back_to_it", ui.t("coview.back_to_it"), {0, ButtonStyle::Primary})) back_to_where_they_were(s);
            if (ui.button("end", ui.t("coview.end"))) c.end();
            break;
        case CoViewPhase::Ended: {
            const char* key = st.why == "viewer" ? "coview.ended.viewer" : st.why == "refused" ? "coview.ended.refused"
                            : st.why == "time" ? "coview.ended.time" : "coview.ended.app";
            ui.status(ui.str->format(key, {{"viewer", st.viewer}}));
            if (ui.button("done", ui.t("coview.done"), {0, ButtonStyle::Primary})) {
                c.forget();
                s.nav.back();
            }
            break;
        }
        case CoViewPhase::Failed:
            ui.status(ui.t(st.why == "busy" ? "coview.failed.busy" : "coview.failed.offline"));
            if (ui.button("retry", ui.t("coview.retry"), {0, ButtonStyle::Primary})) c.start();
            break;
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Banner
//-----------------------------------------------------------------------------

float coview_banner_height(const Ui& ui, float w, float bar_h, const std::string& viewer) {
    return banner_height(ui, w, bar_h, ui.str->format("coview.banner", {{"viewer", viewer}}), ui.t("coview.end"));
}

bool draw_coview_banner(Ui& ui, ImVec2 origin, float w, float h, const std::string& viewer) {
    return draw_banner(ui, "coview_banner", origin, w, h, ui.str->format("coview.banner", {{"viewer", viewer}}), ui.t("coview.end"));
}

}  // namespace anxin
