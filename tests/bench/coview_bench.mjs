// Screen-sharing benchmark (not a test): what "看着我的屏幕教我" costs and how fast
// the viewer sees a change. Prints one JSON line:
//  - from the real app in headless Chromium, sharing with a viewer: bytes the app sends
//    per screen change (guide steps) and per minute idle (its once-a-second call-in);
//  - the time from the senior's tap to the console's replica showing the new step
//    (real app, real console), p50/p95;
//  - relay latency, app POST → viewer's server-sent event, p50/p95, with 1 and with 20
//    sessions at once (simulated apps and viewers over HTTP on loopback).
// Budget: p95 ≤ 300 ms on loopback.   node tests/bench/coview_bench.mjs   (CHANGES=20 IDLE_S=20)
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { click, consoleLogin, heading, helpServer, launch, openApp, openGuide, reveal, settle, waitFor } from "../e2e/lib.mjs";

const CHANGES = Number(process.env.CHANGES ?? 20);
const IDLE_S = Number(process.env.IDLE_S ?? 20);
const server = await helpServer(mkdtempSync(join(tmpdir(), "anxin-coview-bench-")));
const percentile = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s.length ? Math.round(s[Math.min(s.length - 1, Math.floor(p * s.length))] * 10) / 10 : null; };
const post = (path, body) => fetch(server.url + path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });

// ---- The real app and the real console -------------------------------------------------
async function realApp() {
  const browser = await launch();
  try {
    const senior = await openApp(browser, server.url, { width: 390, height: 844 });
    const sent = { screen: [], calls: 0, callBytes: 0 };
    senior.on("request", (r) => {
      if (!r.url().includes("/api/coview/")) return;
      if (r.url().endsWith("/screen")) sent.screen.push({ t: performance.now(), bytes: Buffer.byteLength(r.postData() ?? "") });
      else if (r.method() === "GET") sent.calls++;
    });
    senior.on("response", async (r) => {
      if (r.request().method() === "GET" && r.url().includes("/api/coview/")) sent.callBytes += (await r.body().catch(() => Buffer.alloc(0))).length;
    });
    await openGuide(senior, "坐公交地铁");
    await click(senior, "button", "开始学习");
    await click(senior, "button", "找人帮忙");
    await click(senior, "button", "让对方看我的屏幕");
    const code = (await waitFor(senior, "text", /^号码 \d( \d){5}$/)).name.replace(/\D/g, "");
    const desk = await consoleLogin(browser, server.url);
    await desk.getByRole("button", { name: "看对方屏幕" }).click();
    await desk.getByLabel("对方念的 6 位数字").fill(code);
    await desk.getByRole("button", { name: "连接" }).click();
    await waitFor(senior, "heading", "帮忙台的小杰想看您的屏幕。同意吗？");
    await click(senior, "button", "好的");
    const replica = desk.locator("#coview-replica");
    await replica.getByText(await heading(senior), { exact: true }).waitFor();
    const firstScreenBytes = sent.screen.reduce((a, s) => a + s.bytes, 0);

    // Screen changes: 下一步 and 上一步 in turn; from the tap to the replica's heading changing.
    const endToEnd = [];
    sent.screen.length = 0;
    for (let i = 0; i < CHANGES; i++) {
      const [x, y, w, h] = (await reveal(senior, "button", i % 2 === 0 ? "下一步" : "上一步")).rect;
      const before = await replica.locator(".heading").first().textContent();
      const t0 = performance.now();
      await senior.mouse.click(x + w / 2, y + h / 2);
      await desk.waitForFunction((prev) => {
        const h = document.querySelector("#coview-replica .heading");
        return h && h.textContent !== prev;
      }, before, { polling: "raf" });
      endToEnd.push(performance.now() - t0);
      await settle(senior);
    }
    const changeBytes = sent.screen.reduce((a, s) => a + s.bytes, 0);
    const changePosts = sent.screen.length;
    await settle(senior);
    sent.screen.length = 0;
    sent.calls = 0;
    sent.callBytes = 0;
    await senior.waitForTimeout(IDLE_S * 1000);
    const idle = { screen_bytes: sent.screen.reduce((a, s) => a + s.bytes, 0), calls: sent.calls, answer_bytes: sent.callBytes };
    await desk.getByRole("button", { name: "结束看屏幕" }).click();
    return {
      first_screen_bytes: firstScreenBytes,
      bytes_per_change: Math.round(changeBytes / CHANGES), posts_per_change: Math.round(changePosts / CHANGES * 10) / 10,
      idle_per_minute: { calls: Math.round(idle.calls * 60 / IDLE_S), answer_bytes: Math.round(idle.answer_bytes * 60 / IDLE_S),
                         screen_bytes: Math.round(idle.screen_bytes * 60 / IDLE_S) },
      tap_to_replica_ms: { p50: percentile(endToEnd, 0.5), p95: percentile(endToEnd, 0.95) },
    };
  } finally {
    await browser.close();
  }
}

// ---- Simulated sessions: the relay alone -------------------------------------------------
// A viewer reading the server-sent events with fetch; resolves each awaited sequence number.
async function openSession(n) {
  const made = await (await post("api/coview", {})).json();
  const joined = await (await post("api/coview/join", { code: made.code, name: "观" + n })).json();
  await post(`api/coview/${made.token}/answer`, { accept: true });
  const arrivals = new Map();
  const controller = new AbortController();
  const res = await fetch(`${server.url}api/coview/view/${joined.viewer}/events`, { signal: controller.signal });
  (async () => {
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      for await (const chunk of res.body) {
        buffer += decoder.decode(chunk, { stream: true });
        let cut;
        while ((cut = buffer.indexOf("\n\n")) >= 0) {
          const event = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const data = event.split("\n").find((l) => l.startsWith("data: "));
          if (!data) continue;
          const d = JSON.parse(data.slice(6));
          const mark = d.diff?.add?.[0]?.name ?? d.nodes?.[0]?.name;
          if (mark) arrivals.get(mark)?.(performance.now());
        }
      }
    } catch { /* aborted */ }
  })();
  return { token: made.token, arrivals, close: () => controller.abort() };
}

async function relay(sessions, changes) {
  const all = await Promise.all(Array.from({ length: sessions }, (_, n) => openSession(n)));
  const latencies = [];
  let id = 1;
  // Each app sends a screen change every 250 ms: a heading replaced, as 下一步 does.
  await Promise.all(all.map(async (s, n) => {
    for (let i = 0; i < changes; i++) {
      const mark = `第 ${i} 步 ${n}`;
      const seen = new Promise((resolve) => s.arrivals.set(mark, resolve));
      const t0 = performance.now();
      const r = await post(`api/coview/${s.token}/screen`, {
        diff: { remove: i ? [id - 1] : [], add: [{ id: id++, role: "heading", name: mark, rect: [12, 120, 340, 60] }], update: [] },
        context: { guide: "坐公交地铁", step: i + 1, steps: 9 } });
      if (r.status !== 200) continue;
      const t1 = await Promise.race([seen, new Promise((resolve) => setTimeout(() => resolve(null), 3000))]);
      if (t1 !== null) latencies.push(t1 - t0);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }));
  all.forEach((s) => s.close());
  return { sessions, changes: sessions * changes, delivered: latencies.length, p50: percentile(latencies, 0.5), p95: percentile(latencies, 0.95) };
}

const app = await realApp();
const one = await relay(1, CHANGES * 2);
const twenty = await relay(20, CHANGES);
await server.stop();
console.log(JSON.stringify({ benchmark: "anxin-coview", app, relay_ms: { one, twenty },
                             budget: { p95_le_300ms: [app.tap_to_replica_ms.p95, one.p95, twenty.p95].every((v) => v !== null && v <= 300) } }));
