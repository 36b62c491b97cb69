#include <doctest/doctest.h>

#include "core/navigation.h"

using namespace anxin;

TEST_CASE("back retraces the trail; home clears it; every change bumps the generation") {
    Navigator nav;
    CHECK(nav.current().screen == ScreenId::Home);
    CHECK_FALSE(nav.can_go_back());
    nav.go({ScreenId::Guide, "bus-qr", 0});
    nav.go({ScreenId::Help, {}});
    CHECK(nav.generation() == 2);
    nav.go({ScreenId::Help, {}});  // already there
    CHECK(nav.generation() == 2);
    CHECK(nav.back());
    CHECK(nav.current() == Route{ScreenId::Guide, "bus-qr", 0});
    nav.home();
    CHECK(nav.current().screen == ScreenId::Home);
    CHECK_FALSE(nav.can_go_back());
    CHECK_FALSE(nav.back());
    CHECK(nav.generation() == 4);
}
