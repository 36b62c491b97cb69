// Semantics tree: what the UI drew, as data a screen reader, a test or the
// DOM mirror can read. Every frame the UI layer records one node per element
// (role, accessible name, state, rect in CSS pixels, allowed actions), and
// action requests aimed at a node id are handed back to the widget that owns
// it on the next frame — exactly as if the user had tapped it.
// No ImGui and no browser here: plain structs.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace anxin {

enum class Role { Screen, Heading, Text, Image, Button, Link, Checkbox, Radio, Slider, Dialog, Status, Progress, TextBox };
const char* role_name(Role role);  // ARIA-like name: "button", "heading", ...

enum StateFlags : uint32_t {
    State_None = 0,
    State_Checked = 1 << 0,   // checkbox on / radio selected
    State_Disabled = 1 << 1,
    State_Focused = 1 << 2,
    State_Clipped = 1 << 3,   // the element was cut by the visible area (partly scrolled away)
    State_Phone = 1 << 4,     // a text box that takes a phone number (a digit keyboard)
    State_Invalid = 1 << 5,   // a text box whose text cannot be used as it is
    State_Private = 1 << 6,   // holds a phone number being typed: masked when the screen is shared
};

// SetText: a text box's whole new text (typed in the browser's own input, where input
// methods for Chinese work), carried beside the request.
enum class Action : uint32_t { Press = 1 << 0, Focus = 1 << 1, Increment = 1 << 2, Decrement = 1 << 3, SetText = 1 << 4 };

struct Rect {
    float x = 0, y = 0, w = 0, h = 0;
    float right() const { return x + w; }
    float bottom() const { return y + h; }
    bool contains(float px, float py) const { return px >= x && px < x + w && py >= y && py < y + h; }
};
// Distance between two rects along the axis where they are apart (0 if they touch or overlap).
float gap_between(const Rect& a, const Rect& b);
bool overlaps(const Rect& a, const Rect& b);

struct SemanticsNode {
    uint32_t id = 0;          // stable across frames (derived from the element's id path)
    uint32_t parent = 0;      // 0 = top level
    Role role = Role::Text;
    std::string name;         // accessible name, in the UI language
    std::string value;        // e.g. a slider's value text
    uint32_t states = State_None;
    uint32_t actions = 0;     // bit set of Action
    Rect rect;                // CSS pixels, viewport coordinates
    int level = 0;            // heading level 1..3
    float font_px = 0;        // text's em size in CSS pixels (0 for non-text)

    bool has(StateFlags s) const { return (states & s) != 0; }
    bool can(Action a) const { return (actions & static_cast<uint32_t>(a)) != 0; }
    bool interactive() const { return actions != 0; }
};

class SemanticsTree {
public:
    void clear() { nodes_.clear(); }
    void add(SemanticsNode node) { nodes_.push_back(std::move(node)); }
    const std::vector<SemanticsNode>& nodes() const { return nodes_; }

    // First node with this role and exact name; nullptr if none.
    const SemanticsNode* find(Role role, const std::string& name) const;
    const SemanticsNode* find_id(uint32_t id) const;
    std::vector<const SemanticsNode*> all(Role role) const;
    std::vector<const SemanticsNode*> interactive() const;

    std::string to_json() const;  // for the browser tests and (later) the DOM mirror

private:
    std::vector<SemanticsNode> nodes_;
};

// Requests from outside the pointer path (tests, assistive technology).
// Widgets take the requests aimed at their id while they draw.
class ActionQueue {
public:
    void request(uint32_t id, Action action) { pending_.push_back({id, action, {}}); }
    void request_text(uint32_t id, std::string text) { pending_.push_back({id, Action::SetText, std::move(text)}); }
    bool take(uint32_t id, Action action);
    bool take_text(uint32_t id, std::string* text);  // the latest SetText for `id`, if any
    bool empty() const { return pending_.empty(); }
    void clear() { pending_.clear(); }

private:
    struct Request { uint32_t id; Action action; std::string text; };
    std::vector<Request> pending_;
};

}  // namespace anxin
