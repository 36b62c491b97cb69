// The guides in the browser: each one opened from home and followed to its
// last step and the finish screen with real clicks; practice mode by tapping
// the simulated phone; screenshots of a step at phone and kiosk sizes.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { click, find, guides, heading, launch, openApp, openGuide, root, screenshot, semantics, serve } from "./lib.mjs";


let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

test("each guide opens from home and 下一步 reaches its last step and the finish screen", async () => {
  const page = await openApp(browser, server.url, { width: 1280, height: 900 });
  for (const g of guides) {
    await openGuide(page, g.title);
    assert.equal(await heading(page), g.title);
    await click(page, "button", "开始学习");
    for (let i = 0; i < g.steps.length; i++) {
      assert.equal(await heading(page), g.steps[i].title, `${g.id} step ${i + 1}`);
      await find(page, "progressbar", `第 ${i + 1} 步 / 共 ${g.steps.length} 步`);
      await find(page, "text", g.steps[i].text);
      await click(page, "button", i + 1 === g.steps.length ? "完成" : "下一步");
    }
    assert.equal(await heading(page), "您学会了！");
    await find(page, "text", g.done);
    await click(page, "button", "回首页");
  }
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("practice: tapping the highlighted place on the simulated phone goes on; a wrong tap gets a hint", async () => {
  const g = guides.find((x) => x.id === "anti-fraud");
  const page = await openApp(browser, server.url, { width: 390, height: 844, dpr: 2 });
  await openGuide(page, g.title);
  await click(page, "button", "先练一练");
  const first = g.steps[0].screen;
  const target = first.elements.find((e) => e.id === first.target).text;
  await find(page, "status", "练习模式：这是模拟的手机画面，不会真的付钱，也不会发送任何东西。");
  await click(page, "button", first.elements.find((e) => e.id && e.id !== first.target).text);
  await find(page, "status", `再试一次，找到“${target}”，点它。`);
  assert.equal(await heading(page), g.steps[0].title);
  await click(page, "button", target);
  assert.equal(await heading(page), g.steps[1].title);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("screenshots of a step with its simulated phone, phone and kiosk, default and largest text", async () => {
  const g = guides.find((x) => x.id === "no-password-pay") ?? guides[0];
  const step = g.steps.findIndex((s) => s.screen && s.screen.target);
  for (const [w, h, dpr, device] of [[360, 640, 2, "phone"], [1920, 1080, 1, "kiosk"]]) {
    for (const [size, label] of [["standard", "default"], ["largest", "largest"]]) {
      const stored = JSON.stringify({ version: 1, text_size: size, voice_on: false });
      const page = await openApp(browser, server.url, { width: w, height: h, dpr, storage: stored });
      await openGuide(page, g.title);
      await click(page, "button", "开始学习");
      for (let i = 0; i < step; i++) await click(page, "button", "下一步");
      await screenshot(page, `${device}-${label}-step`);
      const nodes = await semantics(page);
      for (const n of nodes.filter((n) => n.fontPx))
        assert.ok(n.rect[0] >= 0 && n.rect[0] + n.rect[2] <= w + 0.5, `${n.name} fits the width at ${device}/${label}`);
      const phone = nodes.find((n) => n.role === "img");
      assert.ok(phone && phone.name.startsWith("手机画面："), "the simulated phone is described");
      assert.deepEqual(page.errors, []);
      await page.context().close();
    }
  }
});
