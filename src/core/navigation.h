// Where the user is, and how they got there. Back always returns to the
// previous screen; Home clears the trail. Every change bumps `generation`,
// which the UI uses to move focus, stop speech and read the new screen.
#pragma once
#include <string>
#include <vector>

namespace anxin {

enum class ScreenId { Home, Guide, Step, Finish, Settings, Help, Callback, HelpStatus, Report, MyReports, Family, SetupOffer, CoView, StillThere,
                      ClassJoin, Present, Handout, Group };
const char* screen_name(ScreenId id);

struct Route {
    ScreenId screen = ScreenId::Home;
    std::string param;  // e.g. the guide id
    int index = 0;      // e.g. the step
    bool operator==(const Route& o) const { return screen == o.screen && param == o.param && index == o.index; }
};

class Navigator {
public:
    const Route& current() const { return current_; }
    int generation() const { return generation_; }
    bool can_go_back() const { return !trail_.empty(); }

    void go(Route to);   // no-op if already there
    void replace(Route to);  // a new screen in place of this one (next step): Back skips it
    bool back();         // false at the start of the trail
    void home();

private:
    Route current_;
    std::vector<Route> trail_;
    int generation_ = 0;
};

}  // namespace anxin
