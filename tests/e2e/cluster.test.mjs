// A city's help desk: several server processes on one PostgreSQL database. A request
// created through one process is seen live and claimed through another; two helpers
// claiming at once on two processes: one wins; a kiosk calling in through one is listed by
// the other; a process killed (SIGKILL) in a burst of
// requests loses nothing it acknowledged and duplicates nothing; while the database is
// down every answer is 503 with Retry-After, and it serves again when the database is back.
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { consoleLogin, helpServer, launch, postgresServer } from "./lib.mjs";

const tmp = () => mkdtempSync(join(tmpdir(), "anxin-cluster-"));
let browser, pg;
before(async () => {
  browser = await launch();
  pg = await postgresServer();
});
after(async () => {
  await browser?.close();
  await pg?.stop();
});

// Two processes on one new database; accounts are created once, through the first.
async function twoProcesses() {
  const db = await pg.database();
  const a = await helpServer(tmp(), { db, helper: ["xiaojie", "小杰", "secretpass1"], admin: ["xiaomei", "小美", "secretpass2"] });
  const b = await helpServer(tmp(), { db, helper: null });
  return { db, a, b };
}

async function login(url, username, password) {
  const r = await fetch(url + "api/console/login", { method: "POST", headers: { "Content-Type": "application/json" },
                                                     body: JSON.stringify({ username, password }) });
  assert.equal(r.status, 200);
  return { cookie: r.headers.get("set-cookie").split(";")[0], csrf: (await r.json()).csrf };
}

function create(url, key, phone = "13800138000") {
  return fetch(url + "api/help-requests", {
    method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ idempotency_key: key, phone, context: { guide: "bus-qr", step: 2 } }),
  });
}

const claim = (url, who, id) => fetch(url + `api/console/requests/${id}/claim`, {
  method: "POST", headers: { Cookie: who.cookie, "X-CSRF-Token": who.csrf, "Content-Type": "application/json" }, body: "{}",
});

test("a request made through one process is seen live in a console on another, and claimed there", async () => {
  const { a, b } = await twoProcesses();
  try {
    const desk = await consoleLogin(browser, b.url);  // the console talks only to process B
    await desk.getByText("现在没有人在等。").waitFor();
    const r = await create(a.url, "cluster-live-0000001", "13900139000");
    assert.equal(r.status, 201);
    const { id } = await r.json();
    const card = desk.getByRole("article").first();
    await card.waitFor({ timeout: 10000 });  // B heard A's change (LISTEN/NOTIFY) and its queue shows it
    await card.getByRole("button", { name: "接单" }).click();
    await card.getByRole("button", { name: "正在打电话" }).waitFor();
    // The senior's app asks process A: the claim made through B is there.
    const status = await (await fetch(a.url + `api/help-requests/${id}`)).json();
    assert.equal(status.status, "accepted");
    assert.equal(status.helper, "小杰");
    assert.deepEqual(desk.errors, []);
    await desk.context().close();
  } finally {
    await a.stop();
    await b.stop();
  }
});

test("a kiosk calling in through one process is listed, with its requests, in the console of another", async () => {
  const { a, b } = await twoProcesses();
  try {
    const beat = await fetch(a.url + "api/kiosks/heartbeat", { method: "POST", headers: { "Content-Type": "application/json" },
                                                               body: JSON.stringify({ id: "xixi-1", place: "西溪社区 1号机" }) });
    assert.equal(beat.status, 200);
    const r = await fetch(b.url + "api/help-requests", { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ idempotency_key: "cluster-kiosk-000001", phone: "13900139000", context: { device: "kiosk:xixi-1|西溪社区 1号机" } }) });
    assert.equal(r.status, 201);
    const who = await login(b.url, "xiaojie", "secretpass1");
    const { kiosks } = await (await fetch(b.url + "api/console/kiosks", { headers: { Cookie: who.cookie } })).json();
    assert.deepEqual(kiosks.map((k) => [k.id, k.place, k.online, k.requests_today]), [["xixi-1", "西溪社区 1号机", true, 1]]);
  } finally {
    await a.stop();
    await b.stop();
  }
});

test("two helpers claiming the same request through two processes at once: exactly one wins, every time", async () => {
  const { a, b } = await twoProcesses();
  try {
    const jie = await login(a.url, "xiaojie", "secretpass1");
    const mei = await login(b.url, "xiaomei", "secretpass2");  // a session made on A works on B: it is in the database
    const queue = async () => (await (await fetch(b.url + "api/console/queue", { headers: { Cookie: mei.cookie } })).json()).requests;
    for (let i = 0; i < 20; i++) await create(i % 2 ? a.url : b.url, `cluster-race-${String(i).padStart(8, "0")}`, "1380013" + String(8000 + i));
    const ids = (await queue()).map((r) => r.id);
    assert.equal(ids.length, 20);
    let exactlyOne = 0;
    for (const id of ids) {
      const [x, y] = await Promise.all([claim(a.url, jie, id), claim(b.url, mei, id)]);
      if ([x.status, y.status].sort().join() === "200,409") exactlyOne++;
    }
    assert.equal(exactlyOne, 20);
    const claimed = await queue();
    assert.ok(claimed.every((r) => r.helper === "小杰" || r.helper === "小美"));
  } finally {
    await a.stop();
    await b.stop();
  }
});

test("a process killed with SIGKILL in a burst of requests: nothing acknowledged is lost, nothing is stored twice", async () => {
  const { db, a, b } = await twoProcesses();
  try {
    // 40 apps, each sending 10 requests to either process; an app that gets no answer sends
    // the same request again (the same idempotency key), to the other process, as its outbox does.
    const acknowledged = new Map();  // key → public id
    let failedOver = 0, byA = 0;
    const send = async (key, first) => {
      for (const url of [first, first === a.url ? b.url : a.url]) {
        try {
          const r = await create(url, key, "1370000" + key.slice(-4));
          if (r.status === 201 || r.status === 200) {
            acknowledged.set(key, (await r.json()).id);
            if (url === a.url && ++byA === 60) a.proc.kill("SIGKILL");  // in the middle of the burst, however fast it goes
            return;
          }
        } catch { /* the connection died with the process */ }
        failedOver++;
      }
    };
    const apps = Array.from({ length: 40 }, async (_, n) => {
      for (let i = 0; i < 10; i++) await send(`burst-${String(n).padStart(3, "0")}-${String(i).padStart(8, "0")}`, (n + i) % 2 ? a.url : b.url);
    });
    await Promise.all(apps);
    await once_exited(a.proc);
    const rows = (await pg.sql(db, "SELECT idempotency_key || ' ' || public_id FROM requests WHERE idempotency_key LIKE 'burst-%'")).split("\n").filter(Boolean);
    const stored = new Map(rows.map((line) => line.split(" ")));
    console.log(`burst: ${acknowledged.size} acknowledged, ${stored.size} stored, ${rows.length} rows, ${failedOver} sent again to the other process`);
    assert.equal(acknowledged.size, 400, "every app's request was acknowledged by one process or the other");
    assert.equal(rows.length, stored.size, "no key is stored twice");
    assert.equal(stored.size, 400);
    for (const [key, id] of acknowledged) assert.equal(stored.get(key), id, `${key} is stored as acknowledged`);
    assert.ok(failedOver > 0, "the kill happened during the burst");
  } finally {
    await a.stop();
    await b.stop();
  }
});

function once_exited(proc) {
  return proc.exitCode !== null || proc.signalCode !== null ? Promise.resolve() : new Promise((resolve) => proc.once("exit", resolve));
}

test("the database down: clear 503 answers with Retry-After; when it is back, the same request goes through", async () => {
  const own = await postgresServer({ own: true });
  const server = await helpServer(tmp(), { db: await own.database() });
  try {
    await own.pause();
    const down = await create(server.url, "cluster-down-0000001");
    assert.equal(down.status, 503);
    assert.equal(down.headers.get("retry-after"), "2");
    assert.match((await down.json()).error, /database is not reachable/);
    const status = await fetch(server.url + "api/help-requests/" + "0".repeat(32));
    assert.equal(status.status, 503, "a status check cannot say 'no such request' when it could not look");
    const loginDown = await fetch(server.url + "api/console/login", { method: "POST", headers: { "Content-Type": "application/json" },
                                                                     body: JSON.stringify({ username: "xiaojie", password: "secretpass1" }) });
    assert.equal(loginDown.status, 503);
    const page = await fetch(server.url);
    assert.equal(page.status, 200, "the app itself is still served");
    await own.resume();
    const back = await create(server.url, "cluster-down-0000001");  // the outbox sends it again
    assert.equal(back.status, 201);
    const again = await create(server.url, "cluster-down-0000001");
    assert.equal(again.status, 200, "and only once");
    assert.equal(server.proc.exitCode, null, "the server kept running");
  } finally {
    await server.stop();
    await own.stop();
  }
});
