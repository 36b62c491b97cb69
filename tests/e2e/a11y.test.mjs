// Screen readers and the keyboard, through the browser's real accessibility tree
// (the DOM mirror of the app's semantics): a screen-reader user and a keyboard-only
// user each complete every guide without ever touching canvas coordinates; axe-core
// finds no violations; the mirror stays aligned at 200% zoom.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { axeViolations, groupOf, guides, launch, openApp, openGuide, root, serve, settle } from "./lib.mjs";


let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

// What a screen reader does on activation: a click on the element itself.
async function activate(page, role, name) {
  const el = page.getByRole(role, { name, exact: true });
  assert.equal(await el.count(), 1, `one ${role} "${name}"`);
  await el.evaluate((e) => e.click());
  await settle(page);
}

async function heading(page) {
  return (await page.getByRole("heading", { level: 1 }).textContent()).trim();
}

// The announcements a screen reader was given (the aria-live regions), oldest first.
async function announcements(page) {
  await page.waitForTimeout(200);  // they are set a moment after the focus moves
  return page.evaluate(() => Array.from(document.querySelectorAll("#a11y-live .live")).map((r) => r.textContent).filter(Boolean));
}

test("a screen-reader user opens each guide, presses 下一步 to the end, hears each step, and uses help", async () => {
  const page = await openApp(browser, server.url, { width: 1280, height: 900 });
  assert.equal(await page.getByRole("main").count(), 1);
  for (const g of guides) {
    await openGuide(page, g.title, activate);
    assert.equal(await heading(page), g.title);
    await activate(page, "button", "开始学习");
    for (let i = 0; i < g.steps.length; i++) {
      const step = g.steps[i];
      assert.equal(await heading(page), step.title);
      // Focus went to the new step's heading, and the step change was announced.
      assert.equal(await page.evaluate(() => document.activeElement.tagName), "H1");
      assert.ok((await announcements(page)).includes(`第 ${i + 1} 步，共 ${g.steps.length} 步：${step.title}`));
      assert.equal(await page.getByText(step.text, { exact: true }).count(), 1, "the step's text is readable");
      const bar = page.getByRole("progressbar");
      assert.equal(await bar.getAttribute("aria-valuenow"), String(i + 1));
      await activate(page, "button", i + 1 === g.steps.length ? "完成" : "下一步");
    }
    assert.equal(await heading(page), "您学会了！");
    await activate(page, "button", "回首页");
  }
  await activate(page, "button", "找人帮忙");
  assert.equal(await page.getByRole("dialog").count(), 1);
  assert.equal(await heading(page), "找真人帮忙");
  await activate(page, "button", "返回");
  assert.equal(await heading(page), "您好！想做什么？");
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

// Presses Tab until the focused control is `name` (the app's own focus follows).
async function tabTo(page, name, { back = false } = {}) {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
    const text = await page.evaluate(() => (document.activeElement.closest("label") || document.activeElement).textContent.trim());
    if (text === name) {
      await settle(page);
      return;
    }
  }
  throw new Error(`Tab never reached "${name}"`);
}

test("a keyboard-only user completes a guide with Tab, Enter and Escape; the app's focus ring follows", async () => {
  const page = await openApp(browser, server.url, { width: 1280, height: 900 });
  // One guide from each home group (the screen-reader test above does every guide).
  for (const g of new Map(guides.map((x) => [groupOf(x.title), x])).values()) {
    await tabTo(page, groupOf(g.title));
    await page.keyboard.press("Enter");
    await settle(page);
    assert.equal(await heading(page), groupOf(g.title));
    await tabTo(page, g.title);
    const focused = (await page.evaluate(() => JSON.parse(UTF8ToString(Module._anxin_semantics_json())))).find((n) => n.focused);
    assert.equal(focused?.name, g.title, "the canvas draws the focus ring on the same control");
    await page.keyboard.press("Enter");
    await settle(page);
    assert.equal(await heading(page), g.title);
    await tabTo(page, "开始学习");
    await page.keyboard.press("Enter");
    await settle(page);
    for (let i = 0; i < g.steps.length; i++) {
      assert.equal(await heading(page), g.steps[i].title, "Enter moved exactly one step");
      await tabTo(page, i + 1 === g.steps.length ? "完成" : "下一步");
      await page.keyboard.press("Enter");
      await settle(page);
    }
    assert.equal(await heading(page), "您学会了！");
    await page.keyboard.press("Escape");  // back to the guide's intro
    await settle(page);
    assert.equal(await heading(page), g.title);
    await page.keyboard.press("Escape");
    await settle(page);
    assert.equal(await heading(page), groupOf(g.title));
    await page.keyboard.press("Escape");
    await settle(page);
    assert.equal(await heading(page), "您好！想做什么？");
  }
  // Space works on a choice in settings, and Shift+Tab goes back.
  await tabTo(page, "设置");
  await page.keyboard.press("Space");
  await settle(page);
  await tabTo(page, "特大");
  await page.keyboard.press("Space");
  await settle(page);
  assert.equal(JSON.parse(await page.evaluate(() => localStorage.getItem("anxin.settings"))).text_size, "larger");
  await tabTo(page, "大", { back: true });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

async function axe(page, where) {
  assert.deepEqual(await axeViolations(page), [], `axe-core on ${where}`);
}

test("axe-core finds no violations on home, a guide step, practice, help and settings", async () => {
  const page = await openApp(browser, server.url, { width: 1280, height: 900 });
  await axe(page, "home");
  await openGuide(page, "关闭免密支付", activate);
  await activate(page, "button", "开始学习");
  await activate(page, "button", "下一步");
  await axe(page, "a guide step");
  await activate(page, "button", "回首页");
  await openGuide(page, "防骗子", activate);
  await activate(page, "button", "先练一练");
  await axe(page, "practice");
  await activate(page, "button", "找人帮忙");
  await axe(page, "help");
  await activate(page, "button", "返回");
  await activate(page, "button", "回首页");
  await activate(page, "button", "设置");
  await axe(page, "settings");
  await page.context().close();
});

test("practice by screen reader: the simulated phone's buttons are real buttons; a wrong one is announced", async () => {
  const g = guides.find((x) => x.id === "anti-fraud");
  const page = await openApp(browser, server.url, { width: 390, height: 844, dpr: 2 });
  await openGuide(page, g.title, activate);
  await activate(page, "button", "先练一练");
  const screen = g.steps[0].screen;
  const target = screen.elements.find((e) => e.id === screen.target).text;
  const wrong = screen.elements.find((e) => e.id && e.id !== screen.target).text;
  await activate(page, "button", wrong);
  assert.ok((await announcements(page)).includes(`再试一次，找到“${target}”，点它。`));
  assert.equal(await heading(page), g.steps[0].title);
  await activate(page, "button", target);
  assert.equal(await heading(page), g.steps[1].title);
  await page.context().close();
});

test("a tap on the canvas and a screen reader's click on the same control count once", async () => {
  const g = guides[0];
  const page = await openApp(browser, server.url, { width: 1280, height: 900 });
  await openGuide(page, g.title, activate);
  await activate(page, "button", "开始学习");
  const next = page.getByRole("button", { name: "下一步", exact: true });
  const box = await next.boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);  // the finger, on the canvas
  await next.evaluate((e) => e.click());                                 // the screen reader, right after
  await settle(page);
  assert.equal(await heading(page), g.steps[1].title);
  await page.context().close();
});

test("at 200% browser zoom the mirror stays over what is drawn", async () => {
  // 200% zoom of a 1280×900 window: a 640×450 CSS viewport at twice the pixel ratio.
  const page = await openApp(browser, server.url, { width: 640, height: 450, dpr: 2 });
  await openGuide(page, "医院挂号", activate);
  const nodes = await page.evaluate(() => JSON.parse(UTF8ToString(Module._anxin_semantics_json())));
  let checked = 0;
  for (const n of nodes.filter((n) => n.fontPx && !n.clipped)) {  // every text and control on screen
    const box = await page.locator(`#a11y [data-id="${n.id}"]:not(input)`).boundingBox();
    assert.deepEqual([box.x, box.y, box.width, box.height].map(Math.round), n.rect.map(Math.round), `${n.name} aligned`);
    checked++;
  }
  assert.ok(checked >= 5, `${checked} nodes checked`);
  await page.context().close();
});

test("arrow keys move between the simulated phone's buttons in practice, and between choices in settings", async () => {
  const g = guides.find((x) => x.id === "anti-fraud");
  const page = await openApp(browser, server.url, { width: 1280, height: 900 });
  await openGuide(page, g.title, activate);
  await activate(page, "button", "先练一练");
  const labels = g.steps[0].screen.elements.filter((e) => e.type !== "text").map((e) => e.text);
  await tabTo(page, labels[0]);
  await page.keyboard.press("ArrowDown");
  assert.equal(await page.evaluate(() => document.activeElement.textContent), labels[1]);
  await settle(page);
  const ringed = (await page.evaluate(() => JSON.parse(UTF8ToString(Module._anxin_semantics_json())))).find((n) => n.focused);
  assert.equal(ringed?.name, labels[1], "the canvas rings the same phone button");
  await page.keyboard.press("ArrowUp");
  assert.equal(await page.evaluate(() => document.activeElement.textContent), labels[0]);
  await page.keyboard.press("Escape");
  await settle(page);
  await page.keyboard.press("Escape");
  await settle(page);
  await page.keyboard.press("Escape");
  await settle(page);
  await activate(page, "button", "设置");
  await tabTo(page, "标准");
  await page.keyboard.press("ArrowRight");
  assert.equal(await page.evaluate(() => document.activeElement.closest("label").textContent), "大");
  await page.context().close();
});
