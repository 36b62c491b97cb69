// Kiosk mode in the browser: every guide done with EZ Access keys alone (speech
// asserted), a person who walks away leaves nothing for the next one, and a kiosk
// that loses its network restarts from its service worker, completes a guide and
// sends a queued call-back once when the network comes back.
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { click, find, groupOf, guides, heading, helpServer, launch, openApp, openGuide, root, screenshot, semantics, serve, settle, waitFor } from "./lib.mjs";


let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });


// Down (or Up, from the end) until the item with this name is said, then the round Enter key.
async function choose(page, name, up = false) {
  let count = await page.evaluate(() => window.anxinSpeech?.count ?? 0);
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press(up ? (i % 2 ? "Numpad8" : "ArrowUp") : (i % 2 ? "Numpad2" : "ArrowDown"));
    // The item it reached, as soon as it is said.
    const said = await (await page.waitForFunction((n) => {
      const s = window.anxinSpeech;
      return s && s.count > n ? s.spoken[s.spoken.length - 1].text : null;
    }, count, { timeout: 5000, polling: 10 })).jsonValue();
    count++;
    if (said.startsWith(name + "，")) {
      await page.keyboard.press("Numpad5");
      await settle(page);
      return i + 2;  // key presses it took
    }
  }
  throw new Error(`never reached ${name}`);
}

test("a guide from each home group can be done with the keys alone, each item said as it is reached", async () => {
  const page = await openApp(browser, server.url + "?kiosk=1", { width: 1920, height: 1080 });
  let presses = 0;
  // One guide from each group: every key path is the same for the rest (the UI tests walk them all).
  const walked = [...new Map(guides.map((g) => [groupOf(g.title), g])).values()];
  for (const g of walked) {
    presses += await choose(page, groupOf(g.title));
    presses += await choose(page, g.title);
    assert.equal(await heading(page), g.title);
    presses += await choose(page, "开始学习");
    for (let i = 0; i < g.steps.length; i++) {
      assert.equal(await heading(page), g.steps[i].title);
      presses += await choose(page, i + 1 === g.steps.length ? "完成" : "下一步", true);
    }
    assert.equal(await heading(page), "您学会了！");
    presses += await choose(page, "回首页", true);
  }
  // Help from anywhere, and Back.
  await page.keyboard.press("F1");
  await settle(page);
  assert.equal(await heading(page), "找真人帮忙");
  await page.keyboard.press("NumpadSubtract");
  await settle(page);
  assert.equal(await heading(page), "您好！想做什么？");
  console.log(`# kiosk keys: ${walked.length} guides, ${presses} key presses`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("a person who walks away leaves nothing for the next one", async () => {
  const page = await openApp(browser, server.url + "?kiosk=1&idle=3&warning=2&try=1", { width: 1080, height: 1920 });
  await screenshot(page, "kiosk-portrait-home");
  assert.ok((await find(page, "text", "点一下下面的大按钮，我一步一步教您。")).fontPx >= 40, "read from a metre away");
  await click(page, "button", "找人帮忙");
  await click(page, "button", "请人给我回电");
  for (const d of "13900139000") await click(page, "button", d);
  assert.ok((await semantics(page)).some((n) => n.name.includes("1 3 9 0 0 1 3 9 0 0 0")));
  const before_text = await page.evaluate(() => document.body.innerText + JSON.stringify(window.anxinSpeech?.spoken ?? []) +
                                                 JSON.stringify(window.anxinMirror.stats.announced));
  const t0 = Date.now();
  await waitFor(page, "heading", "还在用吗？", 10000);
  const asked = Date.now() - t0;
  await screenshot(page, "kiosk-portrait-still-there");
  await waitFor(page, "heading", "您好！想做什么？", 10000);
  const reset = Date.now() - t0;
  await settle(page);
  const screen = JSON.stringify(await semantics(page));
  // The whole page as a screen reader or the next person could reach it: the mirror's text,
  // its inputs' values, the live regions' last words, the address, what was said.
  const page_text = await page.evaluate(() => [
    document.body.innerText, document.body.textContent,
    ...Array.from(document.querySelectorAll("input")).map((i) => i.value),
    ...Array.from(document.querySelectorAll("[aria-label]")).map((e) => e.getAttribute("aria-label")),
    location.href, JSON.stringify(window.anxinMirror.stats.announced), JSON.stringify(window.anxinSpeech?.spoken ?? []),
  ].join("\n"));
  const stored = await page.evaluate(() => JSON.stringify(localStorage) + JSON.stringify(sessionStorage));
  for (const [where, text] of [["screen", screen], ["page", page_text], ["storage", stored]]) {
    assert.ok(!/139 ?0 ?0 ?1 ?3 ?9|1 3 9 0 0/.test(text), `A's number is not in the ${where}`);
  }
  assert.ok(/1 3 9 0 0/.test(before_text), "the check above looks where A's number was");
  console.log(`# kiosk reset (idle 3 s, countdown 2 s): asked ${asked} ms and wiped ${reset} ms after the last input`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("the keys never get stuck in a text box: Down reaches it, typing goes in, Down goes on", async () => {
  const page = await openApp(browser, server.url + "?kiosk=1", { width: 1920, height: 1080 });
  await choose(page, "设置");
  await choose(page, "帮家人设置");
  assert.equal(await heading(page), "帮家人设置安心");
  let count = await page.evaluate(() => window.anxinSpeech.count), said = "";
  for (let i = 0; i < 40 && !/输入框/.test(said); i++) {
    await page.keyboard.press("ArrowDown");
    await page.waitForFunction((n) => window.anxinSpeech.count > n, count, { timeout: 5000 });
    count = await page.evaluate(() => window.anxinSpeech.count);
    said = await page.evaluate(() => window.anxinSpeech.spoken.at(-1).text);
  }
  assert.match(said, /输入框，空的。按中间的键就可以打字/, "a text box says what it is and how to type in it");
  await page.keyboard.press("Numpad5");
  await page.waitForFunction(() => document.activeElement?.type === "text", null, { timeout: 5000 });
  await page.keyboard.type("Li");
  await settle(page);
  assert.ok((await semantics(page)).some((n) => n.role === "textbox" && n.value === "Li"), "typing went into the box");
  await page.keyboard.press("ArrowDown");
  await page.waitForFunction((n) => window.anxinSpeech.count > n, count, { timeout: 5000 });
  assert.notEqual(await page.evaluate(() => document.activeElement?.type), "text", "Down left the box");
  assert.doesNotMatch(await page.evaluate(() => window.anxinSpeech.spoken.at(-1).text), /^Li/);
  await page.keyboard.press("Escape");
  await settle(page);
  assert.notEqual(await heading(page), "帮家人设置安心", "Back works after the box");
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("a kiosk that loses its network restarts, works, and sends the queued call-back once when it is back", async () => {
  const help = await helpServer(mkdtempSync(join(tmpdir(), "anxin-kiosk-")));
  try {
    const place = "西溪社区服务中心 1号机";
    const page = await openApp(browser, help.url + "?kiosk=1&id=xixi-1&place=" + encodeURIComponent(place), { width: 1920, height: 1080 });
    await page.evaluate(() => navigator.serviceWorker.ready);
    // The worker has taken this page: what it loads from now on comes through it.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15000 });
    const cached = await page.evaluate(async () => {
      let bytes = 0;
      for (const name of await caches.keys())
        if (name.startsWith("anxin-app-"))
          for (const r of await (await caches.open(name)).keys()) bytes += (await (await caches.match(r)).arrayBuffer()).byteLength;
      return bytes;
    });
    console.log(`# service worker: ${cached} bytes cached`);
    assert.ok(cached > 500000);
    // Other pages beside the app (the help desk's console) are not answered with the app.
    const other = await page.context().newPage();
    await other.goto(help.url + "console/");
    assert.equal(await other.title(), "安心 · 帮忙台");
    await other.close();

    await page.context().setOffline(true);
    await page.reload();
    await page.waitForFunction(() => window.anxinFirstFrameMs !== undefined, null, { timeout: 30000 });
    await settle(page);
    assert.equal(await heading(page), "您好！想做什么？", "started with no network");
    await openGuide(page, "防骗子");
    await click(page, "button", "开始学习");
    while (!(await semantics(page)).some((n) => n.role === "button" && n.name === "完成")) await click(page, "button", "下一步");
    await click(page, "button", "完成");
    assert.equal(await heading(page), "您学会了！");
    await click(page, "button", "找人帮忙");
    await click(page, "button", "请人给我回电");
    for (const d of "13700137000") await click(page, "button", d);
    await click(page, "button", "发送，请人回电");
    await waitFor(page, "status", /^现在连不上网。您的请求已经存在这台设备上/);

    await page.context().setOffline(false);
    await waitFor(page, "status", /等|分钟/, 30000);
    const login = await fetch(help.url + "api/console/login", { method: "POST", headers: { "Content-Type": "application/json" },
                                                                body: JSON.stringify({ username: "xiaojie", password: "secretpass1" }) });
    const cookie = login.headers.get("set-cookie").split(";")[0];
    const queue = await (await fetch(help.url + "api/console/queue", { headers: { Cookie: cookie } })).json();
    const mine = queue.requests.filter((r) => r.phone === "137****7000");  // unclaimed: masked
    assert.equal(mine.length, 1, "sent once");
    assert.equal(mine[0].context.device, "kiosk:xixi-1|" + place);
    // The console's list of kiosks: this one, online (its heartbeat), with today's request.
    const kiosks = await (await fetch(help.url + "api/console/kiosks", { headers: { Cookie: cookie } })).json();
    const me = kiosks.kiosks.find((k) => k.id === "xixi-1");
    assert.ok(me && me.online, JSON.stringify(kiosks));
    assert.equal(me.place, place);
    assert.equal(me.requests_today, 1);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  } finally {
    await help.stop();
  }
});

test("a new version waits while someone uses the kiosk, and is taken at the idle reset", async () => {
  const dir = mkdtempSync(join(tmpdir(), "anxin-kiosk-site-"));
  cpSync(join(root, "dist"), dir, { recursive: true });
  const site = await serve(dir);
  try {
    const page = await openApp(browser, site.url + "?kiosk=1&idle=12&warning=2&try=1", { width: 1920, height: 1080 });
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15000 });
    await openGuide(page, "医院挂号");  // someone is using it
    await page.evaluate(() => { window.samePage = true; });
    // A new deployment: a new service worker version and a changed page.
    writeFileSync(join(dir, "sw.js"), readFileSync(join(dir, "sw.js"), "utf8").replace(/const VERSION = "[^"]*"/, 'const VERSION = "next"'));
    writeFileSync(join(dir, "index.html"), readFileSync(join(dir, "index.html"), "utf8").replace("<head>", '<head><meta name="anxin-deployment" content="next">'));
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
    for (let i = 0; i < 100 && !(await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => !!r.waiting))); i++)
      await new Promise((r) => setTimeout(r, 100));
    assert.ok(await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => !!r.waiting)), "the new version is installed, waiting");
    await new Promise((r) => setTimeout(r, 1000));
    assert.ok(await page.evaluate(() => window.samePage === true), "not taken in the middle of someone's use");
    assert.equal(await heading(page), "医院挂号");
    // The person walks away: after the reset the page is the new deployment.
    const t0 = Date.now();
    await page.waitForFunction(() => document.querySelector('meta[name="anxin-deployment"]') !== null && window.anxinFirstFrameMs !== undefined,
                               null, { timeout: 30000 });
    console.log(`# kiosk update: taken ${Date.now() - t0} ms after the update was ready (idle 12 s + countdown 2 s)`);
    assert.equal(await page.evaluate(() => window.samePage), undefined);
    await settle(page);
    assert.equal(await heading(page), "您好！想做什么？");
    // Nobody has touched it since: the next deployment is taken as soon as it is ready.
    writeFileSync(join(dir, "sw.js"), readFileSync(join(dir, "sw.js"), "utf8").replace('const VERSION = "next"', 'const VERSION = "third"'));
    writeFileSync(join(dir, "index.html"), readFileSync(join(dir, "index.html"), "utf8").replace('content="next"', 'content="third"'));
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
    await page.waitForFunction(() => document.querySelector('meta[name="anxin-deployment"]')?.content === "third" && window.anxinFirstFrameMs !== undefined,
                               null, { timeout: 15000 });
    assert.deepEqual(page.errors, []);
    await page.context().close();
  } finally {
    site.stop();
  }
});
