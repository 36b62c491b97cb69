// The app's content, loaded from the asset folder (the same paths natively
// and in the browser's virtual file system):
//   config.json        — deployment settings (the hotline number)
//   i18n/zh-CN.json    — UI strings
//   guides/index.json  — the tasks on the home screen
// A bad file never stops the app: what can be read is used, and each problem
// is reported with its file and field.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/strings.h"

namespace anxin {

struct TaskTile {
    std::string id;        // stable id, e.g. "bus-qr"
    std::string title;     // short, on the tile: "坐公交地铁"
    std::string subtitle;  // what it helps with: "用手机乘车码"
    std::string summary;   // one or two plain sentences for the task screen
    std::string icon;      // one of known_icons()
};

struct DeploymentConfig {
    std::string hotline_number = "12345";
    std::string hotline_name;  // who answers, e.g. "政务服务便民热线"
};

struct Content {
    Strings strings;
    std::vector<TaskTile> tasks;
    DeploymentConfig config;
    std::vector<std::string> problems;  // "file: field: what is wrong"

    const TaskTile* task(const std::string& id) const;
};

const std::vector<std::string>& known_icons();
std::optional<std::string> read_text_file(const std::string& path);
Content load_content(const std::string& asset_root, const std::string& lang = "zh-CN");

// Parsers, public so tests can feed them broken text directly.
std::vector<TaskTile> parse_task_index(const std::string& text, const std::string& file,
                                       std::vector<std::string>& problems);
DeploymentConfig parse_config(const std::string& text, const std::string& file, std::vector<std::string>& problems);

}  // namespace anxin
