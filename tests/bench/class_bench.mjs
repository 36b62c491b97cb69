// Workshop class benchmark (not a test): one presenter and 60 participants simulated
// over HTTP on loopback (each keeps its waiting call open, as the app does), plus 3 real
// app pages in headless Chromium. Prints one JSON line:
//  - step change → participant has it: from the volunteer's POST to each simulated
//    participant's answer, and to each real page's heading changing; p50/p95;
//  - raised hand → dashboard has it: from the participant's POST to the volunteer's
//    waiting dashboard call returning with that hand; p50/p95.
// Budget: p95 ≤ 500 ms for both.    node tests/bench/class_bench.mjs   (PEOPLE=60 CHANGES=15)
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { helpServer, launch, openApp, click, settle, waitFor, root } from "../e2e/lib.mjs";

const PEOPLE = Number(process.env.PEOPLE ?? 60);
const CHANGES = Number(process.env.CHANGES ?? 15);
const volunteer = ["laoshi", "李老师", "teachpass1"];
const server = await helpServer(mkdtempSync(join(tmpdir(), "anxin-class-bench-")), { volunteer, extra: ["--rate-limit", "0"] });
const hospital = JSON.parse(readFileSync(join(root, "assets", "guides", "hospital.json"), "utf8"));
const percentile = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s.length ? Math.round(s[Math.min(s.length - 1, Math.floor(p * s.length))] * 10) / 10 : null; };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// The volunteer's console session.
const login = await fetch(server.url + "api/console/login", { method: "POST", headers: { "Content-Type": "application/json" },
                                                              body: JSON.stringify({ username: volunteer[0], password: volunteer[2] }) });
const cookie = login.headers.get("set-cookie").split(";")[0];
const { csrf } = await login.json();
const desk = (method, path, body) => fetch(server.url + path, {
  method, headers: { Cookie: cookie, "X-CSRF-Token": csrf, "Content-Type": "application/json", Origin: server.url.replace(/\/$/, "") },
  body: body === undefined ? undefined : JSON.stringify(body),
});
const started = await (await desk("POST", "api/console/classes", { guide: "hospital" })).json();

// ---- Simulated participants: join, then one waiting call after another -----------------
let stepAt = 0;          // when the latest step change was sent (performance.now())
const stepDelays = [];
const participants = [];
let running = true;
for (let i = 0; i < PEOPLE; i++) {
  const r = await fetch(server.url + "api/classes/join", { method: "POST", headers: { "Content-Type": "application/json" },
                                                           body: JSON.stringify({ code: started.code, nickname: "学员" + i }) });
  const j = await r.json();
  participants.push({ token: j.token, version: j.version, step: j.step });
}
for (const p of participants)
  (async () => {
    while (running) {
      const r = await fetch(server.url + `api/classes/${p.token}?since=${p.version}`).catch(() => null);
      if (!r) { await sleep(200); continue; }
      const j = await r.json();
      if (j.version !== p.version && j.step !== p.step && stepAt) stepDelays.push(performance.now() - stepAt);
      p.version = j.version;
      p.step = j.step;
    }
  })();

// ---- Three real phones --------------------------------------------------------------------
const browser = await launch();
const phones = [];
for (let i = 0; i < 3; i++) {
  const page = await openApp(browser, server.url, { width: 390, height: 844, dpr: 1 });
  await click(page, "button", "参加课堂");
  for (const d of started.code) await click(page, "button", d);
  await click(page, "button", "进入课堂");
  await waitFor(page, "heading", hospital.steps[0].title, 10000);
  phones.push(page);
}
const pageDelays = [];

// ---- Step changes --------------------------------------------------------------------------
await sleep(500);
for (let c = 1; c <= CHANGES; c++) {
  const step = c % hospital.steps.length;
  const title = hospital.steps[step].title;
  const watching = phones.map((page) => page.waitForFunction((t) => {
    const heads = JSON.parse(UTF8ToString(Module._anxin_semantics_json())).filter((n) => n.role === "heading" && n.level === 1);
    return heads.length && heads[0].name === t;
  }, title, { polling: 5, timeout: 10000 }).then(() => performance.now()));
  stepAt = performance.now();
  await desk("POST", `api/console/classes/${started.id}/step`, { step });
  for (const t of await Promise.all(watching)) pageDelays.push(t - stepAt);
  await sleep(300);
}

// ---- Raised hands → the dashboard ----------------------------------------------------------
const handDelays = [];
const handSent = new Map();  // participant number → when its hand went up
let since = 0;
const dashboard = (async () => {
  while (running) {
    const r = await desk("GET", `api/console/classes/${started.id}?since=${since}`).catch(() => null);
    if (!r) continue;
    const d = await r.json();
    since = d.activity;
    const now = performance.now();
    for (const p of d.participants)
      if (p.hand_ms !== null && handSent.has(p.number)) {
        handDelays.push(now - handSent.get(p.number));
        handSent.delete(p.number);
      }
  }
})();
await sleep(200);
for (let i = 0; i < PEOPLE; i++) {
  handSent.set(i + 1, performance.now());
  await fetch(server.url + `api/classes/${participants[i].token}/hand`, { method: "POST", headers: { "Content-Type": "application/json" },
                                                                         body: JSON.stringify({ up: true }) });
  await sleep(20);
}
await sleep(1000);
running = false;
await desk("POST", `api/console/classes/${started.id}/end`);
await browser.close();
await server.stop();

console.log(JSON.stringify({
  participants: PEOPLE, real_pages: phones.length, step_changes: CHANGES,
  step_to_participant_ms: { p50: percentile(stepDelays, 0.5), p95: percentile(stepDelays, 0.95), n: stepDelays.length },
  step_to_real_page_ms: { p50: percentile(pageDelays, 0.5), p95: percentile(pageDelays, 0.95), n: pageDelays.length },
  hand_to_dashboard_ms: { p50: percentile(handDelays, 0.5), p95: percentile(handDelays, 0.95), n: handDelays.length, missed: handSent.size },
}));
process.exit(0);
