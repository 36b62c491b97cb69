// Guides published on the help server: fetched in the background, checked, kept for
// offline use, and shown from the next home screen — never in the middle of a guide.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "core/content_bundle.h"
#include "ui/ui_harness.h"

using namespace anxin;
using anxin::test::UiHarness;
using nlohmann::json;

namespace {

const std::string kAssets = test::stage_dir() + "/assets";

// The shipped guides as version `version`, with 坐公交地铁's first step said differently.
std::string published(int version, const std::string& first_step_text) {
    std::vector<std::string> problems;
    json b = json::parse(content_bundle_from_assets(kAssets, version, problems));
    b["files"]["guides/bus-qr.json"]["steps"][0]["text"] = first_step_text;
    return b.dump();
}

void serve_content(UiHarness& ui, const std::string& bundle, int version) {
    ui.network.auto_answer = [bundle, version](const test::FakeNetwork::Call& c) -> std::optional<HttpResponse> {
        if (c.path.rfind("/api/content", 0) != 0) return std::nullopt;
        if (c.path == "/api/content?have=" + std::to_string(version)) return HttpResponse{304, ""};
        return HttpResponse{200, bundle};
    };
}

int content_calls(const UiHarness& ui) {
    int n = 0;
    for (const auto& c : ui.network.calls) n += c.path.rfind("/api/content", 0) == 0;
    return n;
}

}  // namespace

TEST_CASE("a fixed step reaches an app that is open: not in the middle of the guide, but from the next home screen") {
    UiHarness ui(390, 844);
    const std::string old_text = ui.app->state().content.guide("bus-qr")->steps[0].text;
    ui.open_guide("坐公交地铁");
    ui.press(Role::Button, "开始学习");
    serve_content(ui, published(2, "新的说法：在手机上找到支付宝，点一下。"), 2);
    ui.app->follow_published_content(kAssets);
    ui.settle();
    CHECK(content_calls(ui) == 1);
    CHECK(ui.network.calls.back().path == "/api/content?have=0");
    CHECK(ui.has(Role::Text, old_text));  // the person is in the middle of it: nothing changes under them
    ui.press(Role::Button, "下一步");
    ui.press(Role::Button, "上一步");
    CHECK(ui.has(Role::Text, old_text));
    ui.press(Role::Button, "回首页");
    CHECK(ui.app->content_version() == 2);
    ui.open_guide("坐公交地铁");
    ui.press(Role::Button, "开始学习");
    CHECK(ui.has(Role::Text, "新的说法：在手机上找到支付宝，点一下。"));

    SUBCASE("kept for offline use: after a reload with no network, the published version is shown") {
        ui.network.auto_answer = nullptr;
        ui.network.offline = true;
        ui.reload();
        ui.app->follow_published_content(kAssets);
        ui.settle();
        CHECK(ui.app->content_version() == 2);
        ui.open_guide("坐公交地铁");
        ui.press(Role::Button, "开始学习");
        CHECK(ui.has(Role::Text, "新的说法：在手机上找到支付宝，点一下。"));
    }
    SUBCASE("the next check says which version the app has, and an unchanged one costs a 304") {
        ui.clock.ms += ContentUpdates::kCheckEveryMs + 1;
        ui.settle();
        CHECK(content_calls(ui) == 2);
        CHECK(ui.network.calls.back().path == "/api/content?have=2");
        CHECK(ui.app->content_version() == 2);
    }
}

TEST_CASE("a published version with a broken guide is not used, and not kept") {
    UiHarness ui(390, 844);
    json bad = json::parse(published(3, "新的说法。"));
    bad["files"]["guides/bus-qr.json"]["steps"][0].erase("title");
    serve_content(ui, bad.dump(), 3);
    ui.app->follow_published_content(kAssets);
    ui.settle();
    ui.press(Role::Button, "设置");
    ui.press(Role::Button, "返回");
    CHECK(ui.app->content_version() == 0);
    CHECK_FALSE(ui.storage.values.count(ContentUpdates::kKey));
    ui.open_guide("坐公交地铁");
    ui.press(Role::Button, "开始学习");
    CHECK_FALSE(ui.has(Role::Text, "新的说法。"));
}

TEST_CASE("no server, or a server that publishes nothing: the bundled guides, and a later try") {
    UiHarness ui(390, 844);
    ui.network.offline = true;
    ui.app->follow_published_content(kAssets);
    ui.settle();
    CHECK(content_calls(ui) == 1);
    CHECK(ui.app->content_version() == 0);
    ui.clock.ms += ContentUpdates::kRetryMs + 1;
    ui.settle();
    CHECK(content_calls(ui) == 2);
    CHECK(ui.has(Role::Button, "出行"));
}
