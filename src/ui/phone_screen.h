// Draws a guide step's simulated phone screen (core/guide.h PhoneScreen): a
// phone frame with the app's title bar, search box, icon grids, buttons, list
// rows, QR codes, toggles and tab bars, and the element to tap highlighted with
// a pulsing outline, an arrow and the words "点这里" — never colour alone.
#pragma once
#include <string>
#include <vector>

#include "core/guide.h"
#include "core/theme.h"
#include "ui/ui.h"

namespace anxin {

struct PhoneView {
    bool practice = false;    // elements are pressable; the highlight waits for "show me" or a miss
    bool show_target = true;  // highlight the target
    float pulse = 0;          // 0..1 animation phase; 0 = still
    std::string description;  // accessible name of the picture in normal mode
    std::string tap_here;     // "点这里"
};

// Draws the phone at the cursor, full available width up to a phone-like size.
// In practice mode returns the id (or label) of the element pressed, or "".
std::string draw_phone(Ui& ui, const PhoneScreen& screen, const PhoneView& view);

// Draws the phone as tall as `room` allows (the projector, a handout's picture). Its size
// follows the text size, so that is picked from `per_body`, the phone's height per px of text
// when it was last drawn (0: not yet — a guess now, measured for the next frame; every new
// screen draws twice). Text stays between 16 px and `max_body`. True when drawn from a measurement.
bool draw_phone_to_fit(Ui& ui, const PhoneScreen& screen, const PhoneView& view, float room, float max_body, float& per_body);

// Every (text, background) colour pair the simulated screen draws, for the contrast test.
std::vector<ColourPair> phone_colour_pairs();

// The guides' marker for "tap here": a ring around `target` and a "点这里" callout with an
// arrow, kept inside `bounds`. Also used when a helper points at something on the real screen.
void draw_tap_here(ImDrawList* dl, const Ui& ui, const ImRect& target, const ImRect& bounds, const std::string& label, float grow,
                   float em, float pad);

}  // namespace anxin
