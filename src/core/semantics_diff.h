// What changed in the semantics tree since the last frame — the shape of
// AccessKit's TreeUpdate: nodes removed, added (with where they go), updated,
// and where focus moves. The DOM mirror applies it, so each frame touches only
// what changed, and nothing at all when nothing did.
#pragma once
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/semantics.h"

namespace anxin {

struct AddedNode {
    const SemanticsNode* node;
    uint32_t container;  // the nearest main/dialog ancestor (0 = the top level): the DOM parent
    int index;           // position among that container's children once the update is applied
};

struct TreeUpdate {
    std::vector<uint32_t> removed;
    std::vector<AddedNode> added;               // in tree (reading) order
    std::vector<const SemanticsNode*> updated;  // same id, something else changed
    uint32_t focus = 0;                         // move focus here (0 = leave it)
    bool empty() const { return removed.empty() && added.empty() && updated.empty() && focus == 0; }
};

// Keeps the last frame's tree and reports the difference to the next one.
// Pointers in an update point into the tree passed to diff(): use it before that tree changes.
class TreeDiffer {
public:
    TreeUpdate diff(const SemanticsTree& now, uint32_t focus_request = 0);
    void reset();  // the next diff adds everything (the mirror was rebuilt)

private:
    std::unordered_map<uint32_t, SemanticsNode> last_;
    std::vector<uint32_t> last_order_;
    uint32_t last_focused_ = 0;
};

// Semantics a DOM mirror needs of a node: containers (main/dialog) hold their descendants.
bool is_container(Role role);
// The update as JSON for the web mirror: {"remove":[..],"add":[..],"update":[..],"focus":id}.
std::string tree_update_json(const TreeUpdate& update);

// A message for screen readers, spoken without moving focus (aria-live).
struct Announcement {
    std::string text;
    bool assertive = false;  // errors interrupt; everything else waits its turn
};

}  // namespace anxin
