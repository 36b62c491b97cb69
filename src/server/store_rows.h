// What both stores read the same way: the columns of a request (with its helpers' names)
// and of a report, and how a row of them becomes a struct. `Row` is anything with
// i64(column) and text(column): a SQLite statement, a row of a PostgreSQL result.
#pragma once
#include <string>

#include "server/store.h"

namespace anxin::server {

inline constexpr const char* kRequestColumns =
    "r.id, r.public_id, r.idempotency_key, COALESCE(r.phone, ''), r.context, r.status, COALESCE(r.helper_id, 0), "
    "COALESCE(h.display_name, ''), COALESCE(r.previous_helper_id, 0), COALESCE(p.display_name, ''), r.promised_at, "
    "r.outcome, r.escalated, r.created_at, r.updated_at, r.closed_at, r.priority "
    "FROM requests r LEFT JOIN helpers h ON h.id = r.helper_id LEFT JOIN helpers p ON p.id = r.previous_helper_id ";

// The open requests one helper's queue shows: queue_before in SQL picks the first `limit`,
// and the helper's own claimed ones are added. `now`, `me` and `limit` are each store's
// placeholders for those values ("?1" in SQLite, "$1" in PostgreSQL).
inline std::string queue_where(const std::string& now, const std::string& me, const std::string& limit) {
    return "WHERE r.status <> 'done' AND (r.helper_id = " + me + " OR r.id IN (SELECT id FROM requests WHERE status <> 'done' "
           "ORDER BY CASE WHEN promised_at < " + now + " THEN 0 ELSE 1 END, CASE WHEN previous_helper_id = " + me +
           " THEN 0 ELSE 1 END, priority DESC, created_at, id LIMIT " + limit + "))";
}

inline constexpr const char* kReportColumns = "id, public_id, guide, step, kind, text, source, status, answer, created_at, updated_at FROM reports ";

template <class Row>
HelpRequest request_from_row(Row& s) {
    HelpRequest r;
    r.id = s.i64(0);
    r.public_id = s.text(1);
    r.idempotency_key = s.text(2);
    r.phone = s.text(3);
    r.context_json = s.text(4);
    status_from(s.text(5), r.status);
    r.helper_id = s.i64(6);
    r.helper_name = s.text(7);
    r.previous_helper_id = s.i64(8);
    r.previous_helper_name = s.text(9);
    r.promised_at = s.i64(10);
    r.outcome = s.text(11);
    r.escalated = s.i64(12) != 0;
    r.created_at = s.i64(13);
    r.updated_at = s.i64(14);
    r.closed_at = s.i64(15);
    r.priority = int(s.i64(16));
    return r;
}

template <class Row>
Report report_from_row(Row& s) {
    Report r;
    r.id = s.i64(0);
    r.public_id = s.text(1);
    r.guide = s.text(2);
    r.step = int(s.i64(3));
    r.kind = s.text(4);
    r.text = s.text(5);
    r.source = s.text(6);
    r.status = s.text(7);
    r.answer = s.text(8);
    r.created_at = s.i64(9);
    r.updated_at = s.i64(10);
    return r;
}

}  // namespace anxin::server
