// One function per screen. Each draws into the content area with the widgets
// of ui.h and changes AppState in response to presses; none knows about the
// browser.
#pragma once
#include "core/platform.h"
#include "core/help_client.h"
#include "ui/app.h"

namespace anxin {

// The bars around every screen (app.cpp), at `origin`: the header with 返回 and 朗读, and
// the fixed 找人帮忙 footer. The family page's preview draws them too.
float app_bar_height(const Ui& ui);
float bar_inset(const Ui& ui);  // a bar's edge to its buttons: ≥ 8 px, as between any two targets
struct AppBarPress { bool back = false, read = false; };
AppBarPress draw_app_header(Ui& ui, ImVec2 origin, float width, float height, bool show_back);
bool draw_app_footer(Ui& ui, ImVec2 origin, float width, float height);  // true when 找人帮忙 was pressed

void draw_home(AppState& s, Ui& ui);
void draw_group(AppState& s, Ui& ui);  // one group's guides (出行: 坐公交地铁, 手机打车)
void draw_guide_intro(AppState& s, Ui& ui);  // guide_screens.cpp
void draw_step(AppState& s, Ui& ui);
// 上一步 / 下一步 in a bar of their own, always on screen (side by side, or stacked when the text is large).
float step_bar_height(const AppState& s, const Ui& ui, float width);
void draw_step_bar(AppState& s, Ui& ui, ImVec2 origin, float width, float height);
void draw_finish(AppState& s, Ui& ui);
void draw_settings(AppState& s, Ui& ui);
void draw_report(AppState& s, Ui& ui);  // report_screens.cpp
void draw_my_reports(AppState& s, Ui& ui);
void draw_help(AppState& s, Ui& ui, Links& links);  // help_screens.cpp
void draw_callback(AppState& s, Ui& ui);
// A phone-style keypad for `entry` (digits, up to max_digits), with 删除 and 读号码 (which says
// `read_back_key` with {digits}); true when the entry changed.
bool draw_keypad(AppState& s, Ui& ui, std::string& entry, size_t max_digits, const char* read_back_key);
void draw_help_status(AppState& s, Ui& ui, Links& links);
void draw_coview(AppState& s, Ui& ui);  // coview_screens.cpp
void draw_still_there(AppState& s, Ui& ui);  // kiosk_screens.cpp
void draw_class_join(AppState& s, Ui& ui);   // class_screens.cpp
void draw_present(AppState& s, Ui& ui, Links& links);  // the projector's code screen
void draw_handout(AppState& s, Ui& ui, Links& links);  // handout_screen.cpp: the pictures of 打印讲义
// The bar while in a class ("老师在第 4 步" + 举手), or for the projector ("课堂号 … 第 4 / 9 步").
std::string class_banner_text(const AppState& s, const Ui& ui);
std::string class_banner_button(const AppState& s, const Ui& ui);
void class_banner_pressed(AppState& s);
// A bar under the header (banner.cpp): words and one button; at least `bar_height` tall,
// taller when its words need two lines. draw_banner is true when its button was pressed.
float banner_height(const Ui& ui, float width, float bar_height, const std::string& text, const std::string& button);
bool draw_banner(Ui& ui, const char* id, ImVec2 origin, float width, float height, const std::string& text, const std::string& button);
// The bar while the screen is shared; true when 结束 was pressed.
float coview_banner_height(const Ui& ui, float width, float bar_height, const std::string& viewer);
bool draw_coview_banner(Ui& ui, ImVec2 origin, float width, float height, const std::string& viewer);
void draw_family(AppState& s, Ui& ui, Links& links);  // family_screens.cpp
void draw_setup_offer(AppState& s, Ui& ui);

// The guides home shows: those in `order` that exist, in that order; all when `order`
// is empty or names none of them (home is never empty).
std::vector<const Guide*> home_guides(const Content& content, const std::vector<std::string>& order);

// What the call-back status screen says of a request now (also announced when it changes).
std::string help_status_text(const HelpStatus& status, const Strings& str);

// The hotline to show: the user's own choice (set by family) or the deployment's.
const std::string& hotline_number(const AppState& s);
// "12345" -> "1 2 3 4 5" so speech engines read digits one by one.
std::string spaced_digits(const std::string& number);
std::string code_in_groups(const std::string& code);  // "382910" -> "382 910": easier to read out and to hear
// "13800138000" -> "138 0013 8000": a mobile number as people write it, easier to check.
std::string grouped_phone(const std::string& number);

}  // namespace anxin
