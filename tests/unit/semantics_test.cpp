#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "core/semantics.h"

using namespace anxin;

TEST_CASE("gap_between measures the space between rects along the axis they are apart") {
    CHECK(gap_between({0, 0, 10, 10}, {18, 0, 10, 10}) == 8);
    CHECK(gap_between({0, 0, 10, 10}, {0, 30, 10, 10}) == 20);
    CHECK(gap_between({0, 0, 10, 10}, {5, 5, 10, 10}) == 0);
    CHECK(overlaps({0, 0, 10, 10}, {5, 5, 10, 10}));
    CHECK_FALSE(overlaps({0, 0, 10, 10}, {10, 0, 10, 10}));
}

TEST_CASE("an action request is taken once, only by the node it is aimed at") {
    ActionQueue q;
    q.request(7, Action::Press);
    CHECK_FALSE(q.take(8, Action::Press));
    CHECK_FALSE(q.take(7, Action::Focus));
    CHECK(q.take(7, Action::Press));
    CHECK_FALSE(q.take(7, Action::Press));
    CHECK(q.empty());
}

TEST_CASE("the tree serialises role, name, state, rect and actions for the browser") {
    SemanticsTree t;
    SemanticsNode n;
    n.id = 42;
    n.role = Role::Radio;
    n.name = "超大";
    n.states = State_Checked;
    n.actions = uint32_t(Action::Press);
    n.rect = {1, 2, 80, 90};
    t.add(n);
    const auto j = nlohmann::json::parse(t.to_json());
    REQUIRE(j.size() == 1);
    CHECK(j[0]["role"] == "radio");
    CHECK(j[0]["name"] == "超大");
    CHECK(j[0]["checked"] == true);
    CHECK(j[0]["rect"][2] == 80);
    CHECK(j[0]["actions"][0] == "press");
    CHECK(t.find(Role::Radio, "超大") == &t.nodes()[0]);
    CHECK(t.find(Role::Button, "超大") == nullptr);
}
