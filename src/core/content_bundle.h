// Published content: the guides, their index and the glossary as one JSON bundle,
// served by the help server (GET /api/content) so a fix reaches every app without
// a rebuild.
//
//   {"version": 3, "files": {"guides/index.json": {...}, "glossary.json": {...},
//                            "guides/bus-qr.json": {...}, ...}}
//
// A bundle is loaded by the same loader and validator as the shipped files (UI
// strings and config still come from the app's own assets), and is used only when
// every guide in it passes: a broken bundle never replaces working content.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/content.h"

namespace anxin {

struct BundleLimits {
    static constexpr size_t kMaxBytes = 2 * 1024 * 1024;  // the whole bundle, as text
    static constexpr size_t kMaxGuides = 40;
};

// The bundle's text, from its version and its "files" object (as JSON text): what the server
// stores per version and serves.
std::string content_bundle(int64_t version, const std::string& files);

// The bundle's "files" object as JSON text (index, glossary, every guide the index lists), read
// from an asset folder. `problems` names what could not be read; the files then hold what could.
std::string content_files_from_assets(const std::string& asset_root, std::vector<std::string>& problems);
std::string content_bundle_from_assets(const std::string& asset_root, int version, std::vector<std::string>& problems);

struct LoadedBundle {
    bool ok = false;
    int version = 0;
    Content content;                    // when ok
    std::vector<std::string> problems;  // why not: "guides/x.json: step 3: …", or what is wrong with the bundle itself
};
// Checks a bundle (size, shape, every guide valid) and loads it over the app's strings and
// config from `asset_root`.
LoadedBundle load_content_bundle(const std::string& text, const std::string& asset_root, const std::string& lang = "zh-CN");

}  // namespace anxin
