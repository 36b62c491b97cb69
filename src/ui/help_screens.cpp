// Human help: the help screen (the hotline, huge, and "请人给我回电"), the
// call-back screen (a big keypad that reads each digit back), and the status
// screen, which keeps the server's promise in plain words and always shows the
// hotline as the way out.
//
// [SECTION] Helpers
// [SECTION] Help
// [SECTION] Call-back number
// [SECTION] Call-back status

#include "core/report_client.h"
#include "ui/screens.h"

namespace anxin {

//-----------------------------------------------------------------------------
// [SECTION] Helpers
//-----------------------------------------------------------------------------

const std::string& hotline_number(const AppState& s) {
    return s.settings.hotline.empty() ? s.content.config.hotline_number : s.settings.hotline;
}

std::string code_in_groups(const std::string& code) {
    std::string out;
    for (size_t i = 0; i < code.size(); ++i) out += (i == 3 ? " " : "") + code.substr(i, 1);
    return out;
}

std::string spaced_digits(const std::string& number) {
    std::string out;
    for (char c : number) {
        if (c == ' ' || c == '-') continue;
        if (!out.empty()) out += ' ';
        out += c;
    }
    return out;
}

std::string grouped_phone(const std::string& number) {
    if (number.size() != 11 || number[0] != '1') return number;  // a mobile number: 138 0013 8000
    return number.substr(0, 3) + " " + number.substr(3, 4) + " " + number.substr(7);
}

namespace {

void dial(Links& links, const std::string& number) {
    std::string bare;  // tel: wants the bare number
    for (char c : number)
        if ((c >= '0' && c <= '9') || c == '+') bare += c;
    links.open("tel:" + bare);
}

void call_button(AppState& s, Ui& ui, Links& links, const char* id) {
    if (ui.button(id, ui.t("help.call"), {0, ButtonStyle::Primary, Icon::Phone})) dial(links, hotline_number(s));
}

// "让对方看我的屏幕": for the person already on the phone (the hotline or a call-back).
void share_button(AppState& s, Ui& ui) {
    if (!s.coview) return;
    if (ui.button("coview", ui.t("help.coview"))) {
        if (!s.coview->live() && s.coview->status().phase != CoViewPhase::Asking && s.coview->status().phase != CoViewPhase::Code)
            s.coview->start();
        s.nav.go({ScreenId::CoView, {}, 0});
    }
}

// Which number calls back, what helpers never ask for (so a fake one is easy to spot), and
// the lines for money problems and fraud — on the help and the status screens, read aloud too.
// On the help screen the other lines are buttons that dial (Links given); elsewhere, words.
void safety_notes(const AppState& s, Ui& ui, Links* links = nullptr) {
    if (!s.content.config.callback_number.empty())
        ui.paragraph(ui.str->format("help.callback_from", {{"number", s.content.config.callback_number}}));
    ui.paragraph(ui.str->format("help.safety", {{"share", ui.t("help.coview")}}));
    if (!links) {
        ui.paragraph(ui.t("help.other_lines"));
        return;
    }
    ui.paragraph(ui.t("help.other_lines_intro"));
    const std::pair<const char*, const char*> lines[] = {
        {"help.line_alipay", "95188"}, {"help.line_wechat", "95017"}, {"help.line_police", "110"}, {"help.line_fraud", "96110"}};
    for (const auto& [key, number] : lines)
        if (ui.button(key, ui.t(key), {0, ButtonStyle::Normal, Icon::Phone})) dial(*links, number);
}

HelpContext context_of(const AppState& s, const Ui& ui) {
    HelpContext c;
    c.guide = s.help_context.guide;
    c.step = s.help_context.step;
    c.steps_done = s.help_context.steps_done;
    c.practice_misses = s.help_context.practice_misses;
    c.lang = voice_lang_tag(s.settings.voice_lang);
    c.text_size = text_size_name(s.settings.text_size);
    c.screen_reader = s.settings.screen_reader;
    c.device = ui.device == DeviceClass::Phone ? "phone" : "tablet or computer";
    if (s.kiosk.on) c.device = kiosk_device(s.kiosk);  // the helper knows where
    return c;
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Help
//-----------------------------------------------------------------------------

void draw_help(AppState& s, Ui& ui, Links& links) {
    const std::string& number = hotline_number(s);
    // The number and the call button come first: they must be on screen even at the largest text.
    ui.heading(ui.t("help.heading"));
    // Family first, when family set it up: "打给 小芳", big, with the number to check.
    for (size_t i = 0; i < s.settings.contacts.size(); ++i) {
        const FamilyContact& c = s.settings.contacts[i];
        const std::string label = ui.str->format("help.call_family", {{"name", c.name}});
        // The number helps to check who is called, but only on one line: at the largest text on a
        // phone it is left to the accessible name's reading of the label, and the icon goes first.
        const std::string number = grouped_phone(c.number);
        const float inner = ui.available_width() - 2 * ui.m.pad;
        const bool number_fits = ui.text_width(number, ui.type.body) + ui.type.body * 1.8f + ui.m.pad <= inner;
        ButtonOptions o{0, ButtonStyle::Primary, number_fits ? Icon::Phone : Icon::None, number_fits ? number : std::string()};
        if (ui.button(("family:" + std::to_string(i)).c_str(), label, o)) dial(links, c.number);
    }
    if (!s.settings.contacts.empty()) ui.heading(ui.t("help.hotline_heading"), 2);
    ui.big_text(number, ui.t("help.number_label") + " " + spaced_digits(number));
    ui.spoken += ui.str->format("help.spoken_number", {{"digits", spaced_digits(number)}});
    call_button(s, ui, links, "call");
    if (s.help && s.help->active()) {
        if (ui.button("callback_status", ui.t("callback.see_status"), {0, ButtonStyle::Normal, Icon::None, help_status_text(s.help->status(), *ui.str)}))
            s.nav.go({ScreenId::HelpStatus, {}, 0});
    } else if (ui.button("callback", ui.t("callback.button"), {0, ButtonStyle::Normal, Icon::None, ui.t("callback.button_desc")})) {
        s.phone_entry = s.settings.my_phone;
        s.phone_error.clear();
        s.nav.go({ScreenId::Callback, {}, 0});
    }
    share_button(s, ui);
    ui.paragraph(ui.t("help.intro"));
    if (!s.settings.hotline.empty() && !s.settings.hotline_name.empty())
        ui.paragraph(s.settings.hotline_name, /*muted=*/true);
    else if (!s.content.config.hotline_name.empty() && s.settings.hotline.empty())
        ui.paragraph(s.content.config.hotline_name, /*muted=*/true);
    ui.paragraph(ui.t("help.call_hint"), /*muted=*/true);
    safety_notes(s, ui, &links);
}

//-----------------------------------------------------------------------------
// [SECTION] Call-back number
//-----------------------------------------------------------------------------

// The keypad: three big keys a row, as on a phone. Each key says what it did.
bool draw_keypad(AppState& s, Ui& ui, std::string& entry, size_t max_digits, const char* read_back_key) {
    const char* const keys[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", nullptr, "0", nullptr};
    const float w = (ui.available_width() - 2 * ui.m.gap) / 3;
    bool changed = false;
    for (int i = 0; i < 12; ++i) {
        if (i % 3 != 0) ImGui::SameLine(0, ui.m.gap);
        ImGui::PushID(i);
        if (keys[i]) {
            if (ui.button("key", keys[i], {w}) && entry.size() < max_digits) {
                entry += keys[i];
                changed = true;
                s.to_say.push_back(std::string(keys[i]) + "。");
            }
        } else if (i == 9) {
            if (ui.button("delete", ui.t("callback.delete"), {w}) && !entry.empty()) {
                entry.pop_back();
                changed = true;
                s.to_say.push_back(ui.t("callback.deleted"));
            }
        } else if (ui.button("read", ui.t("callback.read_back"), {w})) {
            s.to_say.push_back(entry.empty() ? ui.t("callback.empty") : ui.str->format(read_back_key, {{"digits", spaced_digits(entry)}}));
        }
        ImGui::PopID();
    }
    return changed;
}

void draw_callback(AppState& s, Ui& ui) {
    ui.heading(ui.t("callback.heading"));
    ui.paragraph(ui.t("callback.intro"));
    if (s.phone_entry.empty()) ui.paragraph(ui.t("callback.empty"));
    else {
        ui.private_text = true;
        ui.big_text(grouped_phone(s.phone_entry), ui.t("callback.number_label") + " " + spaced_digits(s.phone_entry));
        ui.private_text = false;
    }
    if (!s.phone_error.empty()) ui.status(s.phone_error);

    if (draw_keypad(s, ui, s.phone_entry, 15, "callback.spoken")) s.phone_error.clear();
    ImGui::Dummy(ImVec2(0, ui.m.gap * 0.5f));
    if (ui.button("send", ui.t("callback.send"), {0, ButtonStyle::Primary})) {
        if (!is_valid_callback_number(s.phone_entry)) {
            s.phone_error = ui.t("callback.bad_number");
            s.to_say.push_back(s.phone_error);
        } else if (s.help) {
            HelpRequestBody body;
            body.idempotency_key = new_idempotency_key();
            body.phone = normalise_phone(s.phone_entry);
            body.context = context_of(s, ui);
            if (s.settings.my_phone != body.phone) {  // remembered for next time
                s.settings.my_phone = body.phone;
                s.settings_changed = true;
            }
            s.help->send(body);
            s.nav.replace({ScreenId::HelpStatus, {}, 0});
        }
    }
    ui.paragraph(ui.t("callback.privacy"), /*muted=*/true);
}

//-----------------------------------------------------------------------------
// [SECTION] Call-back status
//-----------------------------------------------------------------------------

std::string help_status_text(const HelpStatus& st, const Strings& str) {
    const std::string minutes = std::to_string(st.promise_minutes);
    const std::string clock = HelpClient::clock_text(std::max(0, st.promise_clock));
    std::string text;
    switch (st.phase) {
        case HelpPhase::None: return {};
        case HelpPhase::Sending:
            return st.offline ? str.format("callback.offline", {{"n", std::to_string(st.attempts)}}) : str.get("callback.sending");
        case HelpPhase::Waiting:
            text = st.position > 1 ? str.format("callback.waiting_queue", {{"m", minutes}, {"clock", clock}, {"ahead", std::to_string(st.position - 1)}})
                                   : str.format("callback.waiting", {{"m", minutes}, {"clock", clock}});
            break;
        case HelpPhase::Accepted: text = str.format("callback.accepted", {{"helper", st.helper}, {"m", minutes}, {"clock", clock}}); break;
        case HelpPhase::Calling: return str.format("callback.calling", {{"helper", st.helper}});
        case HelpPhase::Done: return str.get("callback.done");
        case HelpPhase::Refused: return str.get("callback.refused");
        case HelpPhase::Lost: return str.get("callback.lost");
    }
    if (st.overdue) text = str.get("callback.overdue");
    if (st.offline) text += str.get("callback.stale");
    return text;
}

void draw_help_status(AppState& s, Ui& ui, Links& links) {
    ui.heading(ui.t("callback.status_heading"));
    if (!s.help || !s.help->active()) {
        s.nav.home();
        return;
    }
    const HelpStatus& st = s.help->status();
    ui.status(help_status_text(st, *ui.str));
    if (!st.phone.empty()) {
        ui.private_text = true;
        ui.paragraph(ui.str->format("callback.your_number", {{"digits", grouped_phone(st.phone)}}));
        ui.private_text = false;
    }
    const bool finished = st.phase == HelpPhase::Done || st.phase == HelpPhase::Refused || st.phase == HelpPhase::Lost;
    if (st.phase == HelpPhase::Refused && ui.button("fix", ui.t("callback.fix"), {0, ButtonStyle::Primary})) {
        s.phone_entry = st.phone;
        s.help->forget();
        s.nav.replace({ScreenId::Callback, {}, 0});
        return;
    }
    if (finished && ui.button("finish", ui.t("callback.finish"), {0, ButtonStyle::Primary})) {
        s.help->forget();
        s.nav.home();
        return;
    }
    share_button(s, ui);
    // However the request fares, the hotline is always there.
    ui.paragraph(ui.str->format("callback.fallback", {{"number", hotline_number(s)}}));
    call_button(s, ui, links, "call");
    safety_notes(s, ui);
}

}  // namespace anxin
