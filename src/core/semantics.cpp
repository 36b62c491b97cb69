#include "core/semantics.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/semantics_json.h"

namespace anxin {

const char* role_name(Role role) {
    switch (role) {
        case Role::Screen: return "main";
        case Role::Heading: return "heading";
        case Role::Text: return "text";
        case Role::Image: return "img";
        case Role::Button: return "button";
        case Role::Link: return "link";
        case Role::Checkbox: return "checkbox";
        case Role::Radio: return "radio";
        case Role::Slider: return "slider";
        case Role::Dialog: return "dialog";
        case Role::Status: return "status";
        case Role::Progress: return "progressbar";
        case Role::TextBox: return "textbox";
    }
    return "text";
}

float gap_between(const Rect& a, const Rect& b) {
    const float dx = std::max(b.x - a.right(), a.x - b.right());
    const float dy = std::max(b.y - a.bottom(), a.y - b.bottom());
    return std::max(0.0f, std::max(dx, dy));
}

bool overlaps(const Rect& a, const Rect& b) {
    return a.x < b.right() && b.x < a.right() && a.y < b.bottom() && b.y < a.bottom();
}

const SemanticsNode* SemanticsTree::find(Role role, const std::string& name) const {
    for (const auto& n : nodes_)
        if (n.role == role && n.name == name) return &n;
    return nullptr;
}

const SemanticsNode* SemanticsTree::find_id(uint32_t id) const {
    for (const auto& n : nodes_)
        if (n.id == id) return &n;
    return nullptr;
}

std::vector<const SemanticsNode*> SemanticsTree::all(Role role) const {
    std::vector<const SemanticsNode*> out;
    for (const auto& n : nodes_)
        if (n.role == role) out.push_back(&n);
    return out;
}

std::vector<const SemanticsNode*> SemanticsTree::interactive() const {
    std::vector<const SemanticsNode*> out;
    for (const auto& n : nodes_)
        if (n.interactive()) out.push_back(&n);
    return out;
}

nlohmann::json semantics_node_json(const SemanticsNode& n) {
    nlohmann::json j;
    j["id"] = n.id;
    j["parent"] = n.parent;
    j["role"] = role_name(n.role);
    j["name"] = n.name;
    if (!n.value.empty()) j["value"] = n.value;
    j["checked"] = n.has(State_Checked);
    j["disabled"] = n.has(State_Disabled);
    j["focused"] = n.has(State_Focused);
    j["clipped"] = n.has(State_Clipped);
    if (n.role == Role::TextBox) {
        j["phone"] = n.has(State_Phone);
        j["invalid"] = n.has(State_Invalid);
    }
    j["rect"] = {n.rect.x, n.rect.y, n.rect.w, n.rect.h};
    if (n.level) j["level"] = n.level;
    if (n.font_px > 0) j["fontPx"] = n.font_px;
    nlohmann::json actions = nlohmann::json::array();
    if (n.can(Action::Press)) actions.push_back("press");
    if (n.can(Action::Focus)) actions.push_back("focus");
    if (n.can(Action::Increment)) actions.push_back("increment");
    if (n.can(Action::Decrement)) actions.push_back("decrement");
    if (n.can(Action::SetText)) actions.push_back("set_text");
    j["actions"] = actions;
    return j;
}

std::string SemanticsTree::to_json() const {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& n : nodes_) list.push_back(semantics_node_json(n));
    return list.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

bool ActionQueue::take(uint32_t id, Action action) {
    auto it = std::find_if(pending_.begin(), pending_.end(),
                           [&](const Request& r) { return r.id == id && r.action == action; });
    if (it == pending_.end()) return false;
    pending_.erase(it);
    return true;
}

bool ActionQueue::take_text(uint32_t id, std::string* text) {
    bool found = false;
    for (auto it = pending_.begin(); it != pending_.end();) {
        if (it->id == id && it->action == Action::SetText) {
            *text = std::move(it->text);  // typing sends the whole text each time: the last one wins
            found = true;
            it = pending_.erase(it);
        } else {
            ++it;
        }
    }
    return found;
}

}  // namespace anxin
