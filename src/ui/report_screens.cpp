// Feedback that gets answered: from a guide step the user says what is wrong
// with it; "我的反馈" shows each report's answer as the content team gives it.
//
// [SECTION] Report a step
// [SECTION] My reports

#include "core/report_client.h"
#include "ui/screens.h"

namespace anxin {

namespace {
const char* const kKindKeys[] = {"report.kind.step_wrong", "report.kind.does_not_match", "report.kind.screen_reader", "report.kind.other"};

std::string kind_label(const Ui& ui, const std::string& kind) {
    ReportKind k;
    return report_kind_from(kind, k) ? ui.t(kKindKeys[int(k)]) : kind;
}
}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Report a step
//-----------------------------------------------------------------------------

void draw_report(AppState& s, Ui& ui) {
    const Route route = s.nav.current();
    const Guide* g = s.content.guide(route.param);
    if (!g || route.index < 0 || route.index >= int(g->steps.size())) { s.nav.home(); return; }
    ui.heading(ui.t("report.heading"));
    ui.paragraph(ui.str->format("report.about", {{"guide", g->title}, {"n", std::to_string(route.index + 1)},
                                                 {"title", g->steps[size_t(route.index)].title}}));
    const std::string kinds[4] = {ui.t("report.kind.step_wrong"), ui.t("report.kind.does_not_match"),
                                  ui.t("report.kind.screen_reader"), ui.t("report.kind.other")};
    const int pick = ui.radio_row("kind", kinds, 4, s.report_pick);
    if (pick >= 0) s.report_pick = pick;
    if (ui.button("send", ui.t("report.send"), {0, ButtonStyle::Primary})) {
        if (s.report_pick < 0) {
            s.to_say.push_back(ui.t("report.pick_first"));
            s.report_note = ui.t("report.pick_first");
        } else if (s.reports) {
            s.reports->send(g->id, route.index + 1, ReportKind(s.report_pick));
            s.report_pick = -1;
            s.report_note = ui.t("report.thanks");
            s.nav.replace({ScreenId::MyReports, {}, 0});
            return;
        }
    }
    if (!s.report_note.empty()) ui.status(s.report_note);
}

//-----------------------------------------------------------------------------
// [SECTION] My reports
//-----------------------------------------------------------------------------

void draw_my_reports(AppState& s, Ui& ui) {
    ui.heading(ui.t("report.mine"));
    if (!s.report_note.empty()) ui.status(s.report_note);
    if (!s.reports || s.reports->reports().empty()) {
        ui.paragraph(ui.t("report.none"));
        return;
    }
    for (const SentReport& r : s.reports->reports()) {
        const Guide* g = s.content.guide(r.guide);
        ui.heading(ui.str->format("report.item", {{"guide", g ? g->title : r.guide}, {"n", std::to_string(r.step)},
                                                  {"kind", kind_label(ui, r.kind)}}), 2);
        if (r.id.empty()) ui.paragraph(ui.t("report.waiting_to_send"));
        else if (r.answer.empty()) ui.paragraph(ui.t("report.no_answer_yet"));
        else if (r.status == "fixed") ui.paragraph(ui.str->format("report.fixed", {{"answer", r.answer}}));
        else ui.paragraph(ui.str->format("report.answered", {{"answer", r.answer}}));
    }
}

}  // namespace anxin
