#include "core/navigation.h"

namespace anxin {

const char* screen_name(ScreenId id) {
    switch (id) {
        case ScreenId::Home: return "home";
        case ScreenId::Guide: return "guide";
        case ScreenId::Step: return "step";
        case ScreenId::Finish: return "finish";
        case ScreenId::Settings: return "settings";
        case ScreenId::Help: return "help";
        case ScreenId::Callback: return "callback";
        case ScreenId::HelpStatus: return "help_status";
        case ScreenId::Report: return "report";
        case ScreenId::MyReports: return "my_reports";
        case ScreenId::Family: return "family";
        case ScreenId::SetupOffer: return "setup_offer";
        case ScreenId::CoView: return "coview";
        case ScreenId::StillThere: return "still_there";
        case ScreenId::ClassJoin: return "class_join";
        case ScreenId::Present: return "present";
        case ScreenId::Handout: return "handout";
        case ScreenId::Group: return "group";
    }
    return "home";
}

void Navigator::go(Route to) {
    if (to == current_) return;
    trail_.push_back(current_);
    current_ = std::move(to);
    ++generation_;
}

void Navigator::replace(Route to) {
    if (to == current_) return;
    current_ = std::move(to);
    ++generation_;
}

bool Navigator::back() {
    if (trail_.empty()) return false;
    current_ = trail_.back();
    trail_.pop_back();
    ++generation_;
    return true;
}

void Navigator::home() {
    if (current_.screen == ScreenId::Home && trail_.empty()) return;
    trail_.clear();
    current_ = Route{};
    ++generation_;
}

}  // namespace anxin
