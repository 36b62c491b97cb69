#include "core/handout.h"

#include <nlohmann/json.hpp>

namespace anxin {

std::string picture_description(const PhoneScreen& screen, const Strings& str) {
    std::string d = str.format("step.picture", {{"title", screen.title.empty() ? str.get("step.picture_untitled") : screen.title}});
    if (const ScreenElement* t = screen.target.empty() ? nullptr : screen.find(screen.target))
        d += str.format("step.picture_target", {{"label", element_label(*t)}});
    return d;
}

std::string handout_document(const Guide& g, const Glossary& glossary, const Strings& str, const std::string& link) {
    using nlohmann::json;
    json steps = json::array();
    const std::string total = std::to_string(g.steps.size());
    for (size_t i = 0; i < g.steps.size(); ++i) {
        const GuideStep& st = g.steps[i];
        json terms = json::array(), tips = json::array();
        for (const std::string& term : st.terms) {
            auto it = glossary.find(term);
            if (it != glossary.end()) terms.push_back(str.format("step.term_answer", {{"term", term}, {"text", it->second}}));
        }
        for (const std::string& tip : st.tips) tips.push_back(str.get("step.tip") + tip);
        steps.push_back({{"heading", str.format("handout.step", {{"n", std::to_string(i + 1)}, {"total", total}, {"title", st.title}})},
                         {"text", st.text},
                         {"warning", st.warning.empty() ? std::string() : str.get("step.warning") + st.warning},
                         {"terms", terms},
                         {"tips", tips},
                         {"picture", st.has_screen ? picture_description(st.screen, str) : std::string()}});
    }
    const json doc = {{"lang", str.lang()},
                      {"title", str.format("handout.title", {{"guide", g.title}})},
                      {"summary", g.summary},
                      {"app_note", guide_source_note(g, str)},
                      {"link", link},
                      {"qr", str.format("handout.qr", {{"guide", g.title}})},
                      {"qr_name", str.get("handout.qr_name")},
                      {"print", str.get("handout.print")},
                      {"steps", steps}};
    return doc.dump();
}

}  // namespace anxin
