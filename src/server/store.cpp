// Request statuses by name, and the queue's order, for both stores and the API. See store.h.
#include "server/store.h"

namespace anxin::server {

const char* status_name(RequestStatus s) {
    switch (s) {
        case RequestStatus::Waiting: return "waiting";
        case RequestStatus::Accepted: return "accepted";
        case RequestStatus::Calling: return "calling";
        case RequestStatus::Done: return "done";
    }
    return "waiting";
}

bool status_from(const std::string& name, RequestStatus& out) {
    for (RequestStatus s : {RequestStatus::Waiting, RequestStatus::Accepted, RequestStatus::Calling, RequestStatus::Done})
        if (name == status_name(s)) { out = s; return true; }
    return false;
}

bool queue_before(const HelpRequest& x, const HelpRequest& y, Millis now, int64_t helper_id) {
    const bool ox = now > x.promised_at, oy = now > y.promised_at;
    if (ox != oy) return ox;
    const bool rx = x.previous_helper_id == helper_id, ry = y.previous_helper_id == helper_id;
    if (rx != ry) return rx;
    if (x.priority != y.priority) return x.priority > y.priority;
    if (x.created_at != y.created_at) return x.created_at < y.created_at;
    return x.id < y.id;
}

}  // namespace anxin::server
