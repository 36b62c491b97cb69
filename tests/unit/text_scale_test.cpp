#include <doctest/doctest.h>

#include "core/text_scale.h"

using namespace anxin;

TEST_CASE("phones are viewports narrower than 768 CSS px") {
    CHECK(device_class_for_width(360) == DeviceClass::Phone);
    CHECK(device_class_for_width(767) == DeviceClass::Phone);
    CHECK(device_class_for_width(768) == DeviceClass::Wide);
    CHECK(device_class_for_width(1920) == DeviceClass::Wide);
}

TEST_CASE("each text size step is larger than the one before, and headings are larger than body") {
    for (DeviceClass d : {DeviceClass::Phone, DeviceClass::Wide}) {
        float prev = 0;
        for (int s = 0; s < kTextSizeCount; ++s) {
            const TypeScale t = type_scale(d, TextSize(s));
            CHECK(t.body > prev);
            CHECK(t.heading > t.body);
            CHECK(t.huge > t.heading);
            prev = t.body;
        }
    }
}

TEST_CASE("targets are at least 72 px with at least 8 px between them at every size") {
    for (DeviceClass d : {DeviceClass::Phone, DeviceClass::Wide})
        for (int s = 0; s < kTextSizeCount; ++s) {
            const LayoutMetrics m = layout_metrics(d, type_scale(d, TextSize(s)));
            CHECK(m.min_target >= 72);
            CHECK(m.gap >= 8);
        }
}
