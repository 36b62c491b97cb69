// The guides that call-back requests and reports may name, and their titles for the
// console: the shipped guides at start (or the newest published version), then each
// version an author publishes. A guide once known stays nameable: an app may still show
// an older version (offline, or in the middle of a guide). Classes start only on guides
// of the newest version. Read by many request threads, changed by a publish.
#pragma once
#include <algorithm>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/content.h"

namespace anxin::server {

class GuideCatalog {
public:
    void set(const Content& content) {
        std::vector<std::string> ids;
        std::map<std::string, int> steps;
        nlohmann::json guides = nlohmann::json::array();
        for (const Guide& g : content.guides) {
            nlohmann::json titles = nlohmann::json::array();
            for (const GuideStep& s : g.steps) titles.push_back(s.title);
            guides.push_back({{"id", g.id}, {"title", g.title}, {"steps", titles}});
            ids.push_back(g.id);
            steps[g.id] = int(g.steps.size());
        }
        std::lock_guard<std::mutex> lock(mu_);
        for (const std::string& id : ids)
            if (std::find(ids_.begin(), ids_.end(), id) == ids_.end()) ids_.push_back(id);
        steps_ = std::move(steps);
        json_ = nlohmann::json{{"guides", guides}}.dump();
    }
    std::vector<std::string> ids() const { std::lock_guard<std::mutex> lock(mu_); return ids_; }  // every guide ever known
    std::string json() const { std::lock_guard<std::mutex> lock(mu_); return json_; }
    int steps(const std::string& id) const {  // 0: not a guide
        std::lock_guard<std::mutex> lock(mu_);
        auto it = steps_.find(id);
        return it == steps_.end() ? 0 : it->second;
    }

private:
    mutable std::mutex mu_;
    std::vector<std::string> ids_;
    std::map<std::string, int> steps_;
    std::string json_ = R"({"guides":[]})";
};

}  // namespace anxin::server
