#include "core/setup_link.h"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "core/checksum.h"

namespace anxin {
namespace {

using nlohmann::json;
constexpr std::string_view kPrefix = "setup=";
constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string hex8(uint32_t v) {
    char buf[9];
    std::snprintf(buf, sizeof buf, "%08x", v);
    return buf;
}

// Reads the fields of a version 1 payload; every one is checked like the family page's inputs.
SetupDecode read_payload(const json& j) {
    SetupDecode out;
    auto fail = [&](SetupLinkError e, const std::string& why) {
        out.error = e;
        out.detail = why;
        return out;
    };
    if (!j.is_object()) return fail(SetupLinkError::Damaged, "payload is not an object");
    for (const char* key : {"f", "t", "c", "v", "r", "l", "s", "h", "hn", "p", "g", "n"})
        if (!j.contains(key)) return fail(SetupLinkError::Damaged, std::string("missing '") + key + "'");

    auto small_int = [&](const char* key, int max, int& v) {
        const json& x = j[key];
        if (!x.is_number_integer() || x.get<int64_t>() < 0 || x.get<int64_t>() > max) return false;
        v = int(x.get<int64_t>());
        return true;
    };
    auto text = [&](const char* key, size_t max_chars, std::string& v) {
        const json& x = j[key];
        if (!x.is_string()) return false;
        v = x.get<std::string>();
        return v.empty() || is_clean_text(v, max_chars);
    };
    Settings& s = out.setup.settings;
    int t, c, v, r, l, sr;
    if (!small_int("t", kTextSizeCount - 1, t)) return fail(SetupLinkError::BadValue, "text size");
    if (!small_int("c", 1, c)) return fail(SetupLinkError::BadValue, "colours");
    if (!small_int("v", 1, v)) return fail(SetupLinkError::BadValue, "voice on");
    if (!small_int("r", 2, r)) return fail(SetupLinkError::BadValue, "pace");
    if (!small_int("l", 1, l)) return fail(SetupLinkError::BadValue, "voice language");
    if (!small_int("s", 1, sr)) return fail(SetupLinkError::BadValue, "screen reader");
    s.text_size = TextSize(t);
    s.theme = ThemeId(c);
    s.voice_on = v == 1;
    s.speech_rate = SpeechRate(r);
    s.voice_lang = VoiceLang(l);
    s.screen_reader = sr == 1;
    if (!text("f", kMaxNameChars, out.setup.from)) return fail(SetupLinkError::BadValue, "sender name");
    if (!j["h"].is_string() || (!j["h"].get_ref<const std::string&>().empty() && !is_valid_phone_number(j["h"].get<std::string>())))
        return fail(SetupLinkError::BadValue, "hotline number");
    s.hotline = j["h"].get<std::string>();
    if (!text("hn", kMaxNameChars, s.hotline_name)) return fail(SetupLinkError::BadValue, "hotline name");
    if (!text("n", kMaxNoteChars, s.home_note)) return fail(SetupLinkError::BadValue, "note");

    const json& p = j["p"];
    if (!p.is_array() || p.size() > kMaxFamilyContacts) return fail(SetupLinkError::BadValue, "contacts");
    for (const json& entry : p) {
        if (!entry.is_array() || entry.size() != 2 || !entry[0].is_string() || !entry[1].is_string())
            return fail(SetupLinkError::BadValue, "contact");
        FamilyContact fc{entry[0].get<std::string>(), entry[1].get<std::string>()};
        if (!is_clean_text(fc.name, kMaxNameChars)) return fail(SetupLinkError::BadValue, "contact name");
        if (!is_valid_phone_number(fc.number)) return fail(SetupLinkError::BadValue, "contact number");
        for (const auto& other : s.contacts)
            if (other.name == fc.name || other.number == fc.number) return fail(SetupLinkError::BadValue, "contact listed twice");
        s.contacts.push_back(std::move(fc));
    }
    const json& g = j["g"];
    if (!g.is_array() || g.size() > kMaxGuideOrder) return fail(SetupLinkError::BadValue, "guides");
    for (const json& id : g) {
        if (!id.is_string() || !is_valid_guide_id(id.get<std::string>())) return fail(SetupLinkError::BadValue, "guide id");
        if (std::find(s.guide_order.begin(), s.guide_order.end(), id.get<std::string>()) != s.guide_order.end())
            return fail(SetupLinkError::BadValue, "guide listed twice");
        s.guide_order.push_back(id.get<std::string>());
    }
    return out;
}

}  // namespace

//-----------------------------------------------------------------------------
// base64url
//-----------------------------------------------------------------------------

std::string base64url_encode(std::string_view bytes) {
    std::string out;
    uint32_t acc = 0;
    int bits = 0;
    for (unsigned char b : bytes) {
        acc = (acc << 8) | b;
        bits += 8;
        while (bits >= 6) {
            bits -= 6;
            out += kAlphabet[(acc >> bits) & 63];
        }
    }
    if (bits > 0) out += kAlphabet[(acc << (6 - bits)) & 63];
    return out;
}

bool base64url_decode(std::string_view text, std::string& out) {
    out.clear();
    if (text.size() % 4 == 1) return false;  // no byte ends there
    uint32_t acc = 0;
    int bits = 0;
    for (char ch : text) {
        const char* at = std::find(kAlphabet, kAlphabet + 64, ch);
        if (at == kAlphabet + 64) return false;
        acc = (acc << 6) | uint32_t(at - kAlphabet);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += char((acc >> bits) & 0xFF);
        }
    }
    return (acc & ((1u << bits) - 1)) == 0;  // unused trailing bits must be zero (one spelling per link)
}

//-----------------------------------------------------------------------------
// Link
//-----------------------------------------------------------------------------

bool is_setup_fragment(std::string_view f) {
    if (!f.empty() && f[0] == '#') f.remove_prefix(1);
    return f.substr(0, kPrefix.size()) == kPrefix;
}

std::string encode_setup(const Setup& setup) {
    const Settings& s = setup.settings;
    json contacts = json::array();
    for (const auto& c : s.contacts) contacts.push_back({c.name, c.number});
    const json j = {{"f", setup.from},          {"t", int(s.text_size)},    {"c", int(s.theme)},
                    {"v", s.voice_on ? 1 : 0},  {"r", int(s.speech_rate)},  {"l", int(s.voice_lang)},
                    {"s", s.screen_reader ? 1 : 0}, {"h", s.hotline},       {"hn", s.hotline_name},
                    {"p", contacts},            {"g", s.guide_order},       {"n", s.home_note}};
    const std::string payload = base64url_encode(j.dump(-1, ' ', false, json::error_handler_t::replace));
    return std::string(kPrefix) + std::to_string(kSetupLinkVersion) + "." + payload + "." + hex8(fnv1a32(payload));
}

SetupDecode decode_setup(std::string_view f) {
    SetupDecode out;
    auto fail = [&](SetupLinkError e, const std::string& why) {
        out.error = e;
        out.detail = why;
        return out;
    };
    if (!f.empty() && f[0] == '#') f.remove_prefix(1);
    if (f.size() > kMaxSetupLinkChars) return fail(SetupLinkError::TooLong, "longer than " + std::to_string(kMaxSetupLinkChars));
    if (!is_setup_fragment(f)) return fail(SetupLinkError::Damaged, "not a setup link");
    f.remove_prefix(kPrefix.size());
    const size_t dot = f.find('.');
    const std::string_view version = f.substr(0, dot);
    if (dot == std::string_view::npos || version.empty() || version.size() > 4 ||
        !std::all_of(version.begin(), version.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return fail(SetupLinkError::Damaged, "no version");
    const int v = std::stoi(std::string(version));
    if (v > kSetupLinkVersion) return fail(SetupLinkError::NewerVersion, "version " + std::string(version));
    if (v != kSetupLinkVersion) return fail(SetupLinkError::Damaged, "version " + std::string(version));
    const std::string_view rest = f.substr(dot + 1);
    const size_t last = rest.rfind('.');
    if (last == std::string_view::npos) return fail(SetupLinkError::Damaged, "no check");
    const std::string_view payload = rest.substr(0, last), check = rest.substr(last + 1);
    if (check != hex8(fnv1a32(payload))) return fail(SetupLinkError::Damaged, "check does not match (cut short or edited)");
    std::string bytes;
    if (!base64url_decode(payload, bytes)) return fail(SetupLinkError::Damaged, "payload is not base64url");
    const json j = json::parse(bytes, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) return fail(SetupLinkError::Damaged, "payload is not JSON");
    return read_payload(j);
}

const char* setup_error_key(SetupLinkError e) {
    switch (e) {
        case SetupLinkError::None: return "";
        case SetupLinkError::NewerVersion: return "setup.error.newer";
        case SetupLinkError::BadValue: return "setup.error.bad_value";
        case SetupLinkError::Damaged:
        case SetupLinkError::TooLong: break;
    }
    return "setup.error.damaged";
}

//-----------------------------------------------------------------------------
// Plain words for the senior
//-----------------------------------------------------------------------------

std::string describe_setup(const Settings& before, const Setup& setup, const Strings& str) {
    const Settings& after = setup.settings;
    std::vector<std::string> changes;
    auto add = [&](const char* key) { changes.push_back(str.get(key)); };
    if (after.text_size != before.text_size) add(after.text_size > before.text_size ? "setup.change.bigger" : "setup.change.smaller");
    if (after.theme != before.theme) add(after.theme == ThemeId::DarkHighContrast ? "setup.change.dark" : "setup.change.light");
    if (after.voice_on != before.voice_on) add(after.voice_on ? "setup.change.voice_on" : "setup.change.voice_off");
    // SpeechRate counts up from very slow: a smaller value is slower.
    if (after.speech_rate != before.speech_rate) add(after.speech_rate < before.speech_rate ? "setup.change.slower" : "setup.change.faster");
    if (after.voice_lang != before.voice_lang) add(after.voice_lang == VoiceLang::Cantonese ? "setup.change.cantonese" : "setup.change.mandarin");
    if (after.screen_reader != before.screen_reader) add(after.screen_reader ? "setup.change.reader_on" : "setup.change.reader_off");
    if (after.contacts != before.contacts) {
        std::string names;
        for (const auto& c : after.contacts) names += (names.empty() ? "" : "、") + c.name;
        if (after.contacts.empty()) add("setup.change.contacts_removed");
        else changes.push_back(str.format("setup.change.calls_first", {{"names", names}}));
    }
    if (after.hotline != before.hotline || after.hotline_name != before.hotline_name) {
        if (after.hotline.empty()) add("setup.change.hotline_default");
        else if (after.hotline_name.empty()) changes.push_back(str.format("setup.change.hotline", {{"number", after.hotline}}));
        else changes.push_back(str.format("setup.change.hotline_named", {{"number", after.hotline}, {"name", after.hotline_name}}));
    }
    if (after.guide_order != before.guide_order) add("setup.change.guides");
    if (after.home_note != before.home_note) {
        if (after.home_note.empty()) add("setup.change.note_removed");
        else changes.push_back(str.format("setup.change.note", {{"note", after.home_note}}));
    }
    const std::string from = setup.from.empty() ? str.get("setup.someone") : setup.from;
    if (changes.empty()) return str.format("setup.same", {{"from", from}});
    std::string list;
    for (const auto& c : changes) list += (list.empty() ? "" : "，") + c;
    return str.format("setup.summary", {{"from", from}, {"changes", list}});
}

}  // namespace anxin
