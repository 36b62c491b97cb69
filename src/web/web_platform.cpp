#include "web/web_platform.h"

#include <emscripten.h>

#include <cstdlib>

namespace {

// Each returns a malloc'd UTF-8 copy, or 0 when there is no value or storage is unavailable.
EM_JS(char*, js_storage_get, (const char* key), {
    try {
        var v = window.localStorage.getItem(UTF8ToString(key));
        if (v === null) return 0;
        var n = lengthBytesUTF8(v) + 1;
        var p = _malloc(n);
        stringToUTF8(v, p, n);
        return p;
    } catch (e) {
        return 0;
    }
});

EM_JS(int, js_storage_set, (const char* key, const char* value), {
    try {
        window.localStorage.setItem(UTF8ToString(key), UTF8ToString(value));
        return 1;
    } catch (e) {
        console.warn("anxin: settings could not be stored:", e);
        return 0;
    }
});

EM_JS(void, js_storage_remove, (const char* key), {
    try { window.localStorage.removeItem(UTF8ToString(key)); } catch (e) {}
});

// Speaks with a voice for `lang` if the browser has one. What was asked is kept in
// window.anxinSpeech (last 20) so the page and tests can see it.
EM_JS(void, js_speak, (const char* text_ptr, const char* lang_ptr, float rate), {
    var text = UTF8ToString(text_ptr), lang = UTF8ToString(lang_ptr);
    var log = window.anxinSpeech = window.anxinSpeech || { spoken: [], unavailable: false };
    log.spoken.push({ text: text, lang: lang, rate: rate });
    if (log.spoken.length > 20) log.spoken.shift();
    if (!("speechSynthesis" in window)) { log.unavailable = true; return; }
    var u = new SpeechSynthesisUtterance(text);
    u.lang = lang;
    u.rate = rate;
    var voices = window.speechSynthesis.getVoices();
    var prefix = lang.split("-")[0];
    var voice = voices.find(function(v) { return v.lang.replace("_", "-") === lang; }) ||
                voices.find(function(v) { return v.lang.indexOf(prefix) === 0; });
    if (voice) u.voice = voice;
    log.unavailable = voices.length > 0 && !voice;
    window.speechSynthesis.speak(u);
});

EM_JS(void, js_speech_stop, (), {
    if ("speechSynthesis" in window) window.speechSynthesis.cancel();
});

EM_JS(void, js_open_link, (const char* url), {
    var u = UTF8ToString(url);
    window.anxinOpened = (window.anxinOpened || []).concat([u]);
    if (window.anxinNoNavigate) return;  // set by tests: record, don't leave the page
    window.location.href = u;
});

}  // namespace

namespace anxin {

std::optional<std::string> WebStorage::get(const std::string& key) {
    char* p = js_storage_get(key.c_str());
    if (!p) return std::nullopt;
    std::string value(p);
    std::free(p);
    return value;
}

bool WebStorage::set(const std::string& key, const std::string& value) { return js_storage_set(key.c_str(), value.c_str()) != 0; }
void WebStorage::remove(const std::string& key) { js_storage_remove(key.c_str()); }

void WebSpeech::speak(const std::string& text, const std::string& lang, float rate) { js_speak(text.c_str(), lang.c_str(), rate); }
void WebSpeech::stop() { js_speech_stop(); }

double WebClock::now_ms() { return emscripten_get_now(); }

void WebLinks::open(const std::string& url) { js_open_link(url.c_str()); }

}  // namespace anxin
