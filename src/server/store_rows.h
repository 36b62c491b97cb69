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

// Kiosks, in PostgreSQL's placeholders ($1); SQLite takes them as ?1 (sqlite_store.cpp).
// A new kiosk is added only while there are fewer than the last parameter (Store::kMaxKiosks).
inline constexpr const char* kKioskHeartbeat =
    "INSERT INTO kiosks (id, label, last_seen, last_heard, requests_today, day) "
    "SELECT $1, $2, CAST($3 AS BIGINT), CAST($3 AS BIGINT), 0, -1 "
    "WHERE (SELECT count(*) FROM kiosks) < $4 OR EXISTS (SELECT 1 FROM kiosks WHERE id = $1) "
    "ON CONFLICT (id) DO UPDATE SET label = excluded.label, last_seen = excluded.last_seen, last_heard = excluded.last_heard";
inline constexpr const char* kKioskRequest =
    "INSERT INTO kiosks (id, label, last_seen, last_heard, requests_today, day) "
    "SELECT $1, CASE WHEN $2 = '' THEN $1 ELSE $2 END, 0, CAST($3 AS BIGINT), 1, CAST($4 AS BIGINT) "
    "WHERE (SELECT count(*) FROM kiosks) < $5 OR EXISTS (SELECT 1 FROM kiosks WHERE id = $1) "
    "ON CONFLICT (id) DO UPDATE SET label = CASE WHEN $2 = '' THEN kiosks.label ELSE $2 END, last_heard = excluded.last_heard, "
    "requests_today = CASE WHEN kiosks.day = excluded.day THEN kiosks.requests_today + 1 ELSE 1 END, day = excluded.day";
inline constexpr const char* kKioskList =
    "SELECT id, label, last_seen, last_heard, requests_today, day FROM kiosks WHERE last_heard >= $1 ORDER BY id";
inline constexpr const char* kKioskForget = "DELETE FROM kiosks WHERE last_heard < $1";

template <class Row>
KioskSeen kiosk_from_row(Row& s) {
    return KioskSeen{s.text(0), s.text(1), s.i64(2), s.i64(3), int(s.i64(4)), s.i64(5)};
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
