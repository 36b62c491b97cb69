// One-key human help, end to end: the help server (its own program, SQLite),
// the app in headless Chromium sending a call-back request with its context,
// a helper in the console (also in the browser) seeing it live, claiming it,
// promising a time and finishing it — and the app showing each step.
// Also: offline and reload, a crash in the middle of a burst, and bad input.
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { click, consoleLogin as openConsole, helpServer, launch, openApp, openGuide, semantics, serve, waitFor, waitForFirstFrame } from "./lib.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const tmp = () => mkdtempSync(join(tmpdir(), "anxin-help-"));

async function askForCallBack(page, digits) {
  await click(page, "button", "找人帮忙");
  await click(page, "button", "请人给我回电");
  for (const d of digits) await click(page, "button", d);
  await click(page, "button", "发送，请人回电");
}

const consoleLogin = (url, account) => openConsole(browser, url, account);

// Node-side API calls, as a helper's browser would make them.
async function login(url) {
  const r = await fetch(url + "api/console/login", { method: "POST", headers: { "Content-Type": "application/json" },
                                                     body: JSON.stringify({ username: "xiaojie", password: "secretpass1" }) });
  assert.equal(r.status, 200);
  return { cookie: r.headers.get("set-cookie").split(";")[0], csrf: (await r.json()).csrf };
}
async function queue(url, who) {
  const r = await fetch(url + "api/console/queue?limit=500", { headers: { Cookie: who.cookie } });
  const j = await r.json();
  assert.equal(j.total, j.requests.length, "the whole queue was listed");
  return j.requests;
}

test("a senior asks for a call-back from a guide step; a helper sees it live, claims it, promises, finishes; the app follows", async () => {
  const server = await helpServer(tmp());
  try {
    const desk = await consoleLogin(server.url);
    await desk.getByText("现在没有人在等。").waitFor();

    const app = await openApp(browser, server.url, { width: 390, height: 844, dpr: 2 });
    await openGuide(app, "防骗子");
    await click(app, "button", "开始学习");
    await askForCallBack(app, "13800138000");
    await waitFor(app, "status", /^已经收到！\d\d:\d\d 前给您回电（大约 10 分钟）。$/);

    // Live in the console (server-sent events), with everything the senior already told the app;
    // the whole number only for the helper who takes the request (接单 is recorded in the audit log).
    const waiting = desk.getByRole("article", { name: "求助 138****8000" });
    await waiting.waitFor({ timeout: 10000 });
    await waiting.getByText("在学：防骗子，第 1 步（自称警察要您转账）").waitFor();
    await waiting.getByText("老年人，说普通话，设备：手机").waitFor();
    await waiting.getByText("接单后显示完整号码").waitFor();
    await waiting.getByRole("button", { name: "接单" }).click();
    const card = desk.getByRole("article", { name: "求助 13800138000" });
    await card.waitFor();
    await waitFor(app, "status", /^小杰 已经接手，\d\d:\d\d 前给您打电话（大约 10 分钟）。$/);

    await card.getByLabel("多少分钟内回电").selectOption("5");
    await card.getByRole("button", { name: "答应回电时间" }).click();
    // The promise as a time of day too, on the device's own clock: five minutes from now.
    const promised = await waitFor(app, "status", /^小杰 已经接手，(\d\d):(\d\d) 前给您打电话（大约 5 分钟）。$/);
    const [, hh, mm] = promised.name.match(/(\d\d):(\d\d)/);
    const now = new Date();
    const minutesAhead = (Number(hh) * 60 + Number(mm) - (now.getHours() * 60 + now.getMinutes()) + 1440) % 1440;
    assert.ok(minutesAhead >= 4 && minutesAhead <= 6, `promised ${hh}:${mm}, ${minutesAhead} minutes ahead`);
    await card.getByRole("button", { name: "正在打电话" }).click();
    await waitFor(app, "status", "小杰 正在给您打电话，请留意来电。");
    // Another request arrives while the helper types: the list is drawn again, and the draft
    // and the cursor stay where they were.
    const outcome = card.getByLabel("结果（必填）");
    await outcome.click();
    await desk.keyboard.type("教会了她");
    const other = await fetch(server.url + "api/help-requests", { method: "POST", headers: { "Content-Type": "application/json" },
                                                                  body: JSON.stringify({ idempotency_key: "arrives-while-typing-01", phone: "13900139000" }) });
    assert.equal(other.status, 201);
    await desk.getByRole("article", { name: "求助 139****9000" }).waitFor();
    assert.equal(await outcome.inputValue(), "教会了她");
    await desk.keyboard.type("认出冒充警察的电话");
    assert.equal(await outcome.inputValue(), "教会了她认出冒充警察的电话");
    await card.getByRole("button", { name: "完成" }).click();
    await waitFor(app, "status", "已经帮完了。谢谢您的耐心！");
    {  // the other request is finished too, so the desk is empty again
      const who = await login(server.url), id = (await queue(server.url, who)).find((r) => r.phone === "139****9000").id;
      const post = (path, body) => fetch(server.url + path, { method: "POST", headers: { Cookie: who.cookie, "X-CSRF-Token": who.csrf, "Content-Type": "application/json" },
                                                              body: JSON.stringify(body) });
      assert.equal((await post(`api/console/requests/${id}/claim`, {})).status, 200);
      assert.equal((await post(`api/console/requests/${id}/status`, { status: "done", outcome: "回过电了" })).status, 200);
    }
    await desk.getByRole("button", { name: "我帮过的" }).click();
    await desk.getByText("结果：教会了她认出冒充警察的电话").waitFor();

    // The same phone asks again: it goes back to the helper who knows the case.
    await click(app, "button", "好的，回首页");
    await askForCallBack(app, "");  // the number is remembered
    await waitFor(app, "status", /^已经收到！\d\d:\d\d 前给您回电（大约 10 分钟）。$/);
    await desk.getByRole("button", { name: "待处理" }).click();
    await desk.getByText("老朋友：您以前帮过 TA").waitFor();
    assert.deepEqual(app.errors, []);
    assert.deepEqual(desk.errors, []);
    await app.context().close();
    await desk.context().close();
  } finally {
    await server.stop();
  }
});

test("a report from a guide step reaches the console, is answered there, and the answer shows in the app", async () => {
  const admin = ["laowang", "老王", "adminpass1"];
  const server = await helpServer(tmp(), { admin });
  try {
    const app = await openApp(browser, server.url, { width: 1280, height: 900 });
    await openGuide(app, "医院挂号");
    await click(app, "button", "开始学习");
    await click(app, "button", "下一步");
    await click(app, "button", "这一步有问题？告诉我们");
    await click(app, "radio", "读屏软件用不了");
    await click(app, "button", "发送");
    await waitFor(app, "text", "已经收到，还在等回答。", 10000);

    // A helper can answer, and report what a senior said on the phone; only an admin marks a step fixed.
    const helperDesk = await consoleLogin(server.url);
    await helperDesk.getByRole("button", { name: "内容反馈" }).click();
    const seen = helperDesk.getByRole("article").filter({ hasText: "医院挂号 第 2 步：读屏软件用不了" });
    await seen.waitFor();
    assert.equal(await seen.getByRole("button", { name: "已改好，回答" }).count(), 0);
    const form = helperDesk.getByRole("form", { name: "报告一个问题" });
    await form.getByLabel("哪个指南").selectOption("bus-qr");
    await form.getByLabel("第几步").selectOption("3");
    await form.getByLabel("什么问题").selectOption("does_not_match");
    await form.getByLabel("说明").fill("王奶奶的手机上没有“出行”，在“更多”里");
    await form.getByRole("button", { name: "发送报告" }).click();
    await helperDesk.getByText("“王奶奶的手机上没有“出行”，在“更多”里”").waitFor();
    await helperDesk.context().close();

    const desk = await consoleLogin(server.url, admin);
    await desk.getByRole("button", { name: "内容反馈" }).click();
    const card = desk.getByRole("article").filter({ hasText: "医院挂号 第 2 步：读屏软件用不了" });
    await card.waitFor();
    await card.getByLabel("回答").fill("谢谢！这一步已经加上了读屏软件的说法。");
    await card.getByRole("button", { name: "已改好，回答" }).click();
    await card.getByText("状态：已改好").waitFor();

    await click(app, "button", "返回");
    await click(app, "button", "回首页");
    await click(app, "button", "设置");
    await click(app, "button", "我的反馈");
    await waitFor(app, "text", "已经改好了。回答：谢谢！这一步已经加上了读屏软件的说法。", 10000);
    await app.context().close();
    await desk.context().close();
  } finally {
    await server.stop();
  }
});

test("offline: sent while the server is down, the page reloaded, the server started: the request arrives exactly once", async () => {
  const server = await helpServer(tmp());
  await server.stop();
  const front = await serve(undefined, server.port);  // the app's own address, passing /api/ on to the help server
  try {
    const app = await openApp(browser, front.url, { width: 1280, height: 900 });
    await askForCallBack(app, "13900139000");
    await waitFor(app, "status", "现在连不上网。您的请求已经存在这台设备上，一连上网就会自动发出去（已经试了 1 次）。", 10000);
    await app.reload();
    await waitForFirstFrame(app);  // the new page's runtime, not the old one's
    await click(app, "button", "找人帮忙");
    await click(app, "button", "查看回电进度");
    await waitFor(app, "status", "现在连不上网。您的请求已经存在这台设备上，一连上网就会自动发出去（已经试了 2 次）。", 10000);
    await server.start();
    await waitFor(app, "status", /^已经收到！\d\d:\d\d 前给您回电（大约 10 分钟）。$/, 40000);
    const list = await queue(server.url, await login(server.url));
    assert.equal(list.filter((r) => r.phone === "139****9000").length, 1);  // nobody's yet: the number is masked
    await app.context().close();
  } finally {
    front.stop();
    await server.stop();
  }
});

test("kill -9 during a burst: no acknowledged request is lost and none is duplicated", async () => {
  const server = await helpServer(tmp());
  const keys = Array.from({ length: 200 }, (_, i) => `crash-test-key-${String(i).padStart(4, "0")}`);
  const send = (key) => fetch(server.url + "api/help-requests", {
    method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ idempotency_key: key, phone: "1380000" + String(keys.indexOf(key)).padStart(4, "0") }),
  }).then(async (r) => ({ key, status: r.status, body: await r.json() })).catch(() => ({ key, status: 0 }));
  try {
    const acked = new Map();
    let killed = false;
    for (let i = 0; i < keys.length; i += 20) {
      const batch = keys.slice(i, i + 20).map(send);
      if (i === 100) { await new Promise((r) => setTimeout(r, 5)); await server.stop("SIGKILL"); killed = true; }  // mid-batch
      for (const r of await Promise.all(batch)) if (r.status === 201 || r.status === 200) acked.set(r.key, r.body.id);
      if (killed) break;
    }
    assert.ok(killed && acked.size >= 100, `${acked.size} acknowledged before the crash`);
    await server.start();
    // Every acknowledged request is still there, with the same id.
    for (const [key, id] of acked) {
      const r = await fetch(server.url + `api/help-requests/${id}`);
      assert.equal(r.status, 200, `acknowledged ${key} survived`);
    }
    // Clients retry everything not acknowledged (and some that were): still one each.
    const retried = await Promise.all(keys.map(send));
    assert.ok(retried.every((r) => r.status === 200 || r.status === 201));
    for (const r of retried) if (acked.has(r.key)) assert.equal(r.body.id, acked.get(r.key));
    const list = await queue(server.url, await login(server.url));
    assert.equal(list.length, keys.length, "one request per key, none lost, none twice");
  } finally {
    await server.stop();
  }
});

test("a long queue lists the first 50 in order and the helper's own; the console says how many more wait", async () => {
  const server = await helpServer(tmp(), { extra: ["--rate-limit", "0"] });
  try {
    const send = (i) => fetch(server.url + "api/help-requests", { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ idempotency_key: `long-queue-key-${String(i).padStart(4, "0")}`, phone: "1390000" + String(1000 + i) }) }).then((r) => r.json());
    for (let i = 0; i < 60; i++) assert.ok((await send(i)).id);
    const who = await login(server.url);
    // The newest (last in order) is claimed by this helper: it is listed although it is not among the first 50.
    const newest = (await queue(server.url, who)).at(-1);
    const claim = await fetch(server.url + `api/console/requests/${newest.id}/claim`, { method: "POST", headers: { Cookie: who.cookie, "X-CSRF-Token": who.csrf } });
    assert.equal(claim.status, 200);
    const page = await (await fetch(server.url + "api/console/queue", { headers: { Cookie: who.cookie } })).json();
    assert.equal(page.total, 60);
    assert.equal(page.requests.length, 51);
    assert.deepEqual(page.requests.slice(0, 50).map((r) => r.phone), Array.from({ length: 50 }, (_, i) => "139****" + (1000 + i)),
                     "the oldest 50, oldest first");
    assert.equal(page.requests[50].phone, "13900001059", "and my own, with its whole number");
    const two = await (await fetch(server.url + "api/console/queue?limit=2", { headers: { Cookie: who.cookie } })).json();
    assert.deepEqual([two.total, two.requests.length], [60, 3]);

    const desk = await consoleLogin(server.url);
    await desk.getByText("还有 9 个在等，没有列出。先处理上面的，处理完会自动补上。").waitFor();
    assert.equal(await desk.getByRole("article").count(), 51);
    await desk.getByText("(60)").waitFor();
    assert.deepEqual(desk.errors, []);
  } finally {
    await server.stop();
  }
});

test("bad input gets a clear 4xx error and nothing is stored", async () => {
  const server = await helpServer(tmp(), { extra: ["--rate-limit", "0"] });
  const post = (path, body, headers = {}) => fetch(server.url + path, {
    method: "POST", headers: { "Content-Type": "application/json", ...headers }, body: typeof body === "string" ? body : JSON.stringify(body),
  }).then(async (r) => ({ status: r.status, body: await r.json() }));
  const good = { idempotency_key: "bad-input-test-0001", phone: "13800138000" };
  try {
    const cases = [
      [post("api/help-requests", "{not json"), 400, "the body is not a JSON object"],
      [post("api/help-requests", "x".repeat(20000)), 413, "the request is larger than 8 KB"],
      [post("api/help-requests", { ...good, phone: "12345" }), 400, "phone must be a phone number of 7 to 15 digits"],
      [post("api/help-requests", { ...good, phone: "1'; DROP TABLE requests;--" }), 400, "phone must be a phone number of 7 to 15 digits"],
      [post("api/help-requests", { ...good, idempotency_key: "short" }), 400, "idempotency_key must be 16 to 64 letters, digits or '-'"],
      [post("api/help-requests", { ...good, context: { guide: "x' OR 1=1 --" } }), 400, "context.guide 'x' OR 1=1 --' is not a known guide"],
      [post("api/help-requests", { ...good, context: { step: 9999 } }), 400, "context.step must be a whole number from 0 to 50"],
      [post("api/reports", { guide: "bus-qr", step: 1, kind: "nonsense" }), 400, "kind must be step_wrong, does_not_match, screen_reader or other"],
      [post("api/console/login", { username: "xiaojie", password: "wrong" }), 401, "wrong name or password"],
      [post("api/console/login", { username: "' OR '1'='1", password: "' OR '1'='1" }), 401, "wrong name or password"],
      [fetch(server.url + "api/console/queue").then(async (r) => ({ status: r.status, body: await r.json() })), 401, "please log in"],
    ];
    const who = await login(server.url);
    for (const limit of ["0", "501", "abc", "", "-1", "1e2"])
      cases.push([fetch(server.url + "api/console/queue?limit=" + limit, { headers: { Cookie: who.cookie } }).then(async (r) => ({ status: r.status, body: await r.json() })),
                  400, "limit must be a whole number from 1 to 500"]);
    for (const [promise, status, message] of cases) {
      const r = await promise;
      assert.equal(r.status, status, message);
      assert.equal(r.body.error, message);
    }
    // CSRF: a logged-in helper's cookie alone cannot change anything.
    await post("api/help-requests", good);
    const [req] = await queue(server.url, who);
    const noToken = await post(`api/console/requests/${req.id}/claim`, {}, { Cookie: who.cookie });
    assert.equal(noToken.status, 403);
    const otherSite = await post(`api/console/requests/${req.id}/claim`, {}, { Cookie: who.cookie, "X-CSRF-Token": who.csrf, Origin: "http://evil.example" });
    assert.equal(otherSite.status, 403);
    // Roles: a helper (not an admin) cannot mark a guide step fixed.
    await post("api/reports", { idempotency_key: "bad-input-report-01", guide: "bus-qr", step: 1, kind: "other" });
    const [report] = (await (await fetch(server.url + "api/console/reports", { headers: { Cookie: who.cookie } })).json()).reports;
    const fixed = await post(`api/console/reports/${report.id}/answer`, { answer: "改好了", status: "fixed" }, { Cookie: who.cookie, "X-CSRF-Token": who.csrf });
    assert.equal(fixed.status, 403);
    assert.equal(fixed.body.error, "only an author or an admin can mark a guide fixed");
    const list = await queue(server.url, who);
    assert.equal(list.length, 1, "only the one good request was stored");
    assert.equal(list[0].status, "waiting", "and nobody claimed it");
    // Rate limits per client.
    const limited = await helpServer(tmp(), { extra: ["--rate-limit", "3"] });
    const codes = [];
    for (let i = 0; i < 5; i++) {
      const r = await fetch(limited.url + "api/help-requests", { method: "POST", body: JSON.stringify({ ...good, idempotency_key: `rate-limit-key-${i}0000` }) });
      codes.push(r.status);
    }
    assert.deepEqual(codes, [201, 201, 201, 429, 429]);
    await limited.stop();
  } finally {
    await server.stop();
  }
});

test("SIGTERM stops the server cleanly", async () => {
  const server = await helpServer(tmp());
  const exited = new Promise((resolve) => server.proc.on("exit", (code) => resolve(code)));
  server.proc.kill("SIGTERM");
  assert.equal(await exited, 0);
});
