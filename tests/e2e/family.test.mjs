// Family setup, the whole way, as two people on two devices: a daughter fills the
// family page on her phone, the QR code it draws is read back from a screenshot, the
// link is opened in a second browser context (her mother's phone), the mother says
// 好的, and the settings are on screen and still there after a reload.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import jsQR from "jsqr";
import { axeViolations, click, find, heading, launch, openApp, reveal, screenshot, serve, settle, waitForFirstFrame } from "./lib.mjs";
import { decodePng } from "./png.mjs";

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

// As a person types: a tap on the box drawn in the canvas, then the keyboard.
async function typeInto(page, name, text) {
  const [x, y, w, h] = (await reveal(page, "textbox", name)).rect;
  await page.mouse.click(x + w / 2, y + h / 2);
  await page.keyboard.type(text);
  await settle(page);
}

// Reads the QR code the app drew, from pixels, as a phone camera would.
async function readQr(page) {
  const [x, y, w, h] = (await reveal(page, "img", "设置链接的二维码")).rect;
  const png = decodePng(await page.screenshot({ clip: { x, y, width: w, height: h } }));
  const code = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height);
  assert.ok(code, "the QR code can be read");
  return code.data;
}

// The mother already reads the largest text: only what really changes is told.
const seniorSays = "小芳帮您设置了：说话慢一点，“找人帮忙”会先打给小芳，首页写上“妈，有事先打给我”。要这样改吗？";

test("a setup made on the family page reaches the senior by QR code and is kept after 好的", async () => {
  const family = await openApp(browser, server.url + "#family", { width: 390, height: 844 });
  assert.equal(await heading(family), "帮家人设置安心");
  await typeInto(family, "您的名字（家人会看到“小芳帮您设置了”）", "小芳");
  await click(family, "radio", "超大");
  await click(family, "radio", "很慢");
  await typeInto(family, "第 1 个人的称呼", "小芳");
  await typeInto(family, "第 1 个人的电话", "13800138000");
  await typeInto(family, "显示在首页最上面（最多 40 个字）", "妈，有事先打给我");
  await reveal(family, "img", "预览：家人的首页");
  await screenshot(family, "family-page-preview-phone");
  const link = await readQr(family);
  await screenshot(family, "family-page-qr-phone");
  assert.match(link, new RegExp(`^${server.url.replace(/[/.]/g, "\\$&")}/?#setup=1\\.`));
  assert.ok(link.length <= 1000, `link of ${link.length} characters`);
  await click(family, "button", "复制链接");
  assert.equal(await family.evaluate(() => window.anxinCopied), link, "the copied link is the QR code's");
  assert.deepEqual(await axeViolations(family), [], "axe-core on the family page");
  assert.deepEqual(family.errors, []);
  await family.context().close();

  // The mother's phone: already on the largest text, nothing else set.
  const mother = await openApp(browser, link, { width: 360, height: 640, storage: JSON.stringify({ version: 1, text_size: "largest" }) });
  assert.equal(await heading(mother), "家人帮您设置");
  assert.equal(await mother.getByText(seniorSays, { exact: true }).count(), 1, "the change is told in plain words, in the mirror too");
  await screenshot(mother, "setup-offer-largest-phone");
  assert.deepEqual(await axeViolations(mother), [], "axe-core on the setup offer");
  // Nothing is kept before 好的.
  assert.equal(JSON.parse(await mother.evaluate(() => localStorage.getItem("anxin.settings"))).speech_rate, undefined);
  assert.ok(await mother.evaluate(() => location.hash.startsWith("#setup=1.")));
  await click(mother, "button", "好的");
  assert.equal(await heading(mother), "您好！想做什么？");
  assert.equal(await mother.evaluate(() => location.hash), "", "the link leaves the address bar");
  const stored = JSON.parse(await mother.evaluate(() => localStorage.getItem("anxin.settings")));
  assert.equal(stored.speech_rate, "very_slow");
  assert.deepEqual(stored.contacts, [{ name: "小芳", number: "13800138000" }]);

  await mother.reload();
  await waitForFirstFrame(mother);  // the new page's runtime, not the old one's
  assert.equal(await heading(mother), "您好！想做什么？", "a reload does not ask again");
  assert.ok(await find(mother, "status", "妈，有事先打给我"));
  await click(mother, "button", "找人帮忙");
  const call = await find(mother, "button", "打给 小芳");
  assert.ok(call.rect[3] >= 72);
  await click(mother, "button", "打给 小芳");
  assert.deepEqual(await mother.evaluate(() => window.anxinOpened), ["tel:13800138000"]);
  await click(mother, "button", "返回");
  await click(mother, "button", "设置");
  await reveal(mother, "button", "恢复原来的设置");
  assert.deepEqual(mother.errors, []);
  await mother.context().close();
});

test("a screen-reader user fills the family page through the mirror's real text boxes", async () => {
  const page = await openApp(browser, server.url + "#family", { width: 1280, height: 900 });
  const box = page.getByRole("textbox", { name: "第 1 个人的电话", exact: true });
  await box.fill("call me");
  await settle(page);
  const node = await find(page, "textbox", "第 1 个人的电话");
  assert.equal(node.value, "call me");
  assert.equal(await box.getAttribute("aria-invalid"), "true");
  assert.equal(await box.getAttribute("inputmode"), "tel");
  // Escape while typing belongs to the text box (it ends an input method's composing), not "back".
  await box.focus();
  await page.keyboard.press("Escape");
  await settle(page);
  assert.equal(await heading(page), "帮家人设置安心");
  await box.fill("13800138000");
  await page.getByRole("textbox", { name: "第 1 个人的称呼", exact: true }).fill("小芳");
  await settle(page);
  assert.equal(await page.getByRole("button", { name: "复制链接", exact: true }).count(), 1, "the link appears once all is right");
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

// A setup link made the way README.md documents it, independently of the app's own encoder.
function documentedLink(payload) {
  const b64 = Buffer.from(JSON.stringify(payload), "utf8").toString("base64url");
  let h = 0x811c9dc5;
  for (const c of Buffer.from(b64)) h = Math.imul(h ^ c, 0x01000193) >>> 0;
  return `${server.url}#setup=1.${b64}.${h.toString(16).padStart(8, "0")}`;
}
const payload = { f: "小芳", t: 3, c: 0, v: 1, r: 0, l: 0, s: 0, h: "", hn: "", p: [["小芳", "13800138000"]], g: [], n: "" };

test("a link made from the documented format is understood", async () => {
  const page = await openApp(browser, documentedLink(payload), { width: 360, height: 640 });
  assert.equal(await heading(page), "家人帮您设置");
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("a setup link opened in a tab where the app already runs is offered too", async () => {
  const page = await openApp(browser, server.url, { width: 390, height: 844 });
  await page.evaluate((hash) => { location.hash = hash; }, documentedLink(payload).split("#")[1]);
  await page.waitForFunction(() => JSON.parse(UTF8ToString(Module._anxin_semantics_json())).some((n) => n.name === "家人帮您设置"));
  await settle(page);
  await click(page, "button", "不要");
  assert.equal(await heading(page), "您好！想做什么？");
  assert.equal(await page.evaluate(() => location.hash), "");
  // A huge address (a link pasted many times over) is refused, not a crash.
  await page.evaluate(() => { location.hash = "setup=1." + "A".repeat(200000); });
  await page.waitForFunction(() => JSON.parse(UTF8ToString(Module._anxin_semantics_json())).some((n) => n.name === "这个链接打不开"));
  await settle(page);
  await click(page, "button", "知道了");
  assert.equal(await page.evaluate(() => localStorage.getItem("anxin.settings")), null, "不要 keeps nothing");
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

for (const [what, edit] of [
  ["cut short in a chat", (l) => l.slice(0, l.length - 12)],
  ["edited by hand", (l) => l.replace(/\.([A-Za-z])/, (m, c) => "." + (c === "e" ? "f" : "e"))],
  ["from a newer app", (l) => l.replace("#setup=1.", "#setup=2.")],
  ["too long", (l) => l + "A".repeat(1200)],
  ["with a name in markup", () => documentedLink({ ...payload, p: [["<img src=x>", "13800138000"]] })],
  ["with a number that is not one", () => documentedLink({ ...payload, p: [["小芳", "javascript:alert(1)"]] })],
]) {
  test(`a setup link ${what} is refused plainly and changes nothing`, async () => {
    const page = await openApp(browser, edit(documentedLink(payload)), { width: 360, height: 640, storage: JSON.stringify({ version: 1, theme: "dark" }) });
    assert.equal(await heading(page), "这个链接打不开");
    const message = what === "from a newer app" ? "这个链接是新版安心做的，这里还看不懂。请刷新页面后再打开，或让家人再发一次。"
                  : what.startsWith("with a") ? "这个链接里有不对的内容（名字或电话号码），请让家人再发一次。"
                  : "这个链接不完整，请让家人再发一次。";
    assert.ok(await find(page, "status", message));
    await click(page, "button", "知道了");
    assert.equal(await heading(page), "您好！想做什么？");
    assert.equal(await page.evaluate(() => localStorage.getItem("anxin.settings")), JSON.stringify({ version: 1, theme: "dark" }));
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
}
