// Guide parsing and validation. See guide.h.
//
// [SECTION] Helpers
// [SECTION] Screen elements
// [SECTION] Steps and guides
// [SECTION] Glossary

#include "core/guide.h"

#include <algorithm>
#include <cctype>

#include "core/json_errors.h"
#include "core/utf8.h"

namespace anxin {

//-----------------------------------------------------------------------------
// [SECTION] Helpers
//-----------------------------------------------------------------------------

using nlohmann::json;

size_t char_count(const std::string& s) { return utf8_decode(s).size(); }

namespace {

// Collects problems for one place ("guides/x.json: step 2 (打开支付宝)").
struct Checker {
    std::string where;
    std::vector<std::string>& problems;
    bool ok = true;

    void fail(const std::string& what) {
        problems.push_back(where + ": " + what);
        ok = false;
    }
    // Reads obj[key] as text. Missing and required -> problem. Longer than max_chars -> problem.
    void text(const json& obj, const char* key, std::string& out, bool required, size_t max_chars = 0) {
        auto it = obj.find(key);
        if (it == obj.end() || (it->is_string() && it->get_ref<const std::string&>().empty())) {
            if (required) fail(std::string("'") + key + "' is missing");
            return;
        }
        if (!it->is_string()) { fail(std::string("'") + key + "' must be text"); return; }
        out = it->get<std::string>();
        const size_t n = char_count(out);
        if (max_chars && n > max_chars)
            fail(std::string("'") + key + "' is " + std::to_string(n) + " characters; at most " + std::to_string(max_chars) +
                 " fit on a phone at the largest text size");
    }
    void text_list(const json& obj, const char* key, std::vector<std::string>& out, size_t max_chars) {
        auto it = obj.find(key);
        if (it == obj.end()) return;
        if (!it->is_array()) { fail(std::string("'") + key + "' must be a list of text"); return; }
        for (size_t i = 0; i < it->size(); ++i) {
            const json& v = (*it)[i];
            if (!v.is_string() || v.get_ref<const std::string&>().empty()) {
                fail(std::string("'") + key + "'[" + std::to_string(i) + "] must be text");
                continue;
            }
            if (max_chars && char_count(v.get<std::string>()) > max_chars)
                fail(std::string("'") + key + "'[" + std::to_string(i) + "] is longer than " + std::to_string(max_chars) + " characters");
            out.push_back(v.get<std::string>());
        }
    }
};

//-----------------------------------------------------------------------------
// [SECTION] Screen elements
//-----------------------------------------------------------------------------

const char* const kElementNames[] = {"title_bar", "search", "icon_grid", "button", "list_row", "qr", "text", "toggle", "tab_bar", "card"};

bool element_type_from(const std::string& name, ElementType& out) {
    for (size_t i = 0; i < std::size(kElementNames); ++i)
        if (name == kElementNames[i]) { out = ElementType(i); return true; }
    return false;
}

std::string known_types() {
    std::string all;
    for (const char* n : kElementNames) all += (all.empty() ? "" : ", ") + std::string(n);
    return all;
}

void parse_element(const json& j, Checker& c, const std::string& path, ScreenElement& e, bool is_item) {
    if (!j.is_object()) { c.fail(path + ": must be an object"); return; }
    std::string type;
    if (is_item) e.type = ElementType::Button;  // a grid's or tab bar's items are pressed like buttons
    else {
        auto t = j.find("type");
        if (t == j.end() || !t->is_string()) { c.fail(path + ": 'type' is missing"); return; }
        type = t->get<std::string>();
        if (!element_type_from(type, e.type)) { c.fail(path + ": unknown type '" + type + "' (known: " + known_types() + ")"); return; }
    }
    Checker inner{c.where + ": " + path, c.problems};
    inner.text(j, "id", e.id, false, 40);
    const bool needs_text = is_item || (e.type != ElementType::Qr && e.type != ElementType::IconGrid && e.type != ElementType::TabBar);
    inner.text(j, "text", e.text, needs_text, 40);
    inner.text(j, "detail", e.detail, false, 60);
    inner.text(j, "icon", e.icon, false, 30);
    if (auto on = j.find("on"); on != j.end()) {
        if (on->is_boolean()) e.on = on->get<bool>();
        else inner.fail("'on' must be true or false");
    }
    if (e.type == ElementType::IconGrid || e.type == ElementType::TabBar) {
        auto items = j.find("items");
        if (items == j.end() || !items->is_array() || items->empty()) inner.fail("'items' must be a non-empty list");
        else
            for (size_t i = 0; i < items->size(); ++i) {
                ScreenElement item;
                parse_element((*items)[i], inner, "items[" + std::to_string(i) + "]", item, /*is_item=*/true);
                e.items.push_back(std::move(item));
            }
    }
    if (!inner.ok) c.ok = false;
}

void collect_ids(const std::vector<ScreenElement>& elements, std::vector<std::string>& ids) {
    for (const auto& e : elements) {
        if (!e.id.empty()) ids.push_back(e.id);
        collect_ids(e.items, ids);
    }
}

void collect_labels(const std::vector<ScreenElement>& elements, std::vector<std::string>& labels) {
    for (const auto& e : elements) {
        if (e.type == ElementType::Text) continue;  // read as text, not pressed
        if (e.items.empty()) labels.push_back(element_label(e));
        collect_labels(e.items, labels);
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Steps and guides
//-----------------------------------------------------------------------------

void parse_step(const json& j, size_t index, const std::string& file, const Glossary& glossary, GuideStep& s,
                std::vector<std::string>& problems, bool& ok) {
    std::string label = "step " + std::to_string(index + 1);
    if (j.is_object())
        if (auto t = j.find("title"); t != j.end() && t->is_string()) label += " (" + t->get<std::string>() + ")";
    Checker c{file + ": " + label, problems};
    if (!j.is_object()) { c.fail("must be an object"); ok = false; return; }
    c.text(j, "title", s.title, true, GuideLimits::kTitleChars);
    c.text(j, "text", s.text, true, GuideLimits::kTextChars);
    c.text(j, "speak", s.speak, false, GuideLimits::kSpeakChars);
    if (s.speak.empty()) s.speak = s.text;
    c.text_list(j, "tips", s.tips, GuideLimits::kTipChars);
    c.text(j, "warning", s.warning, false, GuideLimits::kTipChars);
    c.text_list(j, "terms", s.terms, 12);
    c.text(j, "see", s.see, false, 40);
    if (s.see.find_first_of("/\\. ") != std::string::npos) c.fail("'see' '" + s.see + "' is not a guide id");
    for (const auto& term : s.terms) {
        if (!glossary.count(term)) c.fail("term '" + term + "' is not in the glossary (assets/glossary.json)");
        else if (s.text.find(term) == std::string::npos && s.title.find(term) == std::string::npos)
            c.fail("term '" + term + "' does not appear in the step's title or text");
    }
    if (auto scr = j.find("screen"); scr != j.end()) {
        s.has_screen = true;
        if (!scr->is_object()) c.fail("'screen' must be an object");
        else {
            Checker sc{c.where + ": screen", problems};
            sc.text(*scr, "title", s.screen.title, false, 20);
            sc.text(*scr, "target", s.screen.target, false, 40);
            auto els = scr->find("elements");
            if (els == scr->end() || !els->is_array() || els->empty()) sc.fail("'elements' must be a non-empty list");
            else
                for (size_t i = 0; i < els->size(); ++i) {
                    ScreenElement e;
                    parse_element((*els)[i], sc, "elements[" + std::to_string(i) + "]", e, false);
                    s.screen.elements.push_back(std::move(e));
                }
            std::vector<std::string> ids;
            collect_ids(s.screen.elements, ids);
            for (size_t i = 0; i < ids.size(); ++i)
                if (std::count(ids.begin(), ids.end(), ids[i]) > 1 && std::find(ids.begin(), ids.end(), ids[i]) == ids.begin() + long(i))
                    sc.fail("id '" + ids[i] + "' is used by more than one element");
            std::vector<std::string> labels;  // pressable things a screen reader must tell apart
            collect_labels(s.screen.elements, labels);
            for (size_t i = 0; i < labels.size(); ++i)
                if (std::find(labels.begin(), labels.begin() + long(i), labels[i]) == labels.begin() + long(i) &&
                    std::count(labels.begin(), labels.end(), labels[i]) > 1)
                    sc.fail("two elements read the same, '" + labels[i] + "': give them different text");
            for (const std::string& label : labels)  // the step's own buttons are beside the simulated phone
                for (const char* app_button : {"下一步", "上一步", "完成", "找人帮忙", "回首页", "再读一遍", "返回", "朗读"})
                    if (label == app_button)
                        sc.fail("an element reads '" + label + "', like the app's own button beside the phone: "
                                "name it as the phone's app does on this page in other words, e.g. '确定'");
            if (!s.screen.target.empty() && std::find(ids.begin(), ids.end(), s.screen.target) == ids.end())
                sc.fail("'target' '" + s.screen.target + "' is not the id of any element on the screen");
            if (!sc.ok) c.ok = false;
        }
    }
    if (!c.ok) ok = false;
}

}  // namespace

const char* element_type_name(ElementType t) { return kElementNames[int(t)]; }

std::string element_label(const ScreenElement& e) {
    if (e.type == ElementType::Search) return "搜索框：" + e.text;
    if (!e.text.empty()) return e.text;
    if (e.type == ElementType::Qr) return "二维码";
    return e.id;
}

const ScreenElement* PhoneScreen::find(const std::string& id) const {
    std::vector<const std::vector<ScreenElement>*> stack{&elements};
    while (!stack.empty()) {
        const auto* list = stack.back();
        stack.pop_back();
        for (const auto& e : *list) {
            if (e.id == id) return &e;
            stack.push_back(&e.items);
        }
    }
    return nullptr;
}

namespace {
bool is_month(const std::string& s) {  // "2026-11"
    return s.size() == 7 && s[4] == '-' && std::all_of(s.begin(), s.begin() + 4, [](char ch) { return std::isdigit((unsigned char)ch); }) &&
           std::isdigit((unsigned char)s[5]) && std::isdigit((unsigned char)s[6]) && std::stoi(s.substr(5)) >= 1 && std::stoi(s.substr(5)) <= 12;
}
}  // namespace

bool parse_guide(const std::string& text, const std::string& file, const Glossary& glossary,
                 const std::vector<std::string>& known_icons, Guide& g, std::vector<std::string>& problems) {
    std::string error;
    const json j = parse_json_with_position(text, error);
    if (j.is_discarded()) { problems.push_back(file + ": " + error); return false; }
    Checker c{file, problems};
    if (!j.is_object()) { c.fail("must be a JSON object"); return false; }
    c.text(j, "id", g.id, true, 40);
    c.text(j, "title", g.title, true, 10);
    c.text(j, "subtitle", g.subtitle, true, 12);
    c.text(j, "icon", g.icon, true);
    c.text(j, "summary", g.summary, true, GuideLimits::kTextChars);
    c.text(j, "app", g.app, true, 20);
    // What the app may say about where the steps come from: only what is true.
    c.text(j, "written", g.written, true, 7);
    if (!g.written.empty() && !is_month(g.written)) c.fail("'written' must be the month the guide was written, like 2026-11");
    if (j.contains("checked"))
        c.fail("'checked' claims a real-phone check without who, when, which phone and app version: use 'written' for the month, "
               "and 'verified' {by, date, phone, app_version} only for a check someone did");
    if (auto v = j.find("verified"); v != j.end()) {
        if (!v->is_object()) {
            c.fail("'verified' must be {by, date, phone, app_version}");
        } else {
            Checker vc{c.where + ": verified", c.problems};
            vc.text(*v, "by", g.verified.by, true, 16);
            vc.text(*v, "date", g.verified.date, true, 10);
            vc.text(*v, "phone", g.verified.phone, true, 24);
            vc.text(*v, "app_version", g.verified.app_version, true, 16);
            if (!g.verified.date.empty() && !(g.verified.date.size() == 10 && is_month(g.verified.date.substr(0, 7)) &&
                                              g.verified.date[7] == '-' && std::isdigit((unsigned char)g.verified.date[8]) &&
                                              std::isdigit((unsigned char)g.verified.date[9])))
                vc.fail("'date' must be the day of the check, like 2026-12-03");
            c.ok = c.ok && vc.ok;
            if (!vc.ok) g.verified = {};
        }
    }
    c.text(j, "done", g.done, true, GuideLimits::kTextChars);
    if (!g.icon.empty() && std::find(known_icons.begin(), known_icons.end(), g.icon) == known_icons.end())
        c.fail("'icon' '" + g.icon + "' is not one of the known icons");
    auto steps = j.find("steps");
    if (steps == j.end() || !steps->is_array()) { c.fail("'steps' must be a list"); return false; }
    if (steps->size() < GuideLimits::kMinSteps || steps->size() > GuideLimits::kMaxSteps)
        c.fail("has " + std::to_string(steps->size()) + " steps; a guide has " + std::to_string(GuideLimits::kMinSteps) + " to " +
               std::to_string(GuideLimits::kMaxSteps));
    bool ok = c.ok;
    for (size_t i = 0; i < steps->size(); ++i) {
        GuideStep s;
        parse_step((*steps)[i], i, file, glossary, s, problems, ok);
        g.steps.push_back(std::move(s));
    }
    return ok;
}

//-----------------------------------------------------------------------------
// [SECTION] Glossary
//-----------------------------------------------------------------------------

Glossary parse_glossary(const std::string& text, const std::string& file, std::vector<std::string>& problems) {
    Glossary g;
    std::string error;
    const json j = parse_json_with_position(text, error);
    if (j.is_discarded()) { problems.push_back(file + ": " + error); return g; }
    auto terms = j.find("terms");
    if (!j.is_object() || terms == j.end() || !terms->is_object()) {
        problems.push_back(file + ": 'terms' must be an object of \"term\": \"plain explanation\"");
        return g;
    }
    for (auto it = terms->begin(); it != terms->end(); ++it) {
        if (!it.value().is_string() || it.value().get_ref<const std::string&>().empty())
            problems.push_back(file + ": term '" + it.key() + "' needs a plain explanation as text");
        else if (char_count(it.value().get<std::string>()) > GuideLimits::kTextChars)
            problems.push_back(file + ": term '" + it.key() + "' explanation is longer than " + std::to_string(GuideLimits::kTextChars) + " characters");
        else
            g[it.key()] = it.value().get<std::string>();
    }
    return g;
}

}  // namespace anxin
