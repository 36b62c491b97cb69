// Benchmark (not a test): prints one JSON line with
//   - bytes shipped on first load, raw and gzip (-9), by kind and in total;
//   - median time from navigation to the first rendered frame over N loads in
//     headless Chromium, at normal speed and with 4x CPU throttling;
//   - frames drawn and main-thread CPU time during 10 s of idle;
//   - the DOM mirror's per-frame sync time (median, p95) and element count, on the
//     home screen and on a guide step, while the screen is scrolled through;
//   - glyphs on demand: the font slices (count, sizes; none is part of the first load)
//     and, over several runs, the time from a helper's name (龚赟, not in the shipped
//     font) reaching the app to its glyphs being in the font for the frame drawn then,
//     with the bytes fetched for it;
// for the app (dist/) and, in the same run, a minimal Dear ImGui page built by
// the same toolchain (one window, one button, default font), with ratios.
// Run it with tests/bench/run_benchmark.sh, which builds both first.
import { readFileSync, statSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { launch, openApp, root, serve, settle } from "../e2e/lib.mjs";

const LOADS = Number(process.env.LOADS ?? 9);
const IDLE_MS = Number(process.env.IDLE_MS ?? 10000);

function bytes(files) {
  let raw = 0, gzip = 0;
  for (const f of files) {
    const data = readFileSync(f);
    raw += data.length;
    gzip += gzipSync(data, { level: 9 }).length;
  }
  return { raw, gzip };
}
const filesUnder = (dir) => readdirSync(dir, { recursive: true }).map((f) => join(dir, f)).filter((f) => statSync(f).isFile());

const dist = join(root, "dist");
const stage = join(root, "build", "wasm", "stage");
const minimalDir = join(root, "build", "bench-minimal");
const app = {
  wasm: bytes([join(dist, "anxin.wasm")]),
  js: bytes([join(dist, "anxin.js"), join(dist, "loader.js")]),
  page: bytes([join(dist, "index.html"), join(dist, "app.css")]),
  fonts: bytes([join(stage, "fonts", "anxin-sc.otf")]),       // packed inside anxin.data
  content: bytes(filesUnder(join(stage, "assets"))),          // packed inside anxin.data
  slice_index: bytes([join(root, "build", "font_slices", "slices.json")]),  // packed inside anxin.data
  data_file: bytes([join(dist, "anxin.data")]),
};
app.total = bytes(["anxin.wasm", "anxin.js", "loader.js", "mirror.js", "index.html", "app.css", "anxin.data"].map((f) => join(dist, f)));
const minimal = { total: bytes(["index.html", "minimal_imgui.js", "minimal_imgui.wasm"].map((f) => join(minimalDir, f))) };

const sliceSizes = filesUnder(join(dist, "fonts", "slices")).map((f) => statSync(f).size).sort((a, b) => a - b);
app.font_slices = { count: sliceSizes.length, min: sliceSizes[0], median: sliceSizes[sliceSizes.length >> 1],
                    max: sliceSizes[sliceSizes.length - 1], total: sliceSizes.reduce((a, b) => a + b, 0) };

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

async function oneLoadMs(browser, url, throttle) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });  // empty cache each load
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: throttle });
  await page.goto(url);
  await page.waitForFunction(() => window.anxinFirstFrameMs !== undefined, null, { timeout: 60000 });
  const ms = await page.evaluate(() => window.anxinFirstFrameMs);
  await context.close();
  return ms;
}

// Loads of the two pages alternate, so both see the same machine (a busy moment
// slows both, not just one of them).
async function firstFrameMs(browser, urls, throttle) {
  const times = urls.map(() => []);
  for (let i = 0; i < LOADS; i++)
    for (let k = 0; k < urls.length; k++) times[k].push(await oneLoadMs(browser, urls[k], throttle));
  return times.map((t) => Math.round(median(t)));
}

async function idle(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Performance.enable");
  await page.goto(url);
  await page.waitForFunction(() => window.anxinFirstFrameMs !== undefined);
  await page.waitForTimeout(1000);  // let start-up settle
  const metric = async (name) => (await cdp.send("Performance.getMetrics")).metrics.find((m) => m.name === name).value;
  const frames0 = await page.evaluate(() => Module._anxin_frame_count());
  const task0 = await metric("TaskDuration");
  await page.waitForTimeout(IDLE_MS);
  const frames = (await page.evaluate(() => Module._anxin_frame_count())) - frames0;
  const cpuMs = ((await metric("TaskDuration")) - task0) * 1000;
  await context.close();
  return { frames, fps: +(frames / (IDLE_MS / 1000)).toFixed(2), cpu_ms_per_s: +(cpuMs / (IDLE_MS / 1000)).toFixed(2) };
}

function percentile(values, p) {
  const s = [...values].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))] : 0;
}

// Syncs while the content is scrolled (every frame moves every node: the worst case).
async function mirror(browser, url) {
  const out = {};
  const page = await openApp(browser, url, { width: 1280, height: 800 });
  for (const where of ["home", "guide_step"]) {
    if (where === "guide_step") {
      for (const name of ["钱和安全", "关闭免密支付", "开始学习", "下一步"]) {
        await page.getByRole("button", { name, exact: true }).evaluate((e) => e.click());
        await settle(page);
      }
    }
    await page.evaluate(() => { anxinMirror.stats.syncMs.length = 0; });
    await page.mouse.move(640, 400);
    for (let i = 0; i < 20; i++) { await page.mouse.wheel(0, i < 10 ? 60 : -60); await page.waitForTimeout(30); }
    await settle(page);
    const ms = await page.evaluate(() => anxinMirror.stats.syncMs.slice());
    out[where] = { syncs: ms.length, sync_ms_median: +percentile(ms, 0.5).toFixed(3), sync_ms_p95: +percentile(ms, 0.95).toFixed(3),
                   dom_elements: await page.evaluate(() => anxinMirror.nodeCount()) };
  }
  await page.context().close();
  return out;
}

// The help server is stood in for by a route: the call-back is at once "accepted by 龚赟".
async function glyphLatency(browser, url, runs = 5) {
  const out = [];
  let bytesFetched = 0;
  for (let i = 0; i < runs; i++) {
    const page = await openApp(browser, url, { width: 390, height: 844 });  // a new context: an empty cache
    const status = { id: "a".repeat(32), status: "accepted", helper: "龚赟", promise_minutes: 10, promise_ms: 600000, position: 0, overdue: false };
    await page.route("**/api/help-requests**", (r) => r.fulfill({ status: 201, contentType: "application/json", body: JSON.stringify(status) }));
    await page.evaluate(() => {
      const real = window.fetch;
      window.fetch = async (...a) => { const r = await real(...a); if (String(a[0]).includes("/api/help-requests")) window.nameArrivedMs ??= performance.now(); return r; };
    });
    for (const name of ["找人帮忙", "请人给我回电", ..."13800138000", "发送，请人回电"]) {
      await page.getByRole("button", { name, exact: true }).evaluate((e) => e.click());
      await settle(page);
    }
    await page.waitForFunction(() => JSON.parse(UTF8ToString(Module._anxin_glyph_stats())).loaded >= 2, null, { timeout: 10000 });
    const [s, arrived] = await page.evaluate(() => [JSON.parse(UTF8ToString(Module._anxin_glyph_stats())), window.nameArrivedMs]);
    out.push(s.last_loaded_ms - arrived);
    bytesFetched = s.bytes;
    await page.context().close();
  }
  return { runs, text_to_glyphs_ms_median: Math.round(percentile(out, 0.5)), text_to_glyphs_ms_max: Math.round(Math.max(...out)),
           bytes_fetched: bytesFetched };
}

const appServer = await serve(dist);
const minimalServer = await serve(minimalDir);
const browser = await launch();
try {
  const urls = [appServer.url, minimalServer.url];
  [app.first_frame_ms, minimal.first_frame_ms] = await firstFrameMs(browser, urls, 1);
  [app.first_frame_ms_cpu4x, minimal.first_frame_ms_cpu4x] = await firstFrameMs(browser, urls, 4);
  app.idle_10s = await idle(browser, appServer.url);
  minimal.idle_10s = await idle(browser, minimalServer.url);
  app.dom_mirror = await mirror(browser, appServer.url);
  app.glyphs_on_demand = await glyphLatency(browser, appServer.url);
} finally {
  await browser.close();
  appServer.stop();
  minimalServer.stop();
}

const result = {
  benchmark: "anxin-first-load",
  loads: LOADS,
  app,
  minimal_imgui: minimal,
  ratio: {
    first_frame: +(app.first_frame_ms / minimal.first_frame_ms).toFixed(2),
    first_frame_cpu4x: +(app.first_frame_ms_cpu4x / minimal.first_frame_ms_cpu4x).toFixed(2),
    total_gzip: +(app.total.gzip / minimal.total.gzip).toFixed(2),
  },
  budget: {
    total_gzip_le_900kb: app.total.gzip <= 900 * 1024,
    first_frame_le_1_5x_minimal: app.first_frame_ms <= 1.5 * minimal.first_frame_ms,
    idle_le_1fps: app.idle_10s.fps <= 1,
    glyphs_le_300ms: app.glyphs_on_demand.text_to_glyphs_ms_max <= 300,
  },
};
console.log(JSON.stringify(result));
