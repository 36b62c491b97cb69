#include "core/content.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

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

const TaskTile* Content::task(const std::string& id) const {
    for (const auto& t : tasks)
        if (t.id == id) return &t;
    return nullptr;
}

const std::vector<std::string>& known_icons() {
    static const std::vector<std::string> kIcons = {"bus", "hospital", "health_code", "payment", "shield"};
    return kIcons;
}

std::optional<std::string> read_text_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::vector<TaskTile> parse_task_index(const std::string& text, const std::string& file,
                                       std::vector<std::string>& problems) {
    std::vector<TaskTile> tasks;
    const json j = parse_or_report(text, file, problems);
    if (j.is_discarded()) return tasks;
    auto list = j.find("guides");
    if (!j.is_object() || list == j.end() || !list->is_array()) {
        problems.push_back(file + ": 'guides' must be a list");
        return tasks;
    }
    for (size_t i = 0; i < list->size(); ++i) {
        const json& item = (*list)[i];
        const std::string where = file + ": guides[" + std::to_string(i) + "]";
        if (!item.is_object()) { problems.push_back(where + ": must be an object"); continue; }
        TaskTile t;
        bool ok = read_string(item, "id", t.id, where, problems);
        ok = read_string(item, "title", t.title, where, problems) && ok;
        ok = read_string(item, "subtitle", t.subtitle, where, problems) && ok;
        ok = read_string(item, "summary", t.summary, where, problems) && ok;
        ok = read_string(item, "icon", t.icon, where, problems) && ok;
        if (!ok) continue;
        if (std::find(known_icons().begin(), known_icons().end(), t.icon) == known_icons().end()) {
            problems.push_back(where + ": 'icon' \"" + t.icon + "\" is not one of the known icons");
            continue;
        }
        const bool duplicate = std::any_of(tasks.begin(), tasks.end(), [&](const TaskTile& o) { return o.id == t.id; });
        if (duplicate) { problems.push_back(where + ": 'id' \"" + t.id + "\" is used twice"); continue; }
        tasks.push_back(std::move(t));
    }
    return tasks;
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
    return config;
}

Content load_content(const std::string& root, const std::string& lang) {
    Content c;
    auto load = [&](const std::string& rel) -> std::optional<std::string> {
        auto text = read_text_file(root + "/" + rel);
        if (!text) c.problems.push_back(rel + ": file is missing");
        return text;
    };
    const std::string strings_file = "i18n/" + lang + ".json";
    if (auto text = load(strings_file)) {
        auto problems = c.strings.load(*text, strings_file);
        c.problems.insert(c.problems.end(), problems.begin(), problems.end());
    }
    if (auto text = load("config.json")) c.config = parse_config(*text, "config.json", c.problems);
    if (auto text = load("guides/index.json")) c.tasks = parse_task_index(*text, "guides/index.json", c.problems);
    return c;
}

}  // namespace anxin
