// The page around the app: clear messages when the browser cannot run it or a
// download fails, and recovery after the GPU drops the WebGL context.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { heading, launch, openApp, serve, settle } from "./lib.mjs";
import { decodePng } from "./png.mjs";

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

async function openBroken(setup) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await setup(context, page);
  await page.goto(server.url);
  await page.waitForSelector("#problem:not([hidden])", { timeout: 20000 });
  return page;
}

test("without WebGL2 the page says so in plain words and offers the hotline", async () => {
  const page = await openBroken((context) => context.addInitScript(() => {
    const original = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (type, ...rest) { return type === "webgl2" ? null : original.call(this, type, ...rest); };
  }));
  assert.match(await page.textContent("#problem-text"), /WebGL2 不可用/);
  assert.equal(await page.getAttribute("#problem-hotline", "href"), "tel:12345");
  assert.equal(await page.isHidden("#loading"), true);
  await page.context().close();
});

test("without WebAssembly the page says the browser is too old", async () => {
  const page = await openBroken((context) => context.addInitScript(() => { delete window.WebAssembly; }));
  assert.match(await page.textContent("#problem-text"), /不支持 WebAssembly/);
  await page.context().close();
});

test("a failed download says to check the network, and 再试一次 reloads into a working app", async () => {
  let fail = true;
  const page = await openBroken((context, page) => page.route("**/anxin.wasm", (route) => (fail ? route.abort() : route.continue())));
  assert.match(await page.textContent("#problem-text"), /网络不太好/);
  fail = false;
  await page.click("#problem-retry");
  await page.waitForFunction(() => window.anxinFirstFrameMs !== undefined, null, { timeout: 20000 });
  await settle(page);
  assert.equal(await heading(page), "您好！想做什么？");
  await page.context().close();
});

test("loading shows progress, and a lost WebGL context is restored and drawn again", async () => {
  const page = await openApp(browser, server.url, { width: 800, height: 600 });
  assert.equal(await page.textContent("#loading-percent"), "100%");
  const before = await page.evaluate(() => Module._anxin_frame_count());
  await page.evaluate(() => {
    window.loseExt = document.getElementById("canvas").getContext("webgl2").getExtension("WEBGL_lose_context");
    window.loseExt.loseContext();
  });
  await page.waitForSelector("#context-lost:not([hidden])");
  await page.evaluate(() => window.loseExt.restoreContext());
  await page.waitForSelector("#context-lost", { state: "hidden" });
  await settle(page);
  assert.ok((await page.evaluate(() => Module._anxin_frame_count())) > before, "frames drawn after restore");
  // The restored canvas shows the app again (header colour at the top-left), not a blank.
  const png = decodePng(await page.screenshot());
  assert.deepEqual(png.pixel(400, 5), [0x0b, 0x3d, 0x91]);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
