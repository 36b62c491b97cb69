// One function per screen. Each draws into the content area with the widgets
// of ui.h and changes AppState in response to presses; none knows about the
// browser.
#pragma once
#include "core/platform.h"
#include "ui/app.h"

namespace anxin {

void draw_home(AppState& s, Ui& ui);
void draw_guide_intro(AppState& s, Ui& ui);  // guide_screens.cpp
void draw_step(AppState& s, Ui& ui);
void draw_finish(AppState& s, Ui& ui);
void draw_settings(AppState& s, Ui& ui);
void draw_help(AppState& s, Ui& ui, Links& links);

// The hotline to show: the user's own choice (set by family) or the deployment's.
const std::string& hotline_number(const AppState& s);
// "12345" -> "1 2 3 4 5" so speech engines read digits one by one.
std::string spaced_digits(const std::string& number);

}  // namespace anxin
