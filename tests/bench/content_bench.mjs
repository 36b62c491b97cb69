// Published-content benchmark (not a test): what an app's update check costs.
//  - the bundle the server sends (raw bytes, and gzip for a proxy that compresses);
//  - an unchanged check (304, no body) and a full fetch (200): latency p50/p95 over loopback;
//  - in the app (headless Chromium): loading and validating the bundle in wasm, p50 of 10.
// Prints one JSON line.    node tests/bench/content_bench.mjs
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { helpServer, launch, openApp } from "../e2e/lib.mjs";

const percentile = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return Math.round(s[Math.min(s.length - 1, Math.floor(p * s.length))] * 10) / 10; };
const server = await helpServer(mkdtempSync(join(tmpdir(), "anxin-content-bench-")));
const browser = await launch();
try {
  const body = await (await fetch(server.url + "api/content")).text();
  const version = JSON.parse(body).version;
  const timed = async (path, n) => {
    const ms = [];
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      const r = await fetch(server.url + path);
      await r.arrayBuffer();
      ms.push(performance.now() - t);
    }
    return ms;
  };
  const unchanged = await timed(`api/content?have=${version}`, 100);
  const full = await timed("api/content", 30);
  // In the app: the same load and check the app does when a new version arrives (the preview's entry point).
  const page = await openApp(browser, server.url + "#preview", { width: 390, height: 844 });
  const wasm = await page.evaluate((text) => {
    const out = [];
    for (let i = 0; i < 10; i++) {
      const b = stringToNewUTF8(text), g = stringToNewUTF8("bus-qr");
      const t = performance.now();
      const problem = Module._anxin_preview(b, g, 1);
      out.push(performance.now() - t);
      if (UTF8ToString(problem) !== "") throw new Error(UTF8ToString(problem));
      _free(b); _free(g); _free(problem);
    }
    return out;
  }, body);
  console.log(JSON.stringify({
    benchmark: "anxin-content-updates",
    bundle: { raw: Buffer.byteLength(body), gzip: gzipSync(body).length, guides: Object.keys(JSON.parse(body).files).length - 2 },
    check_unchanged_304_ms: { p50: percentile(unchanged, 0.5), p95: percentile(unchanged, 0.95) },
    fetch_full_200_ms: { p50: percentile(full, 0.5), p95: percentile(full, 0.95) },
    wasm_load_and_validate_ms: { p50: percentile(wasm, 0.5), max: percentile(wasm, 1) },
  }));
  await page.context().close();
} finally {
  await browser.close();
  await server.stop();
}
