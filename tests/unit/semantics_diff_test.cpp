// The tree diff behind the DOM mirror: added with their place, updated, removed, focus.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "core/semantics_diff.h"

using namespace anxin;

namespace {

SemanticsNode node(uint32_t id, Role role, const std::string& name, uint32_t parent = 0, float y = 0) {
    SemanticsNode n;
    n.id = id;
    n.role = role;
    n.name = name;
    n.parent = parent;
    n.rect = Rect{0, y, 100, 80};
    return n;
}

SemanticsTree tree(std::initializer_list<SemanticsNode> nodes) {
    SemanticsTree t;
    for (const auto& n : nodes) t.add(n);
    return t;
}

}  // namespace

TEST_CASE("the first diff adds every node with its container and place; the same tree again gives nothing") {
    TreeDiffer d;
    const SemanticsTree t = tree({node(1, Role::Button, "返回"), node(2, Role::Screen, "安心"), node(3, Role::Heading, "设置", 2),
                                  node(4, Role::Button, "大", 2), node(5, Role::Button, "找人帮忙")});
    const TreeUpdate u = d.diff(t);
    REQUIRE(u.added.size() == 5);
    CHECK(u.added[2].container == 2);
    CHECK(u.added[2].index == 0);
    CHECK(u.added[3].index == 1);
    CHECK(u.added[4].container == 0);
    CHECK(u.added[4].index == 2);  // after 返回 and the main container
    CHECK(d.diff(t).empty());
}

TEST_CASE("a changed name or state is an update; a new node is added at its place; a gone node is removed") {
    TreeDiffer d;
    d.diff(tree({node(2, Role::Screen, "安心"), node(3, Role::Heading, "第一步", 2), node(4, Role::Button, "下一步", 2)}));
    SemanticsNode checked = node(4, Role::Button, "下一步", 2);
    checked.states = State_Checked;
    const TreeUpdate u = d.diff(tree({node(2, Role::Screen, "安心"), node(3, Role::Heading, "第二步", 2),
                                      node(6, Role::Text, "新的一段", 2), checked}));
    REQUIRE(u.updated.size() == 2);
    CHECK(u.updated[0]->name == "第二步");
    REQUIRE(u.added.size() == 1);
    CHECK(u.added[0].index == 1);
    CHECK(u.removed.empty());
    const TreeUpdate gone = d.diff(tree({node(2, Role::Screen, "安心"), node(3, Role::Heading, "第二步", 2)}));
    CHECK(gone.removed == std::vector<uint32_t>{6, 4});
    CHECK(gone.added.empty());
}

TEST_CASE("moving focus alone is sent as focus, not as a node change; reordered nodes are rebuilt") {
    TreeDiffer d;
    d.diff(tree({node(1, Role::Button, "甲"), node(2, Role::Button, "乙")}));
    SemanticsNode focused = node(2, Role::Button, "乙");
    focused.states = State_Focused;
    const TreeUpdate f = d.diff(tree({node(1, Role::Button, "甲"), focused}));
    CHECK(f.updated.empty());
    CHECK(f.focus == 2);
    const TreeUpdate swapped = d.diff(tree({node(2, Role::Button, "乙"), node(1, Role::Button, "甲")}));
    CHECK(swapped.removed.size() == 2);
    CHECK(swapped.added.size() == 2);
}

TEST_CASE("the update's JSON carries what the web mirror needs") {
    TreeDiffer d;
    SemanticsNode radio = node(4, Role::Radio, "大", 2);
    radio.states = State_Checked;
    radio.actions = uint32_t(Action::Press) | uint32_t(Action::Focus);
    const TreeUpdate u = d.diff(tree({node(2, Role::Screen, "安心"), radio}), 4);
    const auto j = nlohmann::json::parse(tree_update_json(u));
    CHECK(j["add"][1]["role"] == "radio");
    CHECK(j["add"][1]["checked"] == true);
    CHECK(j["add"][1]["container"] == 2);
    CHECK(j["add"][1]["actions"] == nlohmann::json::array({"press", "focus"}));
    CHECK(j["focus"] == 4);
}
