// Request statuses by name, for both stores and the API. See store.h.
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

}  // namespace anxin::server
