// Test implementations of the platform interfaces (core/platform.h): they
// record what the app asked for, so tests can assert it.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/platform.h"

namespace anxin::test {

class MemoryStorage : public Storage {
public:
    std::map<std::string, std::string> values;
    bool refuse_writes = false;  // like a browser in private mode with no quota
    std::optional<std::string> get(const std::string& key) override {
        auto it = values.find(key);
        if (it == values.end()) return std::nullopt;
        return it->second;
    }
    bool set(const std::string& key, const std::string& value) override {
        if (refuse_writes) return false;
        values[key] = value;
        return true;
    }
    void remove(const std::string& key) override { values.erase(key); }
};

struct Utterance { std::string text, lang; float rate; };

class RecordingSpeech : public Speech {
public:
    std::vector<Utterance> spoken;
    int stops = 0;
    bool voice_available = true;
    bool has_voice(const std::string&) override { return voice_available; }
    void speak(const std::string& text, const std::string& lang, float rate) override { spoken.push_back({text, lang, rate}); }
    void stop() override { ++stops; }
};

class ManualClock : public Clock {
public:
    double ms = 0;
    double now_ms() override { return ms; }
};

class RecordingLinks : public Links {
public:
    std::vector<std::string> opened;
    void open(const std::string& url) override { opened.push_back(url); }
};

}  // namespace anxin::test
