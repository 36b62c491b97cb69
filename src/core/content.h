// The app's content, loaded from the asset folder (the same paths natively
// and in the browser's virtual file system):
//   config.json        — deployment settings (the hotline number)
//   i18n/zh-CN.json    — UI strings
//   glossary.json      — plain explanations of jargon terms
//   guides/index.json  — which guides the home screen shows, in order, in groups (出行, 看病…) or in one list
//   guides/<id>.json   — one guide each (see guide.h)
//   guides/tiles.json  — made at build time: the home tiles, so the first frame need not read every guide
// A bad file never stops the app: what can be read is used, and each problem
// is reported with its file and field.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/guide.h"
#include "core/strings.h"

namespace anxin {

struct DeploymentConfig {
    std::string hotline_number = "12345";
    std::string hotline_name;  // who answers, e.g. "政务服务便民热线"
    std::string callback_number;  // the number helpers call back from, said so a fake caller is spotted ("" = not said)
};

// A group of guides on the home screen ("出行": bus-qr, taxi). Ids of guides that could not be
// loaded are dropped when the content is loaded, and a group left empty is not shown.
struct GuideGroup {
    std::string id, title, subtitle, icon;
    std::vector<std::string> guides;
};

// guides/index.json: either {"guides": [ids]} (one list) or {"groups": [{id, title, subtitle, icon, guides}]}.
struct GuideIndex {
    std::vector<std::string> ids;    // every guide, in order (a group's guides follow the group's)
    std::vector<GuideGroup> groups;  // empty: the home screen shows every guide's tile
};

struct Content {
    Strings strings;
    DeploymentConfig config;
    Glossary glossary;
    std::vector<Guide> guides;          // in home-screen order; only guides that passed validation
    std::vector<GuideGroup> groups;     // the home screen's groups; empty = one list of tiles
    std::vector<std::string> problems;  // "file: field: what is wrong"
    int guides_rejected = 0;            // guide files that could not be shown
    bool complete = true;               // false: only the home tiles are loaded (load_home_content)

    const Guide* guide(const std::string& id) const;
    const GuideGroup* group(const std::string& id) const;
    const GuideGroup* group_of(const std::string& guide_id) const;  // nullptr when not grouped
};

const std::vector<std::string>& known_icons();
std::optional<std::string> read_text_file(const std::string& path);
Content load_content(const std::string& asset_root, const std::string& lang = "zh-CN");
// The same, from any source of files by their path under the asset folder ("guides/index.json"):
// a published content bundle (content_bundle.h) is loaded and checked by exactly this code.
using ContentReader = std::function<std::optional<std::string>(const std::string& rel)>;
Content load_content_from(const ContentReader& read, const std::string& lang = "zh-CN");
// Just enough for the home screen (strings, config, the tiles from guides/tiles.json);
// load_content() afterwards gives the rest. Without a usable tiles file, loads everything.
Content load_home_content(const std::string& asset_root, const std::string& lang = "zh-CN");

// Where a guide's steps come from, as the intro and the handout say it: written from public
// how-tos in a month, and checked on a real phone only when someone recorded that check.
std::string guide_source_note(const Guide& g, const Strings& str);

// Parsers, public so tests can feed them broken text directly.
GuideIndex parse_guide_index(const std::string& text, const std::string& file, std::vector<std::string>& problems);
DeploymentConfig parse_config(const std::string& text, const std::string& file, std::vector<std::string>& problems);

}  // namespace anxin
