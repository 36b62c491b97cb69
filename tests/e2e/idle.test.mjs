// A kiosk runs all day: with nothing happening, the app draws nothing.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { click, launch, openApp, openGuide, serve, settle } from "./lib.mjs";

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

test("idle for 3 seconds on home and on settings: at most one frame per second", async () => {
  const page = await openApp(browser, server.url);
  for (const screen of ["home", "settings"]) {
    if (screen === "settings") await click(page, "button", "设置");
    await settle(page);
    const start = await page.evaluate(() => Module._anxin_frame_count());
    await page.waitForTimeout(3000);
    const frames = (await page.evaluate(() => Module._anxin_frame_count())) - start;
    assert.ok(frames <= 3, `${screen}: ${frames} frames in 3 s idle`);
  }
  // ...and it still answers input at once.
  const before = await page.evaluate(() => Module._anxin_frame_count());
  await page.mouse.move(10, 300);
  await settle(page);
  assert.ok((await page.evaluate(() => Module._anxin_frame_count())) > before);
  await page.context().close();
});

test("a guide step's highlight pulses for a few seconds, then the app stops drawing", async () => {
  const page = await openApp(browser, server.url, { reducedMotion: "no-preference" });
  await openGuide(page, "防骗子");
  const start = await page.evaluate(() => Module._anxin_frame_count());
  await click(page, "button", "开始学习");  // settles only once the pulse is over
  const pulsed = (await page.evaluate(() => Module._anxin_frame_count())) - start;
  assert.ok(pulsed > 20, `the highlight animated (${pulsed} frames)`);
  const idle = await page.evaluate(() => Module._anxin_frame_count());
  await page.waitForTimeout(2000);
  assert.ok((await page.evaluate(() => Module._anxin_frame_count())) - idle <= 2, "still afterwards");
  await page.context().close();
});

