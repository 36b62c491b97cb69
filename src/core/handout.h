// A guide as a large-print handout for a workshop: the words of every step, which
// picture goes with it, and the link its QR code opens. The app draws the pictures
// (the same phone the guide shows) and web/handout.js lays the handout out for A4.
#pragma once
#include <string>

#include "core/content.h"

namespace anxin {

// The handout as JSON for the page. Each step's "picture" names its phone picture ("" = the
// step has none); the page pairs it with the image the app captured for that step.
std::string handout_document(const Guide& guide, const Glossary& glossary, const Strings& str, const std::string& link);

// What a phone picture shows, in words: "手机画面：支付宝。要点的是“我的”。"
std::string picture_description(const PhoneScreen& screen, const Strings& str);

}  // namespace anxin
