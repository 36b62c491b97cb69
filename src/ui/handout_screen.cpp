// 打印讲义: the app draws a guide's pictures one a frame — each step's phone, exactly as
// the guide shows it, then a QR code that opens the guide — and the page (web/handout.js)
// captures each from the canvas and lays them out with the words on A4.
#include <algorithm>

#include "core/handout.h"
#include "ui/phone_screen.h"
#include "ui/qr_view.h"
#include "ui/screens.h"

namespace anxin {

void draw_handout(AppState& s, Ui& ui, Links& links) {
    s.handout_shot = -1;
    const Route route = s.nav.current();
    ui.heading(ui.t("handout.heading"));
    if (!s.content.complete) {  // the guides are read just after the first frame
        ui.status(ui.t("handout.preparing"));
        return;
    }
    const Guide* g = s.content.guide(route.param);
    if (!g) {
        ui.status(ui.t("handout.no_guide"));
        return;
    }
    const int steps = int(g->steps.size());
    ui.status(ui.t(route.index > steps ? "handout.ready" : "handout.preparing"));
    const float room = ImGui::GetContentRegionAvail().y - ui.m.pad;
    if (route.index < steps) {
        const GuideStep& st = g->steps[size_t(route.index)];
        if (!st.has_screen) {  // nothing to capture: the page moves straight on
            s.handout_shot = route.index;
            s.handout_rect = Rect{};
            return;
        }
        PhoneView view;
        view.description = picture_description(st.screen, *ui.str);
        view.tap_here = ui.t("step.tap_here");
        // As large as the window allows, up to a size that prints sharp at about 6 cm wide;
        // taken only once drawn from a measurement of this picture.
        if (!draw_phone_to_fit(ui, st.screen, view, room, 40.0f, s.step.phone_per_body)) return;
    } else if (route.index == steps) {
        qr_code(ui, "handout_qr", links.app_address() + "#guide=" + g->id, std::min(room, 480.0f), ui.t("handout.qr_name"));
    } else {
        return;  // all taken
    }
    s.handout_shot = route.index;
    s.handout_rect = ui.tree->nodes().back().rect;
}

}  // namespace anxin
