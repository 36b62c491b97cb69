// Settings in the browser: kept in localStorage across reloads; a corrupt or
// old stored value starts the app with defaults and nothing breaks.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { click, find, heading, launch, openApp, serve, settle, waitForFirstFrame } from "./lib.mjs";
import { decodePng } from "./png.mjs";

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

test("text size and colours chosen in settings survive a reload", async () => {
  const page = await openApp(browser, server.url);
  await click(page, "button", "设置");
  await click(page, "radio", "特大");
  await click(page, "radio", "黑底黄字");
  const stored = JSON.parse(await page.evaluate(() => localStorage.getItem("anxin.settings")));
  assert.equal(stored.text_size, "larger");
  assert.equal(stored.theme, "dark");
  await page.reload();
  await waitForFirstFrame(page);
  const intro = await find(page, "text", "点一下下面的大按钮，我一步一步教您。");
  assert.equal(intro.fontPx, 52);
  // The dark theme is really drawn: a black page.
  const png = decodePng(await page.screenshot());
  assert.deepEqual(png.pixel(5, 600), [0, 0, 0]);  // left margin of the content
  await click(page, "button", "设置");
  assert.equal((await find(page, "radio", "黑底黄字")).checked, true);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

for (const [what, value] of [["corrupt JSON", "{\"version\":1,"], ["a future version", "{\"version\":7,\"text_size\":\"largest\"}"],
                             ["a wrong type", "[\"largest\"]"]]) {
  test(`stored settings with ${what} start the app with defaults, and settings can be saved again`, async () => {
    const page = await openApp(browser, server.url, { storage: value });
    assert.equal(await heading(page), "您好！想做什么？");
    assert.equal((await find(page, "text", "点一下下面的大按钮，我一步一步教您。")).fontPx, 32);
    await click(page, "button", "设置");
    assert.equal((await find(page, "radio", "标准")).checked, true);
    await click(page, "radio", "大");
    assert.equal(JSON.parse(await page.evaluate(() => localStorage.getItem("anxin.settings"))).text_size, "large");
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
}

test("with voice on, opening a screen asks the browser to speak it in Mandarin, slowly", async () => {
  const page = await openApp(browser, server.url);
  await click(page, "button", "找人帮忙");
  const speech = await page.evaluate(() => window.anxinSpeech);
  const last = speech.spoken.at(-1);
  assert.match(last.text, /^找真人帮忙。电话号码是：1 2 3 4 5。/);
  assert.equal(last.lang, "zh-CN");
  assert.ok(Math.abs(last.rate - 0.85) < 1e-6);
  await settle(page);
  await page.context().close();
});
