#include "core/content_bundle.h"

#include <nlohmann/json.hpp>

namespace anxin {

using nlohmann::json;

std::string content_bundle(int64_t version, const std::string& files) {
    return "{\"version\":" + std::to_string(version) + ",\"files\":" + files + "}";
}

std::string content_files_from_assets(const std::string& root, std::vector<std::string>& problems) {
    json files = json::object();
    auto add = [&](const std::string& rel) -> std::optional<std::string> {
        auto text = read_text_file(root + "/" + rel);
        json j = text ? json::parse(*text, nullptr, false) : json(nullptr);
        if (!text) problems.push_back(rel + ": file is missing");
        else if (j.is_discarded()) problems.push_back(rel + ": not valid JSON");
        else files[rel] = std::move(j);
        return text;
    };
    const auto index = add("guides/index.json");
    add("glossary.json");
    std::vector<std::string> index_problems;  // the loader names them when the bundle is checked
    if (index)
        for (const std::string& id : parse_guide_index(*index, "guides/index.json", index_problems).ids) add("guides/" + id + ".json");
    return files.dump();
}

std::string content_bundle_from_assets(const std::string& root, int version, std::vector<std::string>& problems) {
    return content_bundle(version, content_files_from_assets(root, problems));
}

LoadedBundle load_content_bundle(const std::string& text, const std::string& root, const std::string& lang) {
    LoadedBundle out;
    if (text.size() > BundleLimits::kMaxBytes) {
        out.problems.push_back("the content is " + std::to_string(text.size()) + " bytes; at most " + std::to_string(BundleLimits::kMaxBytes));
        return out;
    }
    const json j = json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
        out.problems.push_back("the content is not valid JSON");
        return out;
    }
    auto version = j.find("version");
    auto files = j.find("files");
    if (version == j.end() || !version->is_number_integer() || version->get<int64_t>() < 1 || version->get<int64_t>() > 1000000000 ||
        files == j.end() || !files->is_object()) {
        out.problems.push_back("the content must be {\"version\": N, \"files\": {...}}");
        return out;
    }
    if (files->size() > BundleLimits::kMaxGuides + 2) {
        out.problems.push_back("the content has " + std::to_string(files->size()) + " files; at most " +
                               std::to_string(BundleLimits::kMaxGuides) + " guides");
        return out;
    }
    out.version = int(version->get<int64_t>());
    // Guides, their index and the glossary from the bundle; strings and config are the app's own.
    auto from_bundle = [&](const std::string& rel) { return rel == "guides/index.json" || rel == "glossary.json" || rel.rfind("guides/", 0) == 0; };
    out.content = load_content_from(
        [&](const std::string& rel) -> std::optional<std::string> {
            if (!from_bundle(rel)) return read_text_file(root + "/" + rel);
            auto f = files->find(rel);
            if (f == files->end()) return std::nullopt;
            return f->dump();
        },
        lang);
    for (const std::string& p : out.content.problems)
        if (p.rfind("i18n/", 0) != 0 && p.rfind("config.json", 0) != 0) out.problems.push_back(p);
    if (out.content.guides.empty() && out.problems.empty()) out.problems.push_back("the content has no guides");
    out.ok = out.problems.empty();
    return out;
}

}  // namespace anxin
