// Kiosk: the question asked after a while without input, with its countdown.
#include "ui/screens.h"

namespace anxin {

void draw_still_there(AppState& s, Ui& ui) {
    ui.heading(ui.t("kiosk.still_there"));
    const std::string left = ui.str->format("kiosk.seconds_left", {{"n", std::to_string(s.idle_seconds_left)}});
    ui.big_text(left, left);
    if (ui.button("keep", ui.t("kiosk.keep"), {0, ButtonStyle::Primary})) {}  // any input keeps the session; this is the obvious one
    if (ui.button("done", ui.t("kiosk.done"))) s.kiosk_reset_requested = true;
    ui.paragraph(ui.t("kiosk.privacy"), /*muted=*/true);
}

}  // namespace anxin
