// "看着我的屏幕教我", the whole way, as two people: a senior's app and a helper's
// console in two browser contexts, through the real help server. The code is read
// off the senior's screen, entered in the console, agreed to; the console's replica
// shows the same step; the helper points and the senior's canvas rings the place
// (pixels) and the mirror announces it; either side ends it. Also: 不要, wrong and
// expired codes, and a screen-reader user sharing and ending through the mirror.
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { click, consoleLogin, find, heading, helpServer, launch, openApp, openGuide, screenshot, semantics, settle, waitFor } from "./lib.mjs";
import { decodePng } from "./png.mjs";

let browser, server;
before(async () => {
  browser = await launch();
  server = await helpServer(mkdtempSync(join(tmpdir(), "anxin-coview-")));
});
after(async () => { await server?.stop(); await browser?.close(); });

async function codeOnScreen(page) {
  const node = await waitFor(page, "text", /^号码 \d( \d){5}$/);
  return node.name.replace(/\D/g, "");
}

async function shareScreen(page) {
  await click(page, "button", "找人帮忙");
  await click(page, "button", "让对方看我的屏幕");
  return codeOnScreen(page);
}

async function enterCode(desk, code) {
  await desk.getByRole("button", { name: "看对方屏幕" }).click();
  await desk.getByLabel("对方念的 6 位数字").fill(code);
  await desk.getByRole("button", { name: "连接" }).click();
}

async function announcements(page) {
  await page.waitForTimeout(250);
  return page.evaluate(() => window.anxinMirror.stats.announced.map((a) => a.text));
}

test("a helper sees the senior's step, points at 下一步, and the senior sees and hears it; the helper ends", async () => {
  const senior = await openApp(browser, server.url, { width: 390, height: 844 });
  await openGuide(senior, "坐公交地铁");
  await click(senior, "button", "开始学习");
  await click(senior, "button", "下一步");
  const step = await heading(senior);
  const code = await shareScreen(senior);
  const desk = await consoleLogin(browser, server.url);
  await enterCode(desk, code);
  await desk.getByText("已经连上。等对方在手机上点“好的”……").waitFor();
  await waitFor(senior, "heading", "帮忙台的小杰想看您的屏幕。同意吗？");
  assert.equal(await desk.locator("#coview-replica .node").count(), 0, "nothing is shared before 好的");
  await click(senior, "button", "好的");
  assert.equal(await heading(senior), step, "back at the step");
  await waitFor(senior, "status", "帮忙台的小杰正在看您的屏幕");

  // The replica: the same step, named above it.
  const replica = desk.locator("#coview-replica");
  await replica.getByText(step, { exact: true }).waitFor();
  assert.match(await desk.locator("#coview-about").textContent(), /^坐公交地铁 · 第 2 步 \/ 共 \d+ 步$/);
  await screenshot(desk, "coview-console-replica");
  // The senior moves on: the replica follows.
  await click(senior, "button", "下一步");
  const step3 = await heading(senior);
  await replica.getByText(step3, { exact: true }).waitFor();

  // Pointing at 下一步: ringed on the senior's canvas, and said.
  await desk.getByRole("button", { name: "指给对方看：下一步" }).click();
  await desk.getByText("已经圈给对方看：下一步").waitFor();
  await senior.waitForFunction(() => window.anxinMirror.stats.announced.some((a) => a.text === "帮忙台的小杰指给您看：下一步。"), null, { timeout: 5000 });
  await settle(senior);
  const next = await find(senior, "button", "下一步");
  await screenshot(senior, "coview-senior-pointed");
  const png = decodePng(await senior.screenshot());
  const ringed = [-6, -7, -8, -9].some((d) => {
    const [r, g, b] = png.pixel(Math.round(next.rect[0] + next.rect[2] / 2), Math.round(next.rect[1] + d));
    return Math.abs(r - 0x8a) < 30 && Math.abs(g - 0x2e) < 30 && b < 40;
  });
  assert.ok(ringed, `the ring is drawn around 下一步 on the senior's canvas (${JSON.stringify(next.rect)})`);
  assert.equal(await heading(senior), step3, "pointing presses nothing");

  await desk.getByRole("button", { name: "结束看屏幕" }).click();
  await desk.getByText("已经结束。").waitFor();
  await senior.waitForFunction(() => window.anxinMirror.stats.announced.some((a) => a.text === "帮忙台的小杰已经结束，对方看不到您的屏幕了。"), null, { timeout: 5000 });
  await settle(senior);
  assert.ok(!(await semantics(senior)).some((n) => n.name === "帮忙台的小杰正在看您的屏幕"), "the banner is gone");
  assert.deepEqual(senior.errors, []);
  assert.deepEqual(desk.errors, []);
  await senior.context().close();
  await desk.context().close();
});

test("不要 shares nothing; the senior can also end it from the banner", async () => {
  const senior = await openApp(browser, server.url, { width: 390, height: 844 });
  const desk = await consoleLogin(browser, server.url);
  await enterCode(desk, await shareScreen(senior));
  await waitFor(senior, "heading", "帮忙台的小杰想看您的屏幕。同意吗？");
  await click(senior, "button", "不要");
  await desk.getByText("对方没有同意，什么也没有看到。").waitFor();
  assert.equal(await desk.locator("#coview-replica .node").count(), 0);
  await click(senior, "button", "好");

  await desk.reload();
  await desk.getByText("您好，小杰").waitFor();
  await enterCode(desk, await shareScreen(senior));
  await waitFor(senior, "heading", "帮忙台的小杰想看您的屏幕。同意吗？");
  await click(senior, "button", "好的");
  await desk.locator("#coview-replica").getByText("您好！想做什么？", { exact: true }).waitFor();
  await click(senior, "button", "结束");
  await desk.getByText("对方结束了。").waitFor();
  assert.deepEqual(senior.errors, []);
  await senior.context().close();
  await desk.context().close();
});

test("family watch from the family page's viewer, named as they say", async () => {
  const senior = await openApp(browser, server.url, { width: 390, height: 844 });
  const code = await shareScreen(senior);
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "zh-CN" });
  const family = await context.newPage();
  await family.goto(server.url + "console/view.html");
  await family.getByLabel("对方念的 6 位数字").fill(code);
  await family.getByLabel("您的称呼（对方会看到“小芳想看您的屏幕”）").fill("<b>小芳</b>");
  await family.getByRole("button", { name: "连接" }).click();
  await family.getByText("称呼请写短一点（最多 12 个字），不要用 < > & 这样的符号。").waitFor();
  await family.getByLabel("您的称呼（对方会看到“小芳想看您的屏幕”）").fill("小芳");
  await family.getByRole("button", { name: "连接" }).click();
  await waitFor(senior, "heading", "小芳想看您的屏幕。同意吗？");
  await click(senior, "button", "好的");
  await family.locator("#coview-replica").getByText("您好！想做什么？", { exact: true }).waitFor();
  await screenshot(family, "coview-family-viewer-phone");
  await click(senior, "button", "结束");
  await family.getByText("对方结束了。").waitFor();
  await senior.context().close();
  await context.close();
});

test("wrong, used and expired codes are refused with a plain message", async () => {
  const quick = await helpServer(mkdtempSync(join(tmpdir(), "anxin-coview-")), { extra: ["--coview-code-seconds", "2"] });
  try {
    const senior = await openApp(browser, quick.url, { width: 390, height: 844 });
    const code = await shareScreen(senior);
    const desk = await consoleLogin(browser, quick.url);
    await enterCode(desk, code === "000000" ? "000001" : "000000");
    await desk.getByText("没有找到这个号码，请让对方再念一次。").waitFor();
    await new Promise((r) => setTimeout(r, 2500));
    await desk.getByRole("button", { name: "连接" }).click();
    await desk.getByLabel("对方念的 6 位数字").fill(code);
    await desk.getByRole("button", { name: "连接" }).click();
    await desk.getByText("这个号码已经过期或者用过了，请让对方重新要一个。").waitFor();
    // Guessing: after 10 tries in a minute from one address, no more are taken.
    const statuses = [];
    for (let i = 0; i < 12; i++) {
      const r = await fetch(quick.url + "api/coview/join", { method: "POST", headers: { "Content-Type": "application/json" },
                                                             body: JSON.stringify({ code: String(100000 + i), name: "猜" }) });
      statuses.push(r.status);
    }
    assert.ok(statuses.includes(429), `statuses: ${statuses}`);
    assert.equal(statuses.at(-1), 429);
    await senior.context().close();
    await desk.context().close();
  } finally {
    await quick.stop();
  }
});

test("a screen-reader user shares and ends through the mirror alone", async () => {
  const senior = await openApp(browser, server.url, { width: 1280, height: 900 });
  const activate = async (name) => {
    const el = senior.getByRole("button", { name, exact: true });
    await el.evaluate((e) => e.click());
    await settle(senior);
  };
  await activate("找人帮忙");
  await activate("让对方看我的屏幕");
  const codeText = await senior.getByText(/^号码 \d( \d){5}$/).textContent();
  const desk = await consoleLogin(browser, server.url);
  await enterCode(desk, codeText.replace(/\D/g, ""));
  await senior.waitForFunction(() => window.anxinMirror.stats.announced.some((a) => a.text === "帮忙台的小杰想看您的屏幕。同意吗？"), null, { timeout: 10000 });
  await activate("好的");
  await senior.waitForFunction(() => window.anxinMirror.stats.announced.some((a) => a.text === "帮忙台的小杰正在看您的屏幕。"), null, { timeout: 10000 });
  await desk.locator("#coview-replica .node").first().waitFor();
  await activate("结束");
  await desk.getByText("对方结束了。").waitFor();
  assert.deepEqual(senior.errors, []);
  await senior.context().close();
  await desk.context().close();
});
