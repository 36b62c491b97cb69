// 打印讲义 in a real browser: the app draws each step's phone and a QR code, the page lays
// them out for A4 in large print, Chromium prints it to PDF, and poppler reads the PDF back:
// every step's words are in its text, every picture is in it, the pages show the phones.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import jsQR from "jsqr";
import { launch, openApp, root, screenshot, screenshotDir, serve } from "./lib.mjs";

let server, browser;
before(async () => {
  server = await serve();
  browser = await launch();
});
after(async () => { await browser?.close(); server?.stop(); });

const squash = (s) => s.replace(/\s+/g, "");

async function openHandout(guide, size = { width: 1280, height: 900 }) {
  const page = await openApp(browser, `${server.url}#handout=${guide}`, size);
  await page.waitForSelector("#handout[data-ready]", { timeout: 30000 });
  return page;
}

test("a handout for every guide: each step's words and phone picture, large print, a QR code that opens the guide", async () => {
  for (const id of ["hospital", "bus-qr", "health-code", "no-password-pay", "anti-fraud"]) {
    const guide = JSON.parse(readFileSync(join(root, "assets", "guides", `${id}.json`), "utf8"));
    const page = await openHandout(id);
    const got = await page.evaluate(() => ({
      sections: [...document.querySelectorAll("#handout .step")].map((s) => ({
        heading: s.querySelector("h2").textContent,
        text: s.querySelector("p").textContent,
        phone: s.querySelector("img.phone") ? { w: s.querySelector("img.phone").naturalWidth, alt: s.querySelector("img.phone").alt } : null,
      })),
      bodyPt: parseFloat(getComputedStyle(document.querySelector("#handout .step p")).fontSize) * 0.75,
      smallestPt: Math.min(...[...document.querySelectorAll("#handout p, #handout figcaption")].map((p) => parseFloat(getComputedStyle(p).fontSize) * 0.75)),
      appHidden: getComputedStyle(document.getElementById("canvas")).display === "none",
      focused: document.activeElement.tagName,
    }));
    assert.equal(got.sections.length, guide.steps.length, id);
    guide.steps.forEach((step, i) => {
      assert.equal(got.sections[i].heading, `第 ${i + 1} 步（共 ${guide.steps.length} 步）：${step.title}`);
      assert.equal(got.sections[i].text, step.text);
      assert.equal(!!got.sections[i].phone, !!step.screen, `${id} step ${i + 1}: a picture only where the guide has a phone`);
      if (step.screen) {
        assert.ok(got.sections[i].phone.w >= 300, `${id} step ${i + 1}: the picture is ${got.sections[i].phone.w} px wide`);
        assert.match(got.sections[i].phone.alt, /^手机画面：/);
      }
    });
    assert.ok(got.bodyPt >= 20 && got.smallestPt >= 20, `text is ${got.bodyPt} pt, smallest ${got.smallestPt} pt`);
    assert.ok(got.appHidden);
    assert.equal(got.focused, "H1");
    // The QR code, read back from the picture: it opens this guide in the app.
    const qr = await page.evaluate(() => {
      const img = document.querySelector("#handout .qr img");
      const c = document.createElement("canvas");
      c.width = img.naturalWidth;
      c.height = img.naturalHeight;
      const g = c.getContext("2d");
      g.drawImage(img, 0, 0);
      return { w: c.width, h: c.height, data: Array.from(g.getImageData(0, 0, c.width, c.height).data) };
    });
    const decoded = jsQR(Uint8ClampedArray.from(qr.data), qr.w, qr.h);
    assert.equal(decoded?.data, `${server.url}#guide=${id}`);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});

test("printed to PDF: pdftotext finds every step's words, every phone picture is in it, and the pages show them", async () => {
  const guide = JSON.parse(readFileSync(join(root, "assets", "guides", "hospital.json"), "utf8"));
  const page = await openHandout("hospital");
  await screenshot(page, "handout-screen");
  await page.emulateMedia({ media: "print" });
  const dir = join(screenshotDir, "handout");
  mkdirSync(dir, { recursive: true });
  const pdf = join(dir, "hospital.pdf");
  writeFileSync(pdf, await page.pdf({ format: "A4", preferCSSPageSize: true, printBackground: true }));
  await page.context().close();

  const text = squash(execFileSync("pdftotext", ["-enc", "UTF-8", pdf, "-"], { encoding: "utf8" }));
  for (const step of guide.steps) {
    assert.ok(text.includes(squash(step.title)), `the PDF has "${step.title}"`);
    assert.ok(text.includes(squash(step.text)), `the PDF has the words of "${step.title}"`);
  }
  // Embedded pictures: one per step with a phone, and the QR code.
  const images = execFileSync("pdfimages", ["-list", pdf], { encoding: "utf8" }).trim().split("\n").slice(2);
  const phones = guide.steps.filter((s) => s.screen).length;
  assert.equal(images.length, phones + 1, images.join("\n"));
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [pdf], { encoding: "utf8" }))[1]);
  assert.ok(pages >= 2 && pages <= guide.steps.length + 1, `${pages} pages: at most a page a step, and the first`);
  assert.match(execFileSync("pdfinfo", [pdf], { encoding: "utf8" }), /Page size:\s+59\d\.\d+ x 841\.\d+ pts \(A4\)/);
  // The pages as pictures, to look at: build/screenshots/handout/page-1.png, …
  execFileSync("pdftoppm", ["-r", "60", "-png", pdf, join(dir, "page")]);
});
