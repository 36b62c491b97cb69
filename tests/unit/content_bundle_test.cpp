#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "core/content_bundle.h"

using namespace anxin;
using nlohmann::json;

namespace {
const std::string kAssets = std::string(ANXIN_SOURCE_DIR) + "/assets";
}

TEST_CASE("the shipped assets make a bundle that loads to the same guides") {
    std::vector<std::string> problems;
    const std::string text = content_bundle_from_assets(kAssets, 1, problems);
    CHECK(problems.empty());
    const LoadedBundle b = load_content_bundle(text, kAssets);
    REQUIRE(b.ok);
    CHECK(b.version == 1);
    const Content shipped = load_content(kAssets);
    REQUIRE(b.content.guides.size() == shipped.guides.size());
    for (size_t i = 0; i < shipped.guides.size(); ++i) CHECK(b.content.guides[i].id == shipped.guides[i].id);
    CHECK(b.content.groups.size() == shipped.groups.size());
    CHECK(b.content.strings.get("help.button") == "找人帮忙");  // the app's own strings
    CHECK(text.size() < BundleLimits::kMaxBytes);
}

TEST_CASE("a changed step is in the loaded bundle") {
    std::vector<std::string> problems;
    json j = json::parse(content_bundle_from_assets(kAssets, 1, problems));
    j["version"] = 2;
    j["files"]["guides/bus-qr.json"]["steps"][0]["text"] = "新的说法：先打开支付宝。";
    const LoadedBundle b = load_content_bundle(j.dump(), kAssets);
    REQUIRE(b.ok);
    CHECK(b.version == 2);
    CHECK(b.content.guide("bus-qr")->steps[0].text == "新的说法：先打开支付宝。");
}

TEST_CASE("a bundle with any broken guide is refused whole, with the validator's words") {
    std::vector<std::string> problems;
    const json good = json::parse(content_bundle_from_assets(kAssets, 3, problems));
    struct Case { const char* what; std::function<void(json&)> change; std::string expected; };
    const Case cases[] = {
        {"a step too long", [](json& j) { j["files"]["guides/bus-qr.json"]["steps"][0]["text"] = std::string(3 * 130, 'x'); },
         "guides/bus-qr.json: step 1"},
        {"a guide missing", [](json& j) { j["files"].erase("guides/taxi.json"); }, "guides/taxi.json: file is missing"},
        {"no version", [](json& j) { j.erase("version"); }, "the content must be {\"version\": N, \"files\": {...}}"},
        {"files not an object", [](json& j) { j["files"] = json::array(); }, "the content must be {\"version\": N, \"files\": {...}}"},
        {"a bad index", [](json& j) { j["files"]["guides/index.json"] = json::array(); }, "guides/index.json: must be"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.what);
        json j = good;
        c.change(j);
        const LoadedBundle b = load_content_bundle(j.dump(), kAssets);
        CHECK_FALSE(b.ok);
        REQUIRE_FALSE(b.problems.empty());
        CHECK(b.problems[0].rfind(c.expected, 0) == 0);
    }
    CHECK_FALSE(load_content_bundle("{\"version\": 1, \"files\": ", kAssets).ok);
    CHECK(load_content_bundle(std::string(BundleLimits::kMaxBytes + 1, ' '), kAssets).problems.at(0).find("at most") != std::string::npos);
}
