#include "core/content.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <nlohmann/json.hpp>

#include "core/settings.h"

namespace anxin {
namespace {

using nlohmann::json;

// Reads a required non-empty string field; records a problem naming file and field otherwise.
bool read_string(const json& obj, const char* key, std::string& out, const std::string& where,
                 std::vector<std::string>& problems, bool required = true) {
    auto it = obj.find(key);
    if (it == obj.end() || (it->is_string() && it->get_ref<const std::string&>().empty())) {
        if (required) problems.push_back(where + ": '" + key + "' is missing");
        return !required;
    }
    if (!it->is_string()) {
        problems.push_back(where + ": '" + key + "' must be text");
        return false;
    }
    out = it->get<std::string>();
    return true;
}

json parse_or_report(const std::string& text, const std::string& file, std::vector<std::string>& problems) {
    json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) problems.push_back(file + ": not valid JSON");
    return j;
}

}  // namespace

const Guide* Content::guide(const std::string& id) const {
    for (const auto& g : guides)
        if (g.id == id) return &g;
    return nullptr;
}

const GuideGroup* Content::group(const std::string& id) const {
    for (const auto& g : groups)
        if (g.id == id) return &g;
    return nullptr;
}

const GuideGroup* Content::group_of(const std::string& guide_id) const {
    for (const auto& g : groups)
        if (std::find(g.guides.begin(), g.guides.end(), guide_id) != g.guides.end()) return &g;
    return nullptr;
}

const std::vector<std::string>& known_icons() {
    static const std::vector<std::string> kIcons = {"bus",   "hospital", "health_code", "payment",   "shield", "phone", "video",
                                                    "car",   "money",    "pension",     "text_size", "pill",   "wifi",  "food",
                                                    "mobile"};
    return kIcons;
}

// One read of the whole file: in the browser every read is a call into the JS file
// system, and streaming through iostreams made loading content ~30 ms slower.
std::optional<std::string> read_text_file(const std::string& path) {
    std::unique_ptr<FILE, int (*)(FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
    if (!f) return std::nullopt;
    if (std::fseek(f.get(), 0, SEEK_END) != 0) return std::nullopt;
    const long size = std::ftell(f.get());
    if (size < 0 || std::fseek(f.get(), 0, SEEK_SET) != 0) return std::nullopt;
    std::string text(size_t(size), '\0');
    if (size > 0 && std::fread(text.data(), 1, text.size(), f.get()) != text.size()) return std::nullopt;
    return text;
}

namespace {

// A list of guide ids at obj["guides"]; each id once in the whole index (`seen`).
void read_guide_ids(const json& obj, const std::string& where, std::vector<std::string>& seen, std::vector<std::string>& out,
                    std::vector<std::string>& problems) {
    auto list = obj.find("guides");
    if (list == obj.end() || !list->is_array()) {
        problems.push_back(where + ": 'guides' must be a list of guide ids");
        return;
    }
    for (size_t i = 0; i < list->size(); ++i) {
        const json& item = (*list)[i];
        const std::string at = where + ": guides[" + std::to_string(i) + "]";
        if (!item.is_string() || item.get_ref<const std::string&>().empty()) { problems.push_back(at + ": must be a guide id"); continue; }
        const std::string id = item.get<std::string>();
        if (id.find_first_of("/\\.") != std::string::npos) { problems.push_back(at + ": '" + id + "' is not a plain id"); continue; }
        if (std::find(seen.begin(), seen.end(), id) != seen.end()) { problems.push_back(at + ": '" + id + "' is listed twice"); continue; }
        seen.push_back(id);
        out.push_back(id);
    }
}

}  // namespace

GuideIndex parse_guide_index(const std::string& text, const std::string& file, std::vector<std::string>& problems) {
    GuideIndex index;
    const json j = parse_or_report(text, file, problems);
    if (j.is_discarded()) return index;
    if (!j.is_object()) {
        problems.push_back(file + ": must be {\"groups\": [...]} or {\"guides\": [...]}");
        return index;
    }
    auto groups = j.find("groups");
    if (groups == j.end()) {
        std::vector<std::string> ids;
        read_guide_ids(j, file, index.ids, ids, problems);
        return index;
    }
    if (!groups->is_array()) {
        problems.push_back(file + ": 'groups' must be a list of {id, title, subtitle, icon, guides}");
        return index;
    }
    for (size_t i = 0; i < groups->size(); ++i) {
        const json& item = (*groups)[i];
        const std::string where = file + ": groups[" + std::to_string(i) + "]";
        if (!item.is_object()) { problems.push_back(where + ": must be {id, title, subtitle, icon, guides}"); continue; }
        GuideGroup g;
        bool ok = read_string(item, "id", g.id, where, problems) & read_string(item, "title", g.title, where, problems);
        read_string(item, "subtitle", g.subtitle, where, problems, /*required=*/false);
        read_string(item, "icon", g.icon, where, problems, /*required=*/false);
        if (char_count(g.title) > 6) { problems.push_back(where + ": 'title' is longer than 6 characters"); ok = false; }
        if (char_count(g.subtitle) > 16) { problems.push_back(where + ": 'subtitle' is longer than 16 characters"); ok = false; }
        if (!g.icon.empty() && std::find(known_icons().begin(), known_icons().end(), g.icon) == known_icons().end())
            problems.push_back(where + ": 'icon' '" + g.icon + "' is not one of the known icons");
        for (const GuideGroup& other : index.groups)
            if (other.id == g.id) { problems.push_back(where + ": id '" + g.id + "' is used by another group"); ok = false; }
        read_guide_ids(item, where, index.ids, g.guides, problems);
        if (ok && !g.guides.empty()) index.groups.push_back(std::move(g));
    }
    return index;
}

DeploymentConfig parse_config(const std::string& text, const std::string& file, std::vector<std::string>& problems) {
    DeploymentConfig config;
    const json j = parse_or_report(text, file, problems);
    if (j.is_discarded()) return config;
    auto hotline = j.find("hotline");
    if (!j.is_object() || hotline == j.end() || !hotline->is_object()) {
        problems.push_back(file + ": 'hotline' must be an object with 'number' and 'name'");
        return config;
    }
    std::string number;
    if (read_string(*hotline, "number", number, file + ": hotline", problems)) {
        if (is_valid_phone_number(number)) config.hotline_number = number;
        else problems.push_back(file + ": hotline: 'number' \"" + number + "\" is not a phone number");
    }
    read_string(*hotline, "name", config.hotline_name, file + ": hotline", problems, /*required=*/false);
    if (auto callback = j.find("callback"); callback != j.end()) {
        std::string from;
        if (!callback->is_object()) problems.push_back(file + ": 'callback' must be an object with 'number'");
        else if (read_string(*callback, "number", from, file + ": callback", problems)) {
            if (is_valid_phone_number(from)) config.callback_number = from;
            else problems.push_back(file + ": callback: 'number' \"" + from + "\" is not a phone number");
        }
    }
    return config;
}

Content load_home_content(const std::string& root, const std::string& lang) {
    Content c;
    const std::string strings_file = "i18n/" + lang + ".json";
    auto strings = read_text_file(root + "/" + strings_file);
    auto config = read_text_file(root + "/config.json");
    auto index = read_text_file(root + "/guides/index.json");
    auto tiles = read_text_file(root + "/guides/tiles.json");
    if (!strings || !config || !index || !tiles) return load_content(root, lang);
    std::vector<std::string> problems;
    GuideIndex parsed = parse_guide_index(*index, "guides/index.json", problems);
    const std::vector<std::string>& ids = parsed.ids;
    const json t = json::parse(*tiles, nullptr, false);
    if (!t.is_object() || !t.contains("tiles") || !t["tiles"].is_array() || t["tiles"].size() != ids.size())
        return load_content(root, lang);  // a guide is broken or the file is stale: the full loader tells which
    for (size_t i = 0; i < ids.size(); ++i) {
        const json& tile = t["tiles"][i];
        Guide g;
        g.id = tile.value("id", "");
        g.title = tile.value("title", "");
        g.subtitle = tile.value("subtitle", "");
        g.icon = tile.value("icon", "");
        if (g.id != ids[i] || g.title.empty()) return load_content(root, lang);
        c.guides.push_back(std::move(g));
    }
    c.problems = c.strings.load(*strings, strings_file);
    c.config = parse_config(*config, "config.json", c.problems);
    c.problems.insert(c.problems.end(), problems.begin(), problems.end());
    c.groups = std::move(parsed.groups);
    c.complete = false;
    return c;
}

Content load_content(const std::string& root, const std::string& lang) {
    return load_content_from([&root](const std::string& rel) { return read_text_file(root + "/" + rel); }, lang);
}

Content load_content_from(const ContentReader& read, const std::string& lang) {
    Content c;
    auto load = [&](const std::string& rel) -> std::optional<std::string> {
        auto text = read(rel);
        if (!text) c.problems.push_back(rel + ": file is missing");
        return text;
    };
    const std::string strings_file = "i18n/" + lang + ".json";
    if (auto text = load(strings_file)) {
        auto problems = c.strings.load(*text, strings_file);
        c.problems.insert(c.problems.end(), problems.begin(), problems.end());
    }
    if (auto text = load("config.json")) c.config = parse_config(*text, "config.json", c.problems);
    if (auto text = load("glossary.json")) c.glossary = parse_glossary(*text, "glossary.json", c.problems);
    GuideIndex index;
    if (auto text = load("guides/index.json")) index = parse_guide_index(*text, "guides/index.json", c.problems);
    for (const auto& id : index.ids) {
        const std::string file = "guides/" + id + ".json";
        auto text = load(file);
        Guide g;
        if (text && parse_guide(*text, file, c.glossary, known_icons(), g, c.problems)) {
            if (g.id == id) c.guides.push_back(std::move(g));
            else { c.problems.push_back(file + ": 'id' is '" + g.id + "' but the file is listed as '" + id + "'"); ++c.guides_rejected; }
        } else {
            ++c.guides_rejected;
        }
    }
    // Groups hold only guides that loaded; a link to another guide must lead somewhere.
    for (GuideGroup& group : index.groups) {
        group.guides.erase(std::remove_if(group.guides.begin(), group.guides.end(), [&](const std::string& id) { return !c.guide(id); }),
                           group.guides.end());
        if (!group.guides.empty()) c.groups.push_back(std::move(group));
    }
    for (Guide& g : c.guides)
        for (size_t i = 0; i < g.steps.size(); ++i) {
            std::string& see = g.steps[i].see;
            if (see.empty() || (see != g.id && c.guide(see))) continue;
            c.problems.push_back("guides/" + g.id + ".json: step " + std::to_string(i + 1) + " (" + g.steps[i].title + "): 'see' '" + see +
                                 (see == g.id ? "' is this guide itself" : "' is not a guide in guides/index.json"));
            see.clear();
        }
    return c;
}

std::string guide_source_note(const Guide& g, const Strings& str) {
    auto month = [](const std::string& ym) {  // "2026-11" -> "2026 年 11 月"
        return ym.size() == 7 ? ym.substr(0, 4) + " 年 " + std::to_string(std::atoi(ym.c_str() + 5)) + " 月" : ym;
    };
    std::string note = str.format("guide.app_note", {{"app", g.app}, {"month", month(g.written)}});
    if (!g.verified.by.empty())
        note += str.format("guide.verified_note", {{"by", g.verified.by}, {"date", g.verified.date}, {"phone", g.verified.phone},
                                                   {"app", g.app}, {"version", g.verified.app_version}});
    return note;
}

}  // namespace anxin
