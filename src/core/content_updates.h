// Guides published on the help server reach the app without a new build. The app
// starts with its bundled guides (or the last published ones it kept), asks the
// server in the background whether there is a newer version, checks it with the
// same validator, keeps it for offline use, and hands it over to be shown at the
// next home screen — never in the middle of a guide.
#pragma once
#include <optional>
#include <string>

#include "core/content.h"
#include "core/platform.h"

namespace anxin {

class ContentUpdates {
public:
    static constexpr const char* kKey = "anxin.content";   // the last good bundle, as the server sent it
    static constexpr double kCheckEveryMs = 30 * 60 * 1000;  // also at each start
    static constexpr double kRetryMs = 5 * 60 * 1000;        // after no answer
    static constexpr double kHomeCheckMs = 10 * 1000;        // on the way home, if the last check is this old

    // `asset_root`: the app's own strings and config, which a bundle does not carry.
    ContentUpdates(Storage& storage, Network& network, Clock& clock, std::string asset_root);

    // The kept bundle, if it is still valid (a bad one is dropped): shown instead of the bundled guides.
    std::optional<Content> kept();
    void tick();                       // each frame: starts a check when one is due, collects its answer
    void home_reached();               // a good moment to look again (a cheap 304 when nothing changed)
    std::optional<Content> take_new(); // a newer valid version, once; the app shows it at the next home screen
    int version() const { return version_; }  // of the content in use (0 = the bundled guides)

private:
    Storage& storage_;
    Network& network_;
    Clock& clock_;
    std::string root_;
    int version_ = 0;
    int rejected_ = 0;  // a version this app's validator refused: not fetched again
    int call_ = 0;
    double next_check_ = 0;
    double last_check_ = -1e18;
    std::optional<Content> ready_;
};

}  // namespace anxin
