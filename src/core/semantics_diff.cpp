#include "core/semantics_diff.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "core/semantics_json.h"

namespace anxin {

namespace {

bool same_rect(const Rect& a, const Rect& b) {
    return std::fabs(a.x - b.x) < 0.5f && std::fabs(a.y - b.y) < 0.5f && std::fabs(a.w - b.w) < 0.5f && std::fabs(a.h - b.h) < 0.5f;
}

// Focus is not part of a node's DOM state (the DOM has its own); everything else is.
bool same_node(const SemanticsNode& a, const SemanticsNode& b) {
    constexpr uint32_t kIgnored = State_Focused;
    return a.parent == b.parent && a.role == b.role && a.name == b.name && a.value == b.value &&
           (a.states & ~kIgnored) == (b.states & ~kIgnored) && a.actions == b.actions && a.level == b.level &&
           same_rect(a.rect, b.rect);
}

uint32_t container_of(const std::unordered_map<uint32_t, const SemanticsNode*>& by_id, const SemanticsNode& n) {
    uint32_t p = n.parent;
    for (int depth = 0; p != 0 && depth < 32; ++depth) {
        auto it = by_id.find(p);
        if (it == by_id.end()) return 0;
        if (is_container(it->second->role)) return p;
        p = it->second->parent;
    }
    return 0;
}

}  // namespace

bool is_container(Role role) { return role == Role::Screen || role == Role::Dialog; }

TreeUpdate TreeDiffer::diff(const SemanticsTree& now, uint32_t focus_request) {
    TreeUpdate u;
    const auto& nodes = now.nodes();
    std::unordered_map<uint32_t, const SemanticsNode*> by_id;
    by_id.reserve(nodes.size());
    for (const auto& n : nodes) by_id.emplace(n.id, &n);

    // Nodes kept from the last frame must still be in the same order; if not, rebuild.
    std::vector<uint32_t> kept_before, kept_now;
    for (uint32_t id : last_order_)
        if (by_id.count(id)) kept_before.push_back(id);
    for (const auto& n : nodes)
        if (last_.count(n.id)) kept_now.push_back(n.id);
    if (kept_before != kept_now) {
        u.removed = last_order_;
        last_.clear();
    } else {
        for (uint32_t id : last_order_)
            if (!by_id.count(id)) u.removed.push_back(id);
    }

    std::unordered_map<uint32_t, int> children;  // container -> children placed so far
    uint32_t focused = 0;
    for (const auto& n : nodes) {
        const uint32_t c = container_of(by_id, n);
        const int index = children[c]++;
        auto old = last_.find(n.id);
        if (old == last_.end()) u.added.push_back({&n, c, index});
        else if (!same_node(old->second, n)) u.updated.push_back(&n);
        if (n.has(State_Focused)) focused = n.id;
    }
    if (focus_request) u.focus = focus_request;
    else if (focused && focused != last_focused_) u.focus = focused;
    last_focused_ = focused;

    last_.clear();
    last_order_.clear();
    for (const auto& n : nodes) {
        last_.emplace(n.id, n);
        last_order_.push_back(n.id);
    }
    return u;
}

void TreeDiffer::reset() {
    last_.clear();
    last_order_.clear();
    last_focused_ = 0;
}

std::string tree_update_json(const TreeUpdate& update) {
    nlohmann::json j;
    j["remove"] = update.removed;
    nlohmann::json added = nlohmann::json::array();
    for (const auto& a : update.added) {
        nlohmann::json n = semantics_node_json(*a.node);
        n["container"] = a.container;
        n["index"] = a.index;
        added.push_back(std::move(n));
    }
    j["add"] = std::move(added);
    nlohmann::json updated = nlohmann::json::array();
    for (const auto* n : update.updated) updated.push_back(semantics_node_json(*n));
    j["update"] = std::move(updated);
    if (update.focus) j["focus"] = update.focus;
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace anxin
