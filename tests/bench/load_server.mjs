// Load benchmark for the help server (not a test). Prints one JSON line per store.
//
// CLIENTS apps (200) each send a call-back request, then check its status every PACE_MS
// (250 ms: forty times as often as the app, which checks every 10 s), sending a new request
// every 10th time. HELPERS consoles (10) each keep a live event stream open and read the
// queue whenever it says something changed (at most every 500 ms), as the console does.
// For DURATION_S seconds (30). PACE_MS=0 sends as fast as answers come (throughput).
//
// STORES=sqlite,postgresql: SQLite with one server process; PostgreSQL with PROCESSES (2)
// server processes, the apps and consoles spread over them. PostgreSQL is the one the test
// command started (ANXIN_TEST_PG), or one started here. CLOSED=100000 first fills the
// database with that many closed requests (to see that reads do not slow down as they pile up).
// Reports p50/p99 for all requests and for creates, status checks and queue reads alone,
// errors, and the servers' largest resident memory (RSS, all processes together). The first
// WARMUP_S seconds, when every app connects at once, count as errors if they fail, but their
// times are reported only as warmup_max_ms. Before the load, one client alone reads a status
// 300 times and the queue (20 open requests) 100 times: alone_status_p50_ms, alone_queue_p50_ms.
// Loopback only: fresh databases, servers on free ports, bounded in time.
//   node tests/bench/load_server.mjs
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import http from "node:http";
import { helpServer, postgresServer, root } from "../e2e/lib.mjs";

const CLIENTS = Number(process.env.CLIENTS ?? 200);
const HELPERS = Number(process.env.HELPERS ?? 10);
const PACE_MS = Number(process.env.PACE_MS ?? 250);
const DURATION_S = Number(process.env.DURATION_S ?? 30);
const PROCESSES = Number(process.env.PROCESSES ?? 2);
const CLOSED = Number(process.env.CLOSED ?? 0);
const WARMUP_S = Number(process.env.WARMUP_S ?? 2);  // the first seconds (200 connections opening at once) are reported apart
const STORES = (process.env.STORES ?? "sqlite,postgresql").split(",");

// One kept-alive connection per app or console, as on real devices. A connection idle for 4 s
// is closed here, before the server closes it at 5 s: a request sent on a connection the
// server is closing at that moment fails (browsers send it again; this benchmark would count it).
const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS + 2 * HELPERS, timeout: 4000 });
function fetch(url, { method = "GET", headers = {}, body, signal } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent, signal }, (res) => {
      resolve({ ok: res.statusCode < 400, status: res.statusCode, headers: { get: (h) => [].concat(res.headers[h.toLowerCase()] ?? [])[0] ?? null },
                body: res, text: () => new Promise((done) => { let t = ""; res.setEncoding("utf8"); res.on("data", (d) => { t += d; }); res.on("end", () => done(t)); }) });
    });
    req.on("error", reject);
    req.end(body);
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const tmp = () => mkdtempSync(join(tmpdir(), "anxin-load-"));

// CLOSED finished requests (one a second, back from now), written straight into the database
// before the servers start.
function fillClosed(db) {
  if (!CLOSED) return;
  const now = Date.now();  // closed in the last days: within the retention time, so they stay
  const insert = `INSERT INTO requests (public_id, idempotency_key, phone, context, priority, status, helper_id, promised_at,
                  outcome, created_at, updated_at, closed_at) `;
  if (db.startsWith("postgresql://")) {
    execFileSync("psql", [db, "-q", "-c", insert + `SELECT md5('p' || i), 'closed-' || i, '139' || lpad(i::text, 8, '0'), '{}', 0, 'done',
      1, 0, '好了', ${now} - i * 1000, ${now} - i * 1000, ${now} - i * 1000 FROM generate_series(1, ${CLOSED}) AS i`]);
    execFileSync("psql", [db, "-q", "-c", "VACUUM ANALYZE requests"]);  // as a database that has run for a while
  } else {
    execFileSync("python3", ["-c", `import sqlite3,sys,hashlib
c = sqlite3.connect(sys.argv[1])
c.executemany("""${insert} VALUES (?, ?, ?, '{}', 0, 'done', 1, 0, '好了', ?, ?, ?)""",
  ((hashlib.md5(b'p%d' % i).hexdigest(), 'closed-%d' % i, '139%08d' % i, ${now} - i * 1000, ${now} - i * 1000, ${now} - i * 1000)
   for i in range(1, ${CLOSED} + 1)))
c.commit()`, db]);
  }
}

function rssKb(pid) {
  try { return Number(readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+)/)[1]); } catch { return 0; }
}

async function run(store) {
  let pg = null, db;
  if (store === "postgresql") {
    pg = await postgresServer();
    db = await pg.database();
  } else {
    db = join(tmp(), "help.db");
  }
  const n = store === "postgresql" ? PROCESSES : 1;
  const servers = [];
  const cleanUp = () => { servers.forEach((s) => s.proc.kill()); if (pg?.dir) execFileSync(join(root, "tools", "test_postgres.sh"), ["stop", pg.dir]); };
  process.once("exit", cleanUp);  // no server outlives a failed run
  const first = await helpServer(tmp(), { db, helper: ["xiaojie", "小杰", "secretpass1"] });
  await first.stop();
  fillClosed(db);
  const extra = process.env.DB_CONNECTIONS && store === "postgresql" ? ["--db-connections", process.env.DB_CONNECTIONS] : [];  // default 20
  for (let i = 0; i < n; i++) servers.push(await helpServer(tmp(), { db, helper: null, extra }));

  // Alone first: 20 open requests, then 300 status checks and 100 queue reads one after another,
  // so the cost of a read can be compared with and without CLOSED requests in the database.
  const probe = { status: [], queue: [] };
  let cookie;  // one helper's session, for every console (logins are rate-limited; sessions live in the database)
  {
    const url = servers[0].url;
    let id;
    for (let i = 0; i < 20; i++) {
      const r = await fetch(url + "api/help-requests", { method: "POST", headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ idempotency_key: `probe-${i}-xxxxxxxxxxxx`, phone: "1370000" + String(1000 + i), context: { guide: "bus-qr", step: 2 } }) });
      id = JSON.parse(await r.text()).id;
    }
    const login = await fetch(url + "api/console/login", { method: "POST", headers: { "Content-Type": "application/json" },
                                                           body: JSON.stringify({ username: "xiaojie", password: "secretpass1" }) });
    await login.text();
    cookie = login.headers.get("set-cookie").split(";")[0];
    for (let i = 0; i < 400; i++) {
      const t0 = performance.now();
      const r = await (i % 4 === 3 ? fetch(url + "api/console/queue", { headers: { Cookie: cookie } }) : fetch(url + `api/help-requests/${id}`));
      await r.text();
      (i % 4 === 3 ? probe.queue : probe.status).push(performance.now() - t0);
    }
  }

  const all = [], polls = [], queues = [], made = [];
  let errors = 0, creates = 0, maxRss = 0, warmupMax = 0;
  const errorKinds = {};  // HTTP status or socket error → how many
  const failed = (kind) => { errors++; errorKinds[kind] = (errorKinds[kind] ?? 0) + 1; };
  const end = Date.now() + DURATION_S * 1000, warm = Date.now() + WARMUP_S * 1000;
  const rssTimer = setInterval(() => { maxRss = Math.max(maxRss, servers.reduce((s, x) => s + rssKb(x.proc.pid), 0)); }, 500);

  async function timed(list, fn) {
    const t0 = performance.now();
    try {
      const r = await fn();
      const body = await r.text();
      const ms = performance.now() - t0;
      if (Date.now() < warm) warmupMax = Math.max(warmupMax, ms);
      else {
        all.push(ms);
        list.push(ms);
      }
      if (!r.ok) failed(r.status);
      return r.ok ? body : null;
    } catch (e) {
      failed(e.code ?? e.message);
      return null;
    }
  }

  async function app(k) {
    const url = servers[k % n].url;
    let id = null;
    await sleep(Math.random() * (PACE_MS || 1));  // apps do not start in step
    for (let i = 0; Date.now() < end; i++) {
      const t0 = Date.now();
      if (!id || i % 10 === 0) {
        creates++;
        const body = await timed(made, () => fetch(url + "api/help-requests", {
          method: "POST", headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ idempotency_key: `load-${k}-${i}-xxxxxxxx`, phone: "138" + String(k * 100000 + i).padStart(8, "0"),
                                 context: { guide: "bus-qr", step: 2 } }),
        }));
        if (body) id = JSON.parse(body).id;
      } else {
        await timed(polls, () => fetch(url + `api/help-requests/${id}`));
      }
      if (PACE_MS) await sleep(Math.max(0, PACE_MS - (Date.now() - t0)));
    }
  }

  async function consoleUser(k) {
    const url = servers[k % n].url;
    const controller = new AbortController();
    const events = await fetch(url + "api/console/events", { headers: { Cookie: cookie }, signal: controller.signal });
    let changed = true;
    events.body.on("data", () => { changed = true; });
    events.body.on("error", () => {});
    while (Date.now() < end) {
      if (changed) {
        changed = false;
        await timed(queues, () => fetch(url + "api/console/queue", { headers: { Cookie: cookie } }));
      }
      await sleep(500);
    }
    controller.abort();
  }

  const t0 = Date.now();
  await Promise.all([...Array.from({ length: CLIENTS }, (_, k) => app(k)), ...Array.from({ length: HELPERS }, (_, k) => consoleUser(k))]);
  const seconds = (Date.now() - t0) / 1000;
  clearInterval(rssTimer);
  for (const s of servers) await s.stop();
  await pg?.stop();
  process.off("exit", cleanUp);
  const pct = (list, p) => {
    const a = [...list].sort((x, y) => x - y);
    return a.length ? +a[Math.min(a.length - 1, Math.floor(p * a.length))].toFixed(1) : null;
  };
  console.log(JSON.stringify({
    benchmark: "anxin-help-server-load", store, processes: n, clients: CLIENTS, helpers: HELPERS, pace_ms: PACE_MS, closed: CLOSED,
    seconds: +seconds.toFixed(1), creates, requests_per_s: +((all.length + errors) / (seconds - WARMUP_S)).toFixed(0),
    p50_ms: pct(all, 0.5), p99_ms: pct(all, 0.99), create_p50_ms: pct(made, 0.5), create_p99_ms: pct(made, 0.99), status_p50_ms: pct(polls, 0.5), status_p99_ms: pct(polls, 0.99),
    queue_p50_ms: pct(queues, 0.5), queue_p99_ms: pct(queues, 0.99), queue_reads: queues.length, errors, error_kinds: errorKinds,
    alone_status_p50_ms: pct(probe.status, 0.5), alone_queue_p50_ms: pct(probe.queue, 0.5), warmup_max_ms: +warmupMax.toFixed(1), max_rss_mb: +(maxRss / 1024).toFixed(1),
  }));
}

for (const store of STORES) await run(store);
