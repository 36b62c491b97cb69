// What both stores read the same way: the columns of a request (with its helpers' names),
// a helper, a kiosk and a report, and how a row of them becomes a struct. `Row` is anything with
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

// SQL both stores run is written with PostgreSQL's placeholders ($1); SQLite reads them as
// ?1 (numbered() in sqlite_store.cpp).

// The open requests one helper's queue shows: queue_before in SQL picks the first $3, and
// the helper's own claimed ones are added. $1: now, $2: the helper.
inline constexpr const char* kQueueWhere =
    "WHERE r.status <> 'done' AND (r.helper_id = $2 OR r.id IN (SELECT id FROM requests WHERE status <> 'done' "
    "ORDER BY CASE WHEN promised_at < $1 THEN 0 ELSE 1 END, CASE WHEN previous_helper_id = $2 THEN 0 ELSE 1 END, "
    "priority DESC, created_at, id LIMIT $3))";

// Kiosks. A new kiosk is added only while there are fewer than the last parameter (Store::kMaxKiosks).
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

// A helper account; the list of accounts reads "" for the password hash.
inline constexpr const char* kHelperColumns = "id, username, display_name, role, password_hash, disabled FROM helpers ";
inline constexpr const char* kHelperListColumns = "id, username, display_name, role, '', disabled FROM helpers ";

template <class Row>
Helper helper_from_row(Row& s) {
    Helper h;
    h.id = s.i64(0);
    h.username = s.text(1);
    h.display_name = s.text(2);
    h.role = s.text(3);
    h.password_hash = s.text(4);
    h.disabled = s.i64(5) != 0;
    return h;
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
