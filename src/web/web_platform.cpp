#include "web/web_platform.h"

#include <emscripten.h>

#include <cstdlib>

#include "core/settings.h"

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

// Queues one piece of a text with a voice for `lang` if the browser has one. What was
// asked is kept in window.anxinSpeech (last 20 texts, pieces joined) so the page and
// tests can see it.
EM_JS(void, js_speak, (const char* text_ptr, const char* lang_ptr, float rate, int first_piece), {
    var text = UTF8ToString(text_ptr), lang = UTF8ToString(lang_ptr);
    var log = window.anxinSpeech = window.anxinSpeech || { spoken: [], unavailable: false };
    if (first_piece || !log.spoken.length) {
        log.spoken.push({ text: text, lang: lang, rate: rate, pieces: 1 });
        log.count = (log.count || 0) + 1;  // all ever asked (the list keeps the last 20)
    }
    else { var last = log.spoken[log.spoken.length - 1]; last.text += text; last.pieces++; }
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

// True if a voice for the language exists, or if the browser has not listed its voices yet.
EM_JS(int, js_has_voice, (const char* lang_ptr), {
    if (!("speechSynthesis" in window)) return 0;
    var lang = UTF8ToString(lang_ptr).toLowerCase();
    var voices = window.speechSynthesis.getVoices();
    if (!voices.length) return window.anxinVoicesListed ? 0 : 1;
    var want = lang === "zh-hk" ? ["zh-hk", "yue"] : [lang, "zh-cn", "cmn"];
    return voices.some(function(v) {
        var l = v.lang.replace("_", "-").toLowerCase();
        return want.some(function(w) { return l.indexOf(w) === 0; });
    }) ? 1 : 0;
});

EM_JS(void, js_mirror_apply, (const char* json, double cpp_ms), {
    if (window.anxinMirror) window.anxinMirror.apply(UTF8ToString(json), cpp_ms);
});

EM_JS(void, js_announce, (const char* text, int assertive), {
    if (window.anxinMirror) window.anxinMirror.announce(UTF8ToString(text), !!assertive);
});

// fetch() to our own server; the answer comes back through anxin_http_done (main_web.cpp).
// A request that cannot reach the server (offline, server down) ends with status 0.
EM_JS(void, js_fetch, (int id, const char* method, const char* path, const char* body), {
    var m = UTF8ToString(method), init = { method: m, headers: {}, credentials: "same-origin", cache: "no-store" };
    if (m !== "GET") { init.headers["Content-Type"] = "application/json"; init.body = UTF8ToString(body); }
    var done = function (status, text) {
        var ptr = stringToNewUTF8(text);
        Module._anxin_http_done(id, status, ptr);
        _free(ptr);
    };
    fetch(UTF8ToString(path), init)
        .then(function (r) { return r.text().then(function (t) { done(r.status, t); }); })
        .catch(function () { done(0, ""); });
});

// A static file as bytes: from Cache Storage if it is there, else from the network (held
// until the app says whether to keep it). Names of font slices carry their hash, so a
// cached copy is never stale. The answer comes back through anxin_file_done (main_web.cpp).
EM_JS(void, js_file_fetch, (int id, const char* path), {
    var url = UTF8ToString(path);
    var done = function (bytes, error) {
        if (bytes) {
            var ptr = _malloc(Math.max(1, bytes.length));
            HEAPU8.set(bytes, ptr);
            Module._anxin_file_done(id, ptr, bytes.length, 0);
            _free(ptr);
        } else {
            var e = stringToNewUTF8(String(error));
            Module._anxin_file_done(id, 0, -1, e);
            _free(e);
        }
    };
    var open = typeof caches !== "undefined" ? caches.open("anxin-files-v1").catch(function () { return null; })
                                             : Promise.resolve(null);
    open.then(function (cache) {
        var cached = cache ? cache.match(url).catch(function () { return undefined; }) : Promise.resolve(undefined);
        return cached.then(function (hit) {
            if (hit) return hit.arrayBuffer();
            return fetch(url, { credentials: "same-origin" }).then(function (r) {
                if (!r.ok) throw new Error("HTTP " + r.status + " for " + url);
                (Module.anxinFilesHeld = Module.anxinFilesHeld || {})[url] = r.clone();
                return r.arrayBuffer();
            });
        });
    }).then(function (buf) { done(new Uint8Array(buf), null); },
            function (err) { done(null, err && err.message ? err.message : "network error"); });
});

EM_JS(void, js_file_keep, (const char* path), {
    var url = UTF8ToString(path), held = Module.anxinFilesHeld && Module.anxinFilesHeld[url];
    if (!held) return;  // it came from the cache
    delete Module.anxinFilesHeld[url];
    if (typeof caches !== "undefined")
        caches.open("anxin-files-v1").then(function (c) { return c.put(url, held); }).catch(function () {});
});

EM_JS(void, js_file_discard, (const char* path), {
    var url = UTF8ToString(path);
    if (Module.anxinFilesHeld) delete Module.anxinFilesHeld[url];
    if (typeof caches !== "undefined")
        caches.open("anxin-files-v1").then(function (c) { return c.delete(url); }).catch(function () {});
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

EM_JS(char*, js_app_address, (), {
    return stringToNewUTF8(location.origin + location.pathname + location.search);
});

EM_JS(void, js_clear_fragment, (), {
    history.replaceState(history.state, "", location.pathname + location.search);
});

// The clipboard API where the page is a secure context; otherwise the old way.
EM_JS(int, js_copy, (const char* text_ptr), {
    var text = UTF8ToString(text_ptr);
    window.anxinCopied = text;  // for tests
    if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).catch(function (e) { console.warn("anxin: copy failed:", e); });
        return 1;
    }
    var area = document.createElement("textarea");
    area.value = text;
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) {}
    area.remove();
    return ok ? 1 : 0;
});

EM_JS(int, js_can_share, (), { return navigator.share ? 1 : 0; });

EM_JS(void, js_share, (const char* title, const char* url), {
    var data = { title: UTF8ToString(title), url: UTF8ToString(url) };
    navigator.share(data).catch(function (e) { if (e.name !== "AbortError") console.warn("anxin: share failed:", e); });
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

void WebSpeech::speak(const std::string& text, const std::string& lang, float rate) {
    bool first = true;
    for (const std::string& piece : split_for_speech(text)) {
        js_speak(piece.c_str(), lang.c_str(), rate, first ? 1 : 0);
        first = false;
    }
}
void WebSpeech::stop() { js_speech_stop(); }
bool WebSpeech::has_voice(const std::string& lang) { return js_has_voice(lang.c_str()) != 0; }

void WebAccessibility::update(const TreeUpdate& update) {
    const double t0 = emscripten_get_now();
    const std::string json = tree_update_json(update);
    js_mirror_apply(json.c_str(), emscripten_get_now() - t0);
}
void WebAccessibility::announce(const Announcement& message) { js_announce(message.text.c_str(), message.assertive ? 1 : 0); }

EM_JS(double, js_epoch_ms, (), { return Date.now(); });

EM_JS(double, js_local_time_ms, (), {
    var d = new Date();
    return d.getTime() - d.getTimezoneOffset() * 60000;
});

std::string WebLinks::app_address() {
    char* p = js_app_address();
    std::string address(p);
    std::free(p);
    return address;
}
void WebLinks::clear_fragment() { js_clear_fragment(); }
bool WebLinks::copy(const std::string& text) { return js_copy(text.c_str()) != 0; }
bool WebLinks::can_share() { return js_can_share() != 0; }
void WebLinks::share(const std::string& title, const std::string& url) { js_share(title.c_str(), url.c_str()); }

double WebClock::now_ms() { return emscripten_get_now(); }
double WebClock::local_time_ms() { return js_local_time_ms(); }
double WebClock::epoch_ms() { return js_epoch_ms(); }

void WebClock::wake_after(double ms) {
    const double at = emscripten_get_now() + ms;
    if (pending_at_ >= 0 && pending_at_ <= at + 1) return;  // an earlier wake-up is already set
    pending_at_ = at;
    emscripten_async_call(&WebClock::fire, this, int(ms < 0 ? 0 : ms + 1));
}

void WebClock::fire(void* self) {
    WebClock& c = *static_cast<WebClock*>(self);
    if (c.pending_at_ < 0 || emscripten_get_now() + 1 < c.pending_at_) return;  // superseded by an earlier one that fired
    c.pending_at_ = -1;
    c.wake_();
}

int WebNetwork::start(const std::string& method, const std::string& path, const std::string& body) {
    const int id = next_id_++;
    js_fetch(id, method.c_str(), path.c_str(), body.c_str());
    return id;
}

namespace {
// Network and Files: an answer JavaScript delivered, handed over once.
template <class Answer>
std::optional<Answer> take_answer(std::map<int, Answer>& done, int id) {
    auto it = done.find(id);
    if (it == done.end()) return std::nullopt;
    Answer r = std::move(it->second);
    done.erase(it);
    return r;
}
}  // namespace

std::optional<HttpResponse> WebNetwork::poll(int id) { return take_answer(done_, id); }

void WebNetwork::finished(int id, int status, const char* body) { done_[id] = HttpResponse{status, body ? body : ""}; }

int WebFiles::start(const std::string& path) {
    const int id = next_id_++;
    js_file_fetch(id, path.c_str());
    return id;
}

std::optional<FileResponse> WebFiles::poll(int id) { return take_answer(done_, id); }

void WebFiles::keep(const std::string& path) { js_file_keep(path.c_str()); }
void WebFiles::discard(const std::string& path) { js_file_discard(path.c_str()); }

void WebFiles::finished(int id, const uint8_t* data, int size, const char* error) {
    FileResponse r;
    r.ok = size >= 0;
    if (r.ok) r.bytes.assign(reinterpret_cast<const char*>(data), size_t(size));
    else r.error = error ? error : "failed";
    done_[id] = std::move(r);
}

void WebLinks::open(const std::string& url) { js_open_link(url.c_str()); }

}  // namespace anxin
