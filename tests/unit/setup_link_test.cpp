#include <doctest/doctest.h>

#include <random>

#include "core/checksum.h"
#include "core/content.h"
#include "core/setup_link.h"

using namespace anxin;

namespace {

// Every field away from its default, with names in Chinese: the longest everyday setup.
Setup full_setup() {
    Setup s;
    s.from = "小芳";
    Settings& x = s.settings;
    x.text_size = TextSize::Largest;
    x.theme = ThemeId::DarkHighContrast;
    x.voice_on = true;
    x.speech_rate = SpeechRate::VerySlow;
    x.voice_lang = VoiceLang::Cantonese;
    x.screen_reader = true;
    x.hotline = "010-12345678";
    x.hotline_name = "幸福里社区服务中心";
    x.contacts = {{"小芳", "13800138000"}, {"大伟", "+86 139-0013-9000"}, {"龚赟阿姨", "021-87654321"}};
    x.guide_order = {"hospital", "bus-qr", "anti-fraud", "health-code", "no-password-pay"};
    x.home_note = "妈，有事先打给我，周末我回来看您。别给陌生人转账！";
    return s;
}

Strings zh() {
    Strings str;
    auto text = read_text_file(std::string(ANXIN_SOURCE_DIR) + "/assets/i18n/zh-CN.json");
    REQUIRE(text);
    str.load(*text, "zh-CN.json");
    return str;
}

}  // namespace

TEST_CASE("a full setup survives the link unchanged, in under 1,000 characters") {
    const Setup s = full_setup();
    const std::string link = "https://anxin.example/#" + encode_setup(s);
    CHECK(link.size() <= kMaxSetupLinkChars);
    MESSAGE("full setup link: " << link.size() << " characters");
    const SetupDecode d = decode_setup(link.substr(link.find('#')));
    REQUIRE_MESSAGE(d.ok(), d.detail);
    CHECK(d.setup.from == s.from);
    CHECK(d.setup.settings == s.settings);
    // Only characters that survive chat apps and QR codes unescaped.
    CHECK(encode_setup(s).find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.=") == std::string::npos);
}

TEST_CASE("defaults and empty fields survive too") {
    const SetupDecode d = decode_setup(encode_setup(Setup{}));
    REQUIRE(d.ok());
    CHECK(d.setup.settings == Settings{});
    CHECK(d.setup.from.empty());
}

TEST_CASE("base64url: round trip of every byte value, strict decoding") {
    std::string bytes;
    for (int i = 0; i < 256; ++i) bytes += char(i);
    for (size_t n = 0; n < 8; ++n) {
        std::string out;
        REQUIRE(base64url_decode(base64url_encode(bytes.substr(0, n)), out));
        CHECK(out == bytes.substr(0, n));
    }
    std::string out;
    REQUIRE(base64url_decode(base64url_encode(bytes), out));
    CHECK(out == bytes);
    CHECK_FALSE(base64url_decode("ab+c", out));   // '+' is plain base64, not base64url
    CHECK_FALSE(base64url_decode("abcd=", out));  // no padding
    CHECK_FALSE(base64url_decode("a", out));      // no byte ends there
    CHECK_FALSE(base64url_decode("AB", out));     // stray bits set: a second spelling of one byte
}

TEST_CASE("cut short, edited, newer, oversized, or not a link at all: refused with the right reason") {
    const std::string good = encode_setup(full_setup());
    for (size_t cut : {size_t(0), size_t(5), size_t(7), good.size() / 2, good.size() - 1})
        CHECK(decode_setup(good.substr(0, cut)).error == SetupLinkError::Damaged);
    std::string edited = good;
    edited[20] = edited[20] == 'A' ? 'B' : 'A';
    CHECK(decode_setup(edited).error == SetupLinkError::Damaged);
    std::string newer = good;
    newer.replace(6, 1, "2");
    CHECK(decode_setup(newer).error == SetupLinkError::NewerVersion);
    CHECK(decode_setup("setup=0." + good.substr(8)).error == SetupLinkError::Damaged);
    CHECK(decode_setup(good + std::string(1000, 'A')).error == SetupLinkError::TooLong);
    CHECK(decode_setup("family").error == SetupLinkError::Damaged);
    CHECK(decode_setup("#" + good).ok());  // with or without '#'
}

namespace {
// A payload with a checksum that matches: what a careful forger (or a buggy app) would send.
std::string signed_link(const std::string& json) {
    const std::string payload = base64url_encode(json);
    char check[9];
    std::snprintf(check, sizeof check, "%08x", fnv1a32(payload));
    return "setup=1." + payload + "." + check;
}
const char* kValid = R"({"f":"小芳","t":2,"c":0,"v":1,"r":1,"l":0,"s":0,"h":"","hn":"","p":[["小芳","13800138000"]],"g":[],"n":"妈"})";
}  // namespace

TEST_CASE("every field's bounds: out of range, wrong type, markup and control characters are refused") {
    REQUIRE(decode_setup(signed_link(kValid)).ok());
    auto with = [](const std::string& key, const std::string& value) {
        std::string j = kValid;
        const size_t at = j.find("\"" + key + "\":") + key.size() + 3;
        size_t end = at;
        int depth = 0;
        bool in_string = false;
        for (; end < j.size(); ++end) {  // the end of this key's value
            const char c = j[end];
            if (in_string) { if (c == '"' && j[end - 1] != '\\') in_string = false; continue; }
            if (c == '"') in_string = true;
            else if (c == '[') ++depth;
            else if (c == ']') { if (depth == 0) break; --depth; }
            else if ((c == ',' || c == '}') && depth == 0) break;
        }
        return decode_setup(signed_link(j.replace(at, end - at, value)));
    };
    CHECK(with("t", "3").ok());
    CHECK(with("t", "4").error == SetupLinkError::BadValue);
    CHECK(with("t", "-1").error == SetupLinkError::BadValue);
    CHECK(with("t", "1.5").error == SetupLinkError::BadValue);
    CHECK(with("t", "\"2\"").error == SetupLinkError::BadValue);
    CHECK(with("c", "2").error == SetupLinkError::BadValue);
    CHECK(with("v", "true").error == SetupLinkError::BadValue);
    CHECK(with("r", "3").error == SetupLinkError::BadValue);
    CHECK(with("l", "2").error == SetupLinkError::BadValue);
    CHECK(with("s", "2").error == SetupLinkError::BadValue);
    CHECK(with("h", "\"12345\"").ok());
    CHECK(with("h", "\"call me\"").error == SetupLinkError::BadValue);
    CHECK(with("h", "\"12\"").error == SetupLinkError::BadValue);
    CHECK(with("f", "\"<b>小芳</b>\"").error == SetupLinkError::BadValue);
    CHECK(with("f", "\"小\\u0007芳\"").error == SetupLinkError::BadValue);
    CHECK(with("f", "\"小\\u202e芳\"").error == SetupLinkError::BadValue);  // right-to-left override
    CHECK(with("f", "\"一二三四五六七八九十一二\"").ok());                   // 12 characters
    CHECK(with("f", "\"一二三四五六七八九十一二三\"").error == SetupLinkError::BadValue);
    CHECK(with("hn", "\"a&b\"").error == SetupLinkError::BadValue);
    CHECK(with("n", "\"" + std::string(40, 'x') + "\"").ok());
    CHECK(with("n", "\"" + std::string(41, 'x') + "\"").error == SetupLinkError::BadValue);
    CHECK(with("n", "\"line\\nbreak\"").error == SetupLinkError::BadValue);
    CHECK(with("p", "[]").ok());
    CHECK(with("p", "[[\"a\",\"123\"],[\"b\",\"123\"],[\"c\",\"123\"],[\"d\",\"123\"]]").error == SetupLinkError::BadValue);
    CHECK(with("p", "[[\"小芳\",\"not a number\"]]").error == SetupLinkError::BadValue);
    CHECK(with("p", "[[\"\",\"13800138000\"]]").error == SetupLinkError::BadValue);
    CHECK(with("p", "[[\"小芳\"]]").error == SetupLinkError::BadValue);
    CHECK(with("g", "[\"bus-qr\",\"hospital\"]").ok());
    CHECK(with("g", "[\"bus-qr\",\"bus-qr\"]").error == SetupLinkError::BadValue);
    CHECK(with("g", "[\"../etc\"]").error == SetupLinkError::BadValue);
    CHECK(with("g", "[1]").error == SetupLinkError::BadValue);
    // A missing key is an incomplete link.
    CHECK(decode_setup(signed_link(R"({"f":"","t":2})")).error == SetupLinkError::Damaged);
    CHECK(decode_setup(signed_link("not json")).error == SetupLinkError::Damaged);
    CHECK(decode_setup(signed_link("[1,2]")).error == SetupLinkError::Damaged);
}

TEST_CASE("10,000 random mutations of valid links: none crashes, none applies a bad value") {
    std::mt19937 rng(20261125);
    const std::vector<std::string> seeds = {encode_setup(full_setup()), encode_setup(Setup{}), signed_link(kValid)};
    const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=#%<>&\"\\ \x01\xff\xe4";
    int accepted = 0;
    for (int i = 0; i < 10000; ++i) {
        std::string link = seeds[size_t(i) % seeds.size()];
        const int edits = 1 + int(rng() % 4);
        for (int e = 0; e < edits && !link.empty(); ++e) {
            const size_t at = rng() % link.size();
            switch (rng() % 4) {
                case 0: link[at] = alphabet[rng() % alphabet.size()]; break;  // change a character
                case 1: link.erase(at, 1 + rng() % 8); break;                  // lose some
                case 2: link.insert(at, 1, alphabet[rng() % alphabet.size()]); break;
                case 3: link.resize(at); break;                                // cut short
            }
        }
        const SetupDecode d = decode_setup(link);
        if (!d.ok()) continue;
        ++accepted;  // a mutation that still decodes must hold only values the app can use
        const Settings& s = d.setup.settings;
        CHECK(int(s.text_size) < kTextSizeCount);
        CHECK(int(s.speech_rate) <= 2);
        CHECK((s.hotline.empty() || is_valid_phone_number(s.hotline)));
        CHECK(s.contacts.size() <= kMaxFamilyContacts);
        for (const auto& c : s.contacts) CHECK((is_clean_text(c.name, kMaxNameChars) && is_valid_phone_number(c.number)));
        CHECK((s.home_note.empty() || is_clean_text(s.home_note, kMaxNoteChars)));
    }
    MESSAGE("mutations still accepted: " << accepted);
    CHECK(accepted < 100);  // the checksum catches nearly all
}

namespace {
// What the app may hold after any link: each value one it can show and use.
void check_usable(const Setup& setup) {
    const Settings& s = setup.settings;
    CHECK(int(s.text_size) < kTextSizeCount);
    CHECK(int(s.theme) <= 1);
    CHECK(int(s.speech_rate) <= 2);
    CHECK(int(s.voice_lang) <= 1);
    CHECK((setup.from.empty() || is_clean_text(setup.from, kMaxNameChars)));
    CHECK((s.hotline.empty() || is_valid_phone_number(s.hotline)));
    CHECK((s.hotline_name.empty() || is_clean_text(s.hotline_name, kMaxNameChars)));
    CHECK(s.contacts.size() <= kMaxFamilyContacts);
    for (const auto& c : s.contacts) CHECK((is_clean_text(c.name, kMaxNameChars) && is_valid_phone_number(c.number)));
    CHECK(s.guide_order.size() <= kMaxGuideOrder);
    for (const auto& g : s.guide_order) CHECK(is_valid_guide_id(g));
    CHECK((s.home_note.empty() || is_clean_text(s.home_note, kMaxNoteChars)));
}
}  // namespace

TEST_CASE("10,000 random mutations of the payload itself, signed again: none crashes, none applies a bad value") {
    // Past the checksum: what a buggy or hostile link maker could send.
    std::mt19937 rng(1125);
    const std::string full = R"({"f":"小芳","t":3,"c":1,"v":1,"r":0,"l":1,"s":1,"h":"010-12345678","hn":"社区中心",)"
                             R"("p":[["小芳","13800138000"],["大伟","13900139000"]],"g":["bus-qr","hospital"],"n":"妈，有事先打给我"})";
    const std::vector<std::string> seeds = {kValid, full};
    const std::string pieces[] = {"\"", "\\", "\u0000", "\u202e", "\u3000", "<", ">", "&", "[", "]", "{", "}", ",", ":",
                                  "-1", "99", "1e9", "0.5", "true", "null", "\"\"", "\xe4\xb8", "\xff", "龚", "𠮷", " "};
    int accepted = 0;
    for (int i = 0; i < 10000; ++i) {
        std::string j = seeds[size_t(i) % seeds.size()];
        const int edits = 1 + int(rng() % 3);
        for (int e = 0; e < edits && !j.empty(); ++e) {
            const size_t at = rng() % j.size();
            if (rng() % 2) j.insert(at, pieces[rng() % std::size(pieces)]);
            else j.erase(at, 1 + rng() % 4);
        }
        const SetupDecode d = decode_setup(signed_link(j));
        if (!d.ok()) continue;
        ++accepted;
        check_usable(d.setup);
    }
    MESSAGE("payload mutations accepted: " << accepted);
    CHECK(accepted > 100);  // the checks ran on many links that decoded
}

TEST_CASE("names that look blank, hide characters or repeat are refused") {
    CHECK_FALSE(is_clean_text("\u3000\u3000", kMaxNameChars));  // ideographic spaces only
    CHECK_FALSE(is_clean_text(" \u00a0", kMaxNameChars));
    CHECK_FALSE(is_clean_text("小\u00ad芳", kMaxNameChars));   // soft hyphen
    CHECK_FALSE(is_clean_text("小\U000E0041芳", kMaxNameChars));  // a tag character
    CHECK_FALSE(is_clean_text("\xc1\x81", kMaxNameChars));  // an overlong 'A'
    CHECK(is_clean_text("王 小芳", kMaxNameChars));
    Setup twice;
    twice.settings.contacts = {{"小芳", "13800138000"}, {"小芳", "13900139000"}};
    CHECK(decode_setup(encode_setup(twice)).error == SetupLinkError::BadValue);
}

TEST_CASE("the senior is told in plain words what will change") {
    const Strings str = zh();
    Setup s;
    s.from = "小芳";
    s.settings.text_size = TextSize::Largest;
    s.settings.speech_rate = SpeechRate::VerySlow;
    s.settings.contacts = {{"小芳", "13800138000"}};
    CHECK(describe_setup(Settings{}, s, str) == "小芳帮您设置了：字变大，说话慢一点，“找人帮忙”会先打给小芳。要这样改吗？");
    CHECK(describe_setup(s.settings, s, str) == "小芳发来的设置和您现在的一样，不用改。");
    s.from.clear();
    CHECK(describe_setup(Settings{}, s, str).rfind("家人帮您设置了：", 0) == 0);
    Settings big;
    big.text_size = TextSize::Largest;
    Setup smaller;
    smaller.settings.home_note = "妈，有事先打给我";
    CHECK(describe_setup(big, smaller, str).find("字变小") != std::string::npos);
    CHECK(describe_setup(big, smaller, str).find("首页写上“妈，有事先打给我”") != std::string::npos);
}
