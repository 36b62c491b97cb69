// Guides published without a rebuild: the help server serves the guides (versioned,
// ETag / 304), an author publishes a fix (checked by the app's own validator, so a
// broken one is refused with its messages), rolls back; an app already open shows
// the fix when it next returns home, and still shows it offline after a reload.
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { click, consoleLogin, find, helpServer, launch, openApp, openGuide, screenshot, semantics, serve, waitFor, waitForFirstFrame } from "./lib.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function login(url, username, password) {
  const r = await fetch(url + "api/console/login", { method: "POST", headers: { "Content-Type": "application/json" },
                                                     body: JSON.stringify({ username, password }) });
  assert.equal(r.status, 200);
  return { Cookie: r.headers.get("set-cookie").split(";")[0], "X-CSRF-Token": (await r.json()).csrf };
}
async function post(url, path, body, who) {
  const r = await fetch(url + path, { method: "POST", headers: { "Content-Type": "application/json", ...who }, body: JSON.stringify(body) });
  return { status: r.status, body: await r.json() };
}

test("the server serves the guides by version; an author publishes a fix, a broken draft is refused, a rollback restores", async () => {
  const server = await helpServer(mkdtempSync(join(tmpdir(), "anxin-content-")), { author: ["laowang", "老王", "authorpass1"] });
  try {
    // Version 1 is the shipped guides.
    let r = await fetch(server.url + "api/content");
    assert.equal(r.status, 200);
    assert.equal(r.headers.get("etag"), '"1"');
    const v1 = await r.json();
    assert.equal(v1.version, 1);
    assert.ok(v1.files["guides/bus-qr.json"] && v1.files["guides/index.json"].groups);
    const served = Number(r.headers.get("content-length") ?? JSON.stringify(v1).length);
    console.log(`# content served: ${served} bytes, ${Object.keys(v1.files).length - 2} guides`);
    // An unchanged check costs a 304 with no body, by ETag or by ?have=.
    r = await fetch(server.url + "api/content", { headers: { "If-None-Match": '"1"' } });
    assert.equal(r.status, 304);
    assert.equal((await r.text()).length, 0);
    assert.equal((await fetch(server.url + "api/content?have=1")).status, 304);

    const author = await login(server.url, "laowang", "authorpass1");
    const helper = await login(server.url, "xiaojie", "secretpass1");
    const files = structuredClone(v1.files);
    files["guides/bus-qr.json"].steps[0].text = "改好的说法：在手机上找到名字叫“支付宝”的图标，点一下。";
    // Only authors publish.
    let p = await post(server.url, "api/console/content", { note: "改了第 1 步", files }, helper);
    assert.equal(p.status, 403);
    // A broken draft: the validator's message, nothing published.
    const broken = structuredClone(files);
    broken["guides/bus-qr.json"].steps[1].screen.target = "nowhere";
    p = await post(server.url, "api/console/content", { note: "坏的", files: broken }, author);
    assert.equal(p.status, 422);
    assert.ok(p.body.problems.some((m) => m.includes("guides/bus-qr.json: step 2") && m.includes("'target' 'nowhere'")), p.body.problems.join("\n"));
    assert.equal((await fetch(server.url + "api/content?have=1")).status, 304);
    // A note is needed, and the body must be files.
    assert.equal((await post(server.url, "api/console/content", { note: "", files }, author)).status, 400);
    assert.equal((await post(server.url, "api/console/content", { note: "x", files: [] }, author)).status, 400);
    // The fix.
    p = await post(server.url, "api/console/content", { note: "改了第 1 步", files }, author);
    assert.equal(p.status, 201);
    assert.equal(p.body.version, 2);
    assert.equal(p.body.author, "老王");
    r = await fetch(server.url + "api/content?have=1");
    assert.equal(r.status, 200);
    assert.equal((await r.json()).files["guides/bus-qr.json"].steps[0].text, files["guides/bus-qr.json"].steps[0].text);
    // Versions with who and when; a rollback is a new version with the old guides.
    const list = await (await fetch(server.url + "api/console/content", { headers: author })).json();
    assert.deepEqual(list.versions.map((v) => [v.version, v.author, v.note]), [[2, "老王", "改了第 1 步"], [1, "随安装包", "安装时的指南"]]);
    // A draft started from version 1 cannot overwrite version 2 unseen.
    p = await post(server.url, "api/console/content", { note: "旧草稿", files: v1.files, base: 1 }, author);
    assert.equal(p.status, 409);
    assert.equal(p.body.newest, 2);
    // Bodies that are not what they should be: clear errors, and the server stays up.
    r = await fetch(server.url + "api/console/content/rollback", { method: "POST", headers: { "Content-Type": "application/json", ...author }, body: "[]" });
    assert.equal(r.status, 400);
    r = await fetch(server.url + "api/help-requests", { method: "POST", headers: { "Content-Type": "application/json" }, body: "x".repeat(300 * 1024) });
    assert.equal(r.status, 413);
    p = await post(server.url, "api/console/content/rollback", { version: 1 }, author);
    assert.equal(p.status, 201);
    assert.equal(p.body.note, "回到第 1 版");
    const now = await (await fetch(server.url + "api/content")).json();
    assert.equal(now.version, 3);
    assert.deepEqual(now.files, v1.files);
  } finally {
    await server.stop();
  }
});

test("an open app shows the fix from its next home screen, and offline after a reload still shows it", async () => {
  const dir = mkdtempSync(join(tmpdir(), "anxin-content-app-"));
  const server = await helpServer(dir, { author: ["laowang", "老王", "authorpass1"] });
  const web = await serve(undefined, server.port);  // the page from a static server, /api/ passed on
  try {
    const page = await openApp(browser, web.url, { width: 390, height: 844 });
    const opened = Date.now();
    // At start the app took the published version 1 (the shipped guides) and kept it.
    await page.waitForFunction(() => JSON.parse(localStorage.getItem("anxin.content") ?? "{}").version === 1, null, { timeout: 10000 });
    await openGuide(page, "坐公交地铁");
    await click(page, "button", "开始学习");
    const first = (await semantics(page)).find((n) => n.role === "text" && n.name.length > 10).name;

    const author = await login(server.url, "laowang", "authorpass1");
    const files = (await (await fetch(server.url + "api/content")).json()).files;
    const fixed = "改好的说法：在手机上找到名字叫“支付宝”的图标，点一下。";
    files["guides/bus-qr.json"].steps[0].text = fixed;
    assert.equal((await post(server.url, "api/console/content", { note: "改了第 1 步", files }, author)).status, 201);

    // In the middle of the guide nothing changes under the person.
    await page.waitForTimeout(Math.max(0, opened + 10500 - Date.now()));  // a check on the way home, at most every 10 s
    await click(page, "button", "下一步");
    await click(page, "button", "上一步");
    await find(page, "text", first);
    const checks = [];
    page.on("request", (r) => { if (r.url().includes("/api/content")) checks.push(r.url()); });
    await click(page, "button", "回首页");
    await page.waitForFunction(() => JSON.parse(localStorage.getItem("anxin.content") ?? "{}").version === 2, null, { timeout: 10000 });
    assert.ok(checks.some((u) => u.endsWith("have=1")), checks.join(" "));
    await openGuide(page, "坐公交地铁");
    await click(page, "button", "开始学习");
    await find(page, "text", fixed);

    // Offline: the help server is gone; after a reload the published words are still there.
    await server.stop();
    await page.reload();
    await waitForFirstFrame(page);
    await openGuide(page, "坐公交地铁");
    await click(page, "button", "开始学习");
    await find(page, "text", fixed);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  } finally {
    web.stop();
    await server.stop();
  }
});

test("an author edits a step in the console's editor, sees it in the real app beside it, and publishes; a broken draft cannot be published", async () => {
  const dir = mkdtempSync(join(tmpdir(), "anxin-editor-"));
  const server = await helpServer(dir, { author: ["laowang", "老王", "authorpass1"] });
  try {
    const desk = await consoleLogin(browser, server.url, ["laowang", "老王", "authorpass1"]);
    await desk.getByRole("button", { name: "改指南" }).click();
    await desk.getByText("检查过了，没有问题，可以发布。").waitFor();
    await desk.getByLabel("要改的指南").selectOption({ label: "坐公交地铁" });
    const previewFrame = () => desk.frames().find((f) => f.url().includes("#preview"));
    const previewTexts = async () => (await previewFrame()?.evaluate(() =>  // [] until the app in the frame has started
      typeof UTF8ToString === "function" && Module.calledRun ? JSON.parse(UTF8ToString(Module._anxin_semantics_json())).map((n) => n.name) : [])) ?? [];
    // The preview is the real app, showing the step being edited.
    const fixed = "改好的说法：在手机上找到名字叫“支付宝”的图标，点一下。";
    const text = desk.getByLabel("说明（最多 120 个字：要点的按钮叫什么、在哪儿）");
    await text.fill(fixed);
    for (let i = 0; i < 150 && !(await previewTexts()).includes(fixed); i++) await desk.waitForTimeout(100);
    assert.ok((await previewTexts()).includes(fixed), "the preview shows the edited step");
    await screenshot(desk, "editor-step");
    // A broken draft: the validator's words, and 发布 cannot be pressed.
    const title = desk.getByLabel("这一步做什么（最多 16 个字）");
    const oldTitle = await title.inputValue();
    await title.fill("");
    await desk.getByText("guides/bus-qr.json: step 1: 'title' is missing").waitFor();
    assert.equal(await desk.getByRole("button", { name: "发布给所有人" }).isDisabled(), true);
    await screenshot(desk, "editor-problem");
    await title.fill(oldTitle);
    await desk.getByText("检查过了，没有问题，可以发布。").waitFor();
    await desk.getByLabel("改了什么（大家在版本记录里看到）").fill("第 1 步说清楚图标的名字");
    await desk.getByRole("button", { name: "发布给所有人" }).click();
    await desk.getByText("已经发布第 2 版。").waitFor();
    await desk.getByText(/第 2 版 · 老王 · .* · 第 1 步说清楚图标的名字/).waitFor();
    const served = await (await fetch(server.url + "api/content")).json();
    assert.equal(served.version, 2);
    assert.equal(served.files["guides/bus-qr.json"].steps[0].text, fixed);
    // A new guide from the template, published the same way; requests may name it at once.
    desk.once("dialog", (d) => d.accept("call-family"));
    await desk.getByRole("button", { name: "新建指南" }).click();
    await desk.getByText("新指南已经加进草稿", { exact: false }).waitFor();
    await desk.getByLabel("标题（首页的大字，最多 10 个字）").fill("给家人打电话");
    await desk.getByText("检查过了，没有问题，可以发布。").waitFor();
    await desk.getByLabel("改了什么（大家在版本记录里看到）").fill("新指南：给家人打电话");
    await desk.getByRole("button", { name: "发布给所有人" }).click();
    await desk.getByText("已经发布第 3 版。").waitFor();
    const v3 = await (await fetch(server.url + "api/content")).json();
    assert.equal(v3.files["guides/call-family.json"].title, "给家人打电话");
    assert.ok(v3.files["guides/index.json"].groups.some((g) => g.guides.includes("call-family")));
    const report = await fetch(server.url + "api/reports", { method: "POST", headers: { "Content-Type": "application/json" },
                                                             body: JSON.stringify({ guide: "call-family", step: 1, kind: "other", idempotency_key: "new-guide-report-0001" }) });
    assert.equal(report.status, 201);
    assert.deepEqual(desk.errors, []);
    await desk.context().close();
  } finally {
    await server.stop();
  }
});

test("a report opens its step in the editor; publishing the fix tells the reporter's app", async () => {
  const dir = mkdtempSync(join(tmpdir(), "anxin-report-fix-"));
  const server = await helpServer(dir, { author: ["laowang", "老王", "authorpass1"] });
  try {
    const app = await openApp(browser, server.url, { width: 390, height: 844 });
    await openGuide(app, "坐公交地铁");
    await click(app, "button", "开始学习");
    await click(app, "button", "下一步");
    await click(app, "button", "这一步有问题？告诉我们");
    await click(app, "radio", "和我手机上的不一样");
    await click(app, "button", "发送");
    await waitFor(app, "text", "已经收到，还在等回答。", 10000);
    const desk = await consoleLogin(browser, server.url, ["laowang", "老王", "authorpass1"]);
    await desk.getByRole("button", { name: "内容反馈" }).click();
    await desk.getByRole("button", { name: "在编辑器里改这一步" }).first().click();
    await desk.getByText("同时告诉提意见的人：第 2 步已经改好了", { exact: false }).waitFor();
    assert.equal(await desk.getByRole("button", { name: /^第 2 步：/ }).getAttribute("aria-pressed"), "true");
    await desk.getByLabel("说明（最多 120 个字：要点的按钮叫什么、在哪儿）").fill("在支付宝首页，点屏幕最上方的搜索框。");
    await desk.getByText("检查过了，没有问题，可以发布。").waitFor();
    await desk.getByLabel("改了什么（大家在版本记录里看到）").fill("第 2 步按反馈改了");
    await desk.getByRole("button", { name: "发布给所有人" }).click();
    await desk.getByText("提意见的人会看到“已经改好了”。", { exact: false }).waitFor();
    // The reporter's app: 我的反馈 says so.
    await click(app, "button", "返回");
    await click(app, "button", "回首页");
    await click(app, "button", "设置");
    await click(app, "button", "我的反馈");
    await waitFor(app, "text", "已经改好了。回答：您说的第 2 步已经改好了。", 10000);
    await desk.context().close();
    await app.context().close();
  } finally {
    await server.stop();
  }
});
