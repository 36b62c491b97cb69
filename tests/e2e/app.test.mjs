// The built app in headless Chromium: it loads, draws, and the elder-mode
// screens work with real pointer and touch input, at phone and kiosk sizes.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { click, find, heading, launch, openApp, openGuide, screenshot, semantics, serve, settle, tap } from "./lib.mjs";
import { decodePng } from "./png.mjs";

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

test("the page is Chinese, zoomable, and hides the canvas from screen readers", async () => {
  const page = await openApp(browser, server.url);
  assert.equal(await page.getAttribute("html", "lang"), "zh-CN");
  const viewport = await page.getAttribute('meta[name="viewport"]', "content");
  assert.doesNotMatch(viewport, /user-scalable\s*=\s*no|maximum-scale\s*=\s*1(\.0)?\b/);
  assert.equal(await page.getAttribute("#canvas", "aria-hidden"), "true");
  assert.equal(await page.isHidden("#loading"), true, "the loading screen goes away after the first frame");
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("home draws a tile per group and the help button; a group opens its tasks, a task opens, 返回 comes back", async () => {
  const page = await openApp(browser, server.url);
  assert.equal(await heading(page), "您好！想做什么？");
  for (const name of ["出行", "看病", "钱和安全", "设置", "找人帮忙"])
    await find(page, "button", name);
  await openGuide(page, "关闭免密支付");
  assert.equal(await heading(page), "关闭免密支付");
  await click(page, "button", "返回");
  assert.equal(await heading(page), "钱和安全");
  await click(page, "button", "返回");
  assert.equal(await heading(page), "您好！想做什么？");
  // What the screen shows is real pixels: the help button's face is the help colour (#9a0007).
  const help = await find(page, "button", "找人帮忙");
  const png = decodePng(await page.screenshot());
  assert.deepEqual(png.pixel(Math.round(help.rect[0] + 20), Math.round(help.rect[1] + help.rect[3] / 2)), [0x9a, 0x00, 0x07]);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("on a phone, a finger tap on help shows the hotline huge and 现在打电话 dials it", async () => {
  const page = await openApp(browser, server.url, { width: 360, height: 640, dpr: 3 });
  const context = page.context();
  await context.close();
  const touch = await browser.newContext({ viewport: { width: 360, height: 640 }, deviceScaleFactor: 3, hasTouch: true, isMobile: true });
  await touch.addInitScript(() => { window.anxinNoNavigate = true; });
  const phone = await touch.newPage();
  await phone.goto(server.url);
  await phone.waitForFunction(() => window.anxinFirstFrameMs !== undefined);
  await settle(phone);
  // Crisp text: the canvas has a backing store at the device pixel ratio.
  const size = await phone.evaluate(() => [canvas.width, canvas.height, canvas.clientWidth]);
  assert.deepEqual(size, [1080, 1920, 360]);
  await tap(phone, "button", "找人帮忙");
  assert.equal(await heading(phone), "找真人帮忙");
  const number = await find(phone, "text", "电话号码 1 2 3 4 5");
  assert.ok(number.fontPx >= 44, `hotline at ${number.fontPx}px`);
  await tap(phone, "button", "现在打电话");
  assert.deepEqual(await phone.evaluate(() => window.anxinOpened), ["tel:12345"]);
  await touch.close();
});

test("Escape goes back, and the app redraws for a resized window", async () => {
  const page = await openApp(browser, server.url);
  await click(page, "button", "设置");
  assert.equal(await heading(page), "设置");
  await page.keyboard.press("Escape");
  await settle(page);
  assert.equal(await heading(page), "您好！想做什么？");
  const wide = (await find(page, "button", "找人帮忙")).rect[2];
  await page.setViewportSize({ width: 400, height: 700 });
  await settle(page);
  const narrow = (await find(page, "button", "找人帮忙")).rect[2];
  assert.ok(narrow < 400 && wide > 1000, `help button ${wide} -> ${narrow}`);
  await page.context().close();
});

test("screenshots at phone and kiosk sizes, default and largest text, show every screen", async () => {
  for (const [w, h, dpr, device] of [[360, 640, 2, "phone"], [1920, 1080, 1, "kiosk"]]) {
    for (const [size, label] of [["standard", "default"], ["largest", "largest"]]) {
      const stored = JSON.stringify({ version: 1, text_size: size });
      const page = await openApp(browser, server.url, { width: w, height: h, dpr, storage: stored });
      await screenshot(page, `${device}-${label}-home`);
      await click(page, "button", "设置");
      await screenshot(page, `${device}-${label}-settings`);
      await click(page, "button", "找人帮忙");
      await screenshot(page, `${device}-${label}-help`);
      const nodes = await semantics(page);
      for (const n of nodes.filter((n) => n.fontPx)) {
        assert.ok(n.rect[0] >= 0 && n.rect[0] + n.rect[2] <= w + 0.5, `${n.name} fits the width`);
        assert.ok(n.fontPx >= (w < 768 ? 28 : 32), `${n.name} at ${n.fontPx}px`);
      }
      assert.deepEqual(page.errors, []);
      await page.context().close();
    }
  }
});
