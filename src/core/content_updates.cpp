#include "core/content_updates.h"

#include <algorithm>
#include <cstdio>

#include "core/content_bundle.h"

namespace anxin {

ContentUpdates::ContentUpdates(Storage& storage, Network& network, Clock& clock, std::string asset_root)
    : storage_(storage), network_(network), clock_(clock), root_(std::move(asset_root)) {}

std::optional<Content> ContentUpdates::kept() {
    auto text = storage_.get(kKey);
    if (!text) return std::nullopt;
    LoadedBundle b = load_content_bundle(*text, root_);
    if (!b.ok) {  // an app update may have changed what is valid: the bundled guides are used
        storage_.remove(kKey);
        return std::nullopt;
    }
    version_ = b.version;
    return std::move(b.content);
}

void ContentUpdates::tick() {
    const double now = clock_.now_ms();
    if (!call_ && now >= next_check_) {
        call_ = network_.start("GET", "/api/content?have=" + std::to_string(std::max(version_, rejected_)), "");
        last_check_ = now;
        next_check_ = now + kCheckEveryMs;
        clock_.wake_after(kCheckEveryMs);  // an idle app draws no frames: come back for the next check
    }
    if (!call_) return;
    auto r = network_.poll(call_);
    if (!r) return;
    call_ = 0;
    if (r->status == 304 || r->status == 404) return;  // nothing newer, or a server that publishes nothing
    if (r->status != 200) {
        next_check_ = now + kRetryMs;
        clock_.wake_after(kRetryMs);
        return;
    }
    LoadedBundle b = load_content_bundle(r->body, root_);
    if (!b.ok) {
        rejected_ = std::max(rejected_, b.version);
        std::fprintf(stderr, "anxin: published guides not used: %s\n", b.problems.empty() ? "" : b.problems.front().c_str());
        return;
    }
    if (b.version == version_) return;
    storage_.set(kKey, r->body);  // if it cannot be kept, it is still shown now and fetched again next start
    version_ = b.version;
    ready_ = std::move(b.content);
}

void ContentUpdates::home_reached() {
    next_check_ = std::min(next_check_, std::max(clock_.now_ms(), last_check_ + kHomeCheckMs));
    if (next_check_ > clock_.now_ms()) clock_.wake_after(next_check_ - clock_.now_ms());
}

std::optional<Content> ContentUpdates::take_new() {
    std::optional<Content> out = std::move(ready_);
    ready_.reset();
    return out;
}

}  // namespace anxin
