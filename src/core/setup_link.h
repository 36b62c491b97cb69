// Setup links: the settings a family member chose on the family page, carried to
// the senior's device in a link's fragment (after '#', which browsers never send to
// a server, so no server ever stores them). The senior confirms before anything
// changes (ui/family_screens.cpp).
//
// Format, version 1 (documented in README.md, "Setup links"):
//
//     <app address>#setup=1.<payload>.<check>
//
//   payload  base64url, no padding, of a compact JSON object; every key is required:
//              "f" who set it up (name, may be empty)    "t" text size 0..3
//              "c" colours 0 light, 1 dark               "v" voice on 0/1
//              "r" pace 0 very slow, 1 slow, 2 normal    "l" voice 0 Mandarin, 1 Cantonese
//              "s" screen-reader mode 0/1                "h" hotline ("" = the deployment's)
//              "hn" who answers the hotline              "p" family contacts [[name, number]…] (≤ 3)
//              "g" guide ids on home, in order ([] = all) "n" note for the home screen (≤ 40 chars)
//   check    FNV-1a 32 of the payload text, 8 lowercase hex digits: catches a link cut
//            short or edited in a chat.
// A newer version number is refused with its own message: its fields may mean more.
#pragma once
#include <string>
#include <string_view>

#include "core/settings.h"
#include "core/strings.h"

namespace anxin {

constexpr int kSetupLinkVersion = 1;
constexpr size_t kMaxSetupLinkChars = 1000;  // a whole link (the family page checks); the part after '#' (decode_setup checks)

struct Setup {
    std::string from;   // "小芳": who set it up, named to the senior
    Settings settings;  // my_phone is not carried: it stays the senior's own
};

enum class SetupLinkError { None, Damaged, NewerVersion, TooLong, BadValue };

struct SetupDecode {
    SetupLinkError error = SetupLinkError::None;
    std::string detail;  // which part was wrong, for the log and tests
    Setup setup;
    bool ok() const { return error == SetupLinkError::None; }
};

bool is_setup_fragment(std::string_view fragment);  // "setup=…" (with or without '#')
std::string encode_setup(const Setup& setup);        // "setup=1.<payload>.<check>"
SetupDecode decode_setup(std::string_view fragment);
// The string key of the message the senior sees for a failed link.
const char* setup_error_key(SetupLinkError error);

// What the link will change, in plain words, for the senior:
// "小芳帮您设置了：字变大，说话慢一点，“找人帮忙”会先打给小芳。"
std::string describe_setup(const Settings& before, const Setup& setup, const Strings& str);

// base64url without padding (RFC 4648 §5); decode is strict and returns false on anything else.
std::string base64url_encode(std::string_view bytes);
bool base64url_decode(std::string_view text, std::string& out);

}  // namespace anxin
