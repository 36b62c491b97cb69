// Workshop classes (core/class_client.h): a senior joins with the code the volunteer
// shows (参加课堂), and the bar on every screen says where the class is, with 举手.
// The projector's presenter view starts with the code and a QR code, huge, then
// shows the class's step with the same guide player the seniors use.
#include <algorithm>

#include "ui/qr_view.h"
#include "ui/screens.h"

namespace anxin {

namespace {
std::string guide_title(const AppState& s, const std::string& id) {
    const Guide* g = s.content.guide(id);
    return g ? g->title : id;
}
// Why joining failed (ClassStatus::error), as the words the senior sees.
const char* join_error_key(const std::string& error) {
    if (error == "no_code") return "class.error.no_code";
    if (error == "ended") return "class.error.ended";
    if (error == "full") return "class.error.full";
    if (error == "busy") return "class.error.busy";
    if (error == "nickname") return "class.error.nickname";
    return "class.error.offline";
}
}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] 参加课堂
//-----------------------------------------------------------------------------

void draw_class_join(AppState& s, Ui& ui) {
    if (!s.classes) return;
    ClassClient& c = *s.classes;
    const ClassStatus& st = c.status();
    ui.heading(ui.t("class.heading"));
    if (st.phase == ClassPhase::In) {  // already in one: back to it, or leave
        ui.paragraph(ui.str->format("class.in", {{"volunteer", st.volunteer}, {"guide", guide_title(s, st.guide)}}));
        if (ui.button("back_to_class", ui.t("class.back_to_class"), {0, ButtonStyle::Primary})) {
            s.class_following = true;
            s.nav.go({ScreenId::Step, st.guide, st.step});
        }
        if (ui.button("leave", ui.t("class.leave"))) {
            c.leave();
            s.nav.home();
        }
        return;
    }
    ui.paragraph(ui.t("class.intro"));
    if (s.class_code.empty()) ui.paragraph(ui.t("class.code_empty"), /*muted=*/true);
    else ui.big_text(code_in_groups(s.class_code), ui.t("class.code_label") + " " + spaced_digits(s.class_code));
    if (st.phase == ClassPhase::Joining) ui.status(ui.t("class.joining"));
    else if (!s.class_error.empty()) ui.status(s.class_error);
    else if (st.phase == ClassPhase::Refused) ui.status(ui.t(join_error_key(st.error)));
    if (draw_keypad(s, ui, s.class_code, 6, "class.code_spoken")) s.class_error.clear();
    ImGui::Dummy(ImVec2(0, ui.m.gap * 0.5f));
    TextFieldOptions name;
    name.hint = ui.t("class.nickname_hint");
    if (st.phase == ClassPhase::Refused && st.error == "nickname") name.error = ui.t("class.error.nickname");
    ui.text_field("nickname", ui.t("class.nickname"), &s.class_nickname, name);
    if (ui.button("join", ui.t("class.join"), {0, ButtonStyle::Primary}) && st.phase != ClassPhase::Joining) {
        if (s.class_code.size() != 6) {
            s.class_error = ui.t("class.bad_code");
            s.to_say.push_back(s.class_error);
        } else {
            s.class_error.clear();
            c.join(s.class_code, s.class_nickname);
        }
    }
    ui.paragraph(ui.t("class.privacy"), /*muted=*/true);
}

//-----------------------------------------------------------------------------
// [SECTION] The bar
//-----------------------------------------------------------------------------

std::string class_banner_text(const AppState& s, const Ui& ui) {
    const ClassStatus& st = s.classes->status();
    const std::string n = std::to_string(st.step + 1);
    if (st.presenter)
        return ui.str->format("present.banner", {{"code", code_in_groups(st.code)}, {"n", n}, {"total", std::to_string(st.steps)}});
    if (st.phase == ClassPhase::Ended) return ui.t("class.ended");
    if (st.offline) return ui.t("class.banner_offline");
    if (st.hand_up) return ui.str->format("class.banner_hand", {{"n", n}});
    return ui.str->format("class.banner", {{"n", n}});
}

std::string class_banner_button(const AppState& s, const Ui& ui) {
    const ClassStatus& st = s.classes->status();
    if (st.presenter) return ui.t("present.show_code");
    if (st.phase == ClassPhase::Ended) return ui.t("class.ended_ok");
    return ui.t(st.hand_up ? "class.hand_down" : "class.hand");
}

void class_banner_pressed(AppState& s) {
    ClassClient& c = *s.classes;
    const ClassStatus& st = c.status();
    if (st.presenter) {
        s.nav.go({ScreenId::Present, {}, 0});
    } else if (st.phase == ClassPhase::Ended) {
        c.forget();
    } else {
        c.raise_hand(!st.hand_up);
        s.to_say.push_back(s.content.strings.get(st.hand_up ? "class.hand_up_said" : "class.hand_down_said"));
    }
}

//-----------------------------------------------------------------------------
// [SECTION] The projector
//-----------------------------------------------------------------------------

void draw_present(AppState& s, Ui& ui, Links& links) {
    if (!s.classes) return;
    const ClassStatus& st = s.classes->status();
    ui.heading(ui.t("present.heading"));
    if (st.phase == ClassPhase::Ended) {
        ui.status(ui.t(st.steps ? "class.ended" : "present.gone"));
        return;
    }
    if (st.steps == 0) {  // not heard from the server yet
        ui.status(ui.t("present.connecting"));
        return;
    }
    ui.paragraph(ui.str->format("present.guide", {{"guide", guide_title(s, st.guide)}, {"volunteer", st.volunteer}}));
    // Side by side on a projector: the code, huge, and the QR code that joins the class.
    const float room = ImGui::GetContentRegionAvail().y - ui.m.gap;  // all of it on one projector screen
    if (!ImGui::BeginTable("present", 2, ImGuiTableFlags_SizingStretchSame)) return;
    ImGui::TableNextColumn();
    const float huge = ui.type.huge;
    ui.type.huge = huge * 2.2f;  // read from the back of the room
    ui.big_text(code_in_groups(st.code), ui.t("present.code_label") + " " + spaced_digits(st.code));
    ui.type.huge = huge;
    ui.paragraph(ui.t("present.how"));
    if (ui.button("start", ui.t("present.start"), {0, ButtonStyle::Primary})) s.nav.replace({ScreenId::Step, st.guide, st.step});
    ImGui::TableNextColumn();
    qr_code(ui, "class_qr", links.app_address() + "#class=" + st.code, std::max(160.0f, std::min({ui.available_width(), room, 640.0f})), ui.t("present.qr"));
    ImGui::EndTable();
}

}  // namespace anxin
