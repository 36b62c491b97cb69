// Any text shows: a helper named 龚赟 and an answer with 𠮷, 鑫淼 and 體 — none of
// them in the font shipped with the app — are drawn with their real glyphs, whose
// font slices the app fetches the first time they must be drawn. The screen is
// compared with the same characters drawn by the browser from the full system font;
// a slice that fails or arrives corrupt leaves a box and is fetched again; a slice
// once fetched is kept for offline use.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { click, helpServer, launch, openApp, openGuide, screenshot, semantics, settle } from "./lib.mjs";
import { decodePng } from "./png.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const tmp = () => mkdtempSync(join(tmpdir(), "anxin-glyphs-"));
const HELPER = ["gongyun", "龚赟", "secretpass1"];
const stats = (page) => page.evaluate(() => JSON.parse(UTF8ToString(Module._anxin_glyph_stats())));

async function waitForNode(page, role, test, ms = 30000) {
  const end = Date.now() + ms;
  for (;;) {
    const node = (await semantics(page)).find((n) => n.role === role && test(n.name));
    if (node) return node;
    if (Date.now() > end) throw new Error(`no ${role} matching ${test}`);
    await page.waitForTimeout(100);
  }
}

async function api(server, path, body, who) {
  const r = await fetch(server.url + path, {
    method: "POST", headers: { "Content-Type": "application/json", ...(who ? { Cookie: who.cookie, "X-CSRF-Token": who.csrf } : {}) },
    body: JSON.stringify(body),
  });
  const json = await r.json();
  assert.ok(r.status < 300, `${path}: ${r.status} ${JSON.stringify(json)}`);
  if (path.endsWith("/login")) return { cookie: r.headers.get("set-cookie").split(";")[0], csrf: json.csrf };
  return json;
}

// The app asks for a call-back; the helper 龚赟 claims it in the console.
async function claimedByGongYun(server, page) {
  await click(page, "button", "找人帮忙");
  await click(page, "button", "请人给我回电");
  for (const d of "13800138000") await click(page, "button", d);
  await click(page, "button", "发送，请人回电");
  await waitForNode(page, "status", (n) => n.startsWith("已经收到"));
  const who = await api(server, "api/console/login", { username: HELPER[0], password: HELPER[2] });
  const queue = await (await fetch(server.url + "api/console/queue", { headers: { Cookie: who.cookie } })).json();
  await api(server, `api/console/requests/${queue.requests[0].id}/claim`, {}, who);
}

// Each character drawn alone by the browser from the full system font (Noto Sans CJK SC),
// at `px` CSS pixels, as ink (0..1) on a square of side `px`.
async function reference(chars, px) {
  const page = await browser.newPage();
  try {
    await page.setContent("<canvas></canvas>");
    return await page.evaluate(async ([chars, px]) => {
      await document.fonts.load(`${px}px "Noto Sans CJK SC"`, chars);
      const c = document.querySelector("canvas");
      c.width = c.height = px;
      const g = c.getContext("2d", { willReadFrequently: true });
      const out = {};
      for (const ch of chars) {
        g.fillStyle = "#fff"; g.fillRect(0, 0, px, px);
        g.fillStyle = "#000"; g.font = `${px}px "Noto Sans CJK SC"`; g.textBaseline = "middle";
        g.fillText(ch, 0, px / 2);
        const d = g.getImageData(0, 0, px, px).data;
        out[ch] = Array.from({ length: px * px }, (_, i) => 1 - d[i * 4] / 255);
      }
      return out;
    }, [[...chars], px]);
  } finally { await page.close(); }
}

// Ink (0..1) of a w×h image, blurred over 3×3 pixels: two rasterisers place strokes
// up to a pixel apart, and a blur makes the comparison forgive that.
function blurred(w, h, ink) {
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    let s = 0, n = 0;
    for (let j = -1; j <= 1; j++) for (let i = -1; i <= 1; i++) {
      const xx = x + i, yy = y + j;
      if (xx >= 0 && yy >= 0 && xx < w && yy < h) { s += ink(xx, yy); n++; }
    }
    out[y * w + x] = s / n;
  }
  return out;
}

// The best normalised cross-correlation of a glyph (`tpl`, ink on a square of side n,
// margins cut) anywhere inside `rect` of the screenshot (its outer 6 px, a border,
// left out): near 1 where the same glyph is drawn, lower for any other glyph.
function bestMatch(shot, rect, tpl, n) {
  let [x0, x1, y0, y1] = [n, 0, n, 0];
  for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) if (tpl[y * n + x] > 0.3) {
    x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
  }
  const tw = x1 - x0 + 1, th = y1 - y0 + 1;
  const t = blurred(tw, th, (x, y) => tpl[(y + y0) * n + x + x0]);
  const tm = t.reduce((a, b) => a + b, 0) / t.length;
  const tv = Math.sqrt(t.reduce((a, b) => a + (b - tm) ** 2, 0));
  const [rx, ry, rw, rh] = rect.map(Math.round);
  const ax = rx + 6, ay = ry + 6, aw = rw - 12, ah = rh - 12;
  const img = blurred(aw, ah, (x, y) => 1 - shot.data[((y + ay) * shot.width + x + ax) * 4] / 255);
  let best = -1;
  for (let y = 0; y + th <= ah; y++) for (let x = 0; x + tw <= aw; x++) {
    let s = 0, s2 = 0, st = 0;
    for (let j = 0; j < th; j++) for (let i = 0; i < tw; i++) { const v = img[(y + j) * aw + x + i]; s += v; s2 += v * v; st += v * t[j * tw + i]; }
    const count = tw * th, mean = s / count, sv = Math.sqrt(Math.max(1e-9, s2 - count * mean * mean));
    best = Math.max(best, (st - mean * tm * count) / (sv * tv));
  }
  return best;
}

// Every character of `chars` is on screen inside the node, drawn as itself; no "?" nor box
// where they are (`where`, by default the whole node: a box, a digit or a bracket
// elsewhere in a long text can look enough like "?" to blur the check).
async function assertDrawn(page, node, chars, name, where = node.rect) {
  const shot = decodePng(readFileSync(await screenshot(page, name)));
  const px = Math.round(node.fontPx);
  const refs = await reference(chars + "?□", px);
  const report = {};
  for (const ch of chars) report[ch] = Number(bestMatch(shot, node.rect, refs[ch], px).toFixed(2));
  for (const ch of "?□") report[ch] = Number(bestMatch(shot, where, refs[ch], px).toFixed(2));
  console.log(JSON.stringify({ name, correlation: report }));
  for (const ch of chars) assert.ok(report[ch] > 0.8, `${ch} is drawn as itself (correlation with the full font): ${JSON.stringify(report)}`);
  for (const ch of "?□") assert.ok(report[ch] < 0.7, `no ${ch} in "${node.name}": ${JSON.stringify(report)}`);
  return report;
}

test("a helper named 龚赟 shows in real glyphs, fetched on demand in under 300 ms; the screen reader has the name at once", async () => {
  const server = await helpServer(tmp(), { helper: HELPER });
  try {
    const page = await openApp(browser, server.url, { width: 390, height: 844 });
    const slices = [];
    page.on("request", (r) => { if (r.url().includes("/fonts/slices/")) slices.push(r.url()); });
    // When the status naming 龚赟 reaches the page, on the page's own clock.
    await page.evaluate(() => {
      const real = window.fetch;
      window.fetch = async (...args) => {
        const r = await real(...args);
        if (String(args[0]).includes("/api/help-requests/"))
          r.clone().text().then((t) => { if (t.includes("龚赟") && !window.nameArrivedMs) window.nameArrivedMs = performance.now(); });
        return r;
      };
    });
    assert.equal((await stats(page)).wanted, 0, "the app's own text needs no slice");
    await claimedByGongYun(server, page);
    const node = await waitForNode(page, "status", (n) => n.startsWith("龚赟 已经接手"));
    // The DOM mirror (what a screen reader reads) carries the string, glyphs or not.
    assert.ok(await page.getByText("龚赟 已经接手", { exact: false }).count() >= 1);
    await settle(page);
    const s = await stats(page);
    assert.equal(s.loaded, 2, "龚 and 赟 are in two slices");
    assert.equal(slices.length, 2);
    const arrived = await page.evaluate(() => window.nameArrivedMs);
    const latency = s.last_loaded_ms - arrived;
    console.log(JSON.stringify({ glyph_latency_ms: Math.round(latency), slice_bytes: s.bytes, slices: slices.length }));
    assert.ok(latency >= 0 && latency <= 300, `text to glyphs on screen: ${latency} ms`);
    const [x, y, w, h] = node.rect, em = node.fontPx;
    await assertDrawn(page, node, "龚赟接手", "glyphs-helper-name", [x, y, Math.min(w, 4 * em), Math.min(h, 2.6 * em)]);
    assert.deepEqual(page.errors, []);
  } finally { await server.stop(); }
});

test("an answer with 𠮷, 鑫淼 and 體 shows in 我的反馈", async () => {
  const server = await helpServer(tmp(), { helper: HELPER, admin: ["admin", "管理员", "secretpass2"] });
  try {
    const page = await openApp(browser, server.url, { width: 1280, height: 900 });
    await openGuide(page, "电子健康卡");
    await click(page, "button", "开始学习");
    await click(page, "button", "这一步有问题？告诉我们");
    await click(page, "radio", "和我手机上的不一样");
    await click(page, "button", "发送");
    await waitForNode(page, "text", (n) => n === "已经收到，还在等回答。");
    const who = await api(server, "api/console/login", { username: "admin", password: "secretpass2" });
    const reports = await (await fetch(server.url + "api/console/reports", { headers: { Cookie: who.cookie } })).json();
    const answer = "谢谢𠮷先生，鑫淼說的體驗已改好。";
    await api(server, `api/console/reports/${reports.reports[0].id}/answer`, { answer, status: "answered" }, who);
    await click(page, "button", "返回");
    await click(page, "button", "回首页");
    await click(page, "button", "设置");
    await click(page, "button", "我的反馈");
    const node = await waitForNode(page, "text", (n) => n === "回答：" + answer);
    await settle(page);
    await assertDrawn(page, node, "𠮷鑫淼體", "glyphs-answer");
    assert.deepEqual(page.errors, []);
  } finally { await server.stop(); }
});

test("a slice that fails, then arrives corrupt, leaves a box and is fetched again; once here it is kept for offline use", async () => {
  const server = await helpServer(tmp(), { helper: HELPER });
  try {
    const page = await openApp(browser, server.url, { width: 390, height: 844 });
    let mode = "fail";
    await page.route("**/fonts/slices/**", async (route) => {
      if (mode === "fail") return route.abort("connectionreset");
      if (mode === "corrupt") return route.fulfill({ status: 200, contentType: "font/otf", body: Buffer.from("not a font at all") });
      return route.continue();
    });
    await claimedByGongYun(server, page);
    const node = await waitForNode(page, "status", (n) => n.startsWith("龚赟 已经接手"));
    await settle(page);
    let s = await stats(page);
    assert.equal(s.loaded, 0);
    assert.ok(s.failures >= 2, "both slices failed");
    const shot = decodePng(readFileSync(await screenshot(page, "glyphs-placeholder")));
    const box = (await reference("□", Math.round(node.fontPx)))["□"];
    const boxMatch = bestMatch(shot, node.rect, box, Math.round(node.fontPx));
    console.log(JSON.stringify({ placeholder_box_correlation: boxMatch }));
    assert.ok(boxMatch > 0.8, "a box stands where the name will be");
    mode = "corrupt";
    await page.waitForFunction(() => JSON.parse(UTF8ToString(Module._anxin_glyph_stats())).failures >= 4, null, { timeout: 20000 });
    s = await stats(page);
    assert.equal(s.loaded, 0, "corrupt bytes never reach the font");
    mode = "network";
    await page.waitForFunction(() => JSON.parse(UTF8ToString(Module._anxin_glyph_stats())).loaded === 2, null, { timeout: 30000 });
    await settle(page);
    const [x, y, w, h] = node.rect, em = node.fontPx;
    await assertDrawn(page, node, "龚赟", "glyphs-after-retry", [x, y, Math.min(w, 4 * em), Math.min(h, 2.6 * em)]);

    // Offline after a reload: the slices come from the browser's cache.
    mode = "fail";
    await page.reload();
    await page.waitForFunction(() => window.anxinFirstFrameMs !== undefined);
    await settle(page);
    await click(page, "button", "找人帮忙");
    await click(page, "button", "查看回电进度");
    const again = await waitForNode(page, "status", (n) => n.startsWith("龚赟 已经接手"));
    await page.waitForFunction(() => JSON.parse(UTF8ToString(Module._anxin_glyph_stats())).loaded === 2, null, { timeout: 10000 });
    await settle(page);
    await assertDrawn(page, again, "龚赟", "glyphs-from-cache", [x, y, Math.min(w, 4 * em), Math.min(h, 2.6 * em)]);
    assert.deepEqual(page.errors, []);
  } finally { await server.stop(); }
});
