// Workshop classes in real browsers: a volunteer starts a class in the console, the
// projector shows the code and QR code and then the step, three seniors join from
// their phones and follow the clicker; a raised hand reaches the dashboard and is
// handled; a phone that loses its network keeps its step and rejoins; the end is
// said on every phone. Volunteers do not see the help desk's queue.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { click, consoleLogin, heading, helpServer, launch, openApp, root, screenshot, semantics, settle, waitFor } from "./lib.mjs";

const hospital = JSON.parse(readFileSync(join(root, "assets", "guides", "hospital.json"), "utf8"));
const volunteer = ["laoshi", "李老师", "teachpass1"];
const admin = ["guanli", "管理员", "adminpass1"];
let help, browser;
before(async () => {
  help = await helpServer(mkdtempSync(join(tmpdir(), "anxin-classes-")), { volunteer, admin });
  browser = await launch();
});
after(async () => { await browser?.close(); await help?.stop(); });

async function joinClass(page, code, nickname) {
  await click(page, "button", "参加课堂");
  for (const d of code) await click(page, "button", d);
  if (nickname) {
    await page.locator("#a11y input.text").first().fill(nickname);
    await settle(page);
  }
  await click(page, "button", "进入课堂");
}

test("a class: the projector leads, three phones follow, a hand is raised and handled, the class ends", async () => {
  const desk = await consoleLogin(browser, help.url, volunteer);
  // A volunteer sees only 课堂, and the help desk's queue is refused.
  assert.equal(await desk.locator('nav button[data-view="queue"]').isHidden(), true);
  const queue = await desk.evaluate(() => fetch("/api/console/queue").then((r) => r.status));
  assert.equal(queue, 403);
  await desk.getByLabel("今天教").selectOption("hospital");
  // 打印讲义 opens the chosen guide's handout (handout.test.mjs prints it).
  assert.equal(await desk.locator("#class-handout").getAttribute("href"), "/#handout=hospital");
  await desk.getByRole("button", { name: "开课" }).click();
  const codeText = await desk.locator(".class-code").textContent();
  const code = codeText.replace(/\s/g, "");
  assert.match(code, /^\d{6}$/);
  const presentHref = await desk.locator("#class-present").getAttribute("href");
  await screenshot(desk, "class-console");

  // The projector: code and QR code, huge; then the first step.
  const projector = await openApp(browser, help.url + presentHref.slice(1), { width: 1920, height: 1080 });
  await waitFor(projector, "text", "课堂号 " + code.split("").join(" "), 10000);
  const big = (await semantics(projector)).find((n) => n.name === "课堂号 " + code.split("").join(" "));
  assert.ok(big.fontPx >= 150, `the code is ${big.fontPx} px`);
  assert.ok((await semantics(projector)).some((n) => n.role === "img" && n.name === "参加课堂的二维码"));
  await screenshot(projector, "class-projector-code");

  // Three seniors join from their phones; one with a wrong code first.
  const phones = [];
  for (const [i, name] of ["王阿姨", "", "老李"].entries()) {
    const phone = await openApp(browser, help.url, { width: 390, height: 844, dpr: 1 });
    if (i === 0) {
      await joinClass(phone, code === "000000" ? "000001" : "000000", "");
      await waitFor(phone, "status", "没有这个课堂号。请再看一下老师给的数字。", 5000);
      for (let k = 0; k < 6; k++) await click(phone, "button", "删除");
      for (const d of code) await click(phone, "button", d);
      await phone.locator("#a11y input.text").first().fill(name);
      await settle(phone);
      await click(phone, "button", "进入课堂");
    } else {
      await joinClass(phone, code, name);
    }
    await waitFor(phone, "heading", hospital.steps[0].title, 10000);
    phones.push(phone);
  }
  await desk.getByText("学员（3 人）").waitFor();

  // The clicker on the projector: every phone follows.
  await projector.keyboard.press("PageDown");  // from the code to the class's step
  await waitFor(projector, "heading", hospital.steps[0].title, 5000);
  await projector.keyboard.press("PageDown");
  await waitFor(projector, "heading", hospital.steps[1].title, 5000);
  for (const phone of phones) await waitFor(phone, "heading", hospital.steps[1].title, 5000);
  await screenshot(projector, "class-projector-step");
  await screenshot(phones[0], "class-phone-step");

  // 举手 on 王阿姨's phone lights up the dashboard; 已处理 puts it down on the phone.
  await click(phones[0], "button", "举手");
  await waitFor(phones[0], "status", "课堂：老师在第 2 步 · 您举手了", 5000);
  const card = desk.locator("article", { hasText: "王阿姨 · 第 2 步 · 举手" });
  await card.waitFor({ timeout: 5000 });
  await screenshot(desk, "class-console-hand");
  await card.getByRole("button", { name: "已处理" }).click();
  await waitFor(phones[0], "status", "课堂：老师在第 2 步", 15000);

  // The console's own buttons move the class too (and the projector with it).
  await desk.getByRole("button", { name: "下一步" }).click();
  await waitFor(projector, "heading", hospital.steps[2].title, 5000);
  await waitFor(phones[1], "heading", hospital.steps[2].title, 5000);

  // A phone loses its network: it keeps its step, says so, and comes back to the class.
  await phones[2].context().setOffline(true);
  await waitFor(phones[2], "status", "课堂：网络断了，正在重新连接…", 30000);
  assert.equal(await heading(phones[2]), hospital.steps[2].title);
  await desk.getByRole("button", { name: "下一步" }).click();
  await phones[2].context().setOffline(false);
  await waitFor(phones[2], "heading", hospital.steps[3].title, 30000);

  // The end, on every phone.
  desk.once("dialog", (d) => d.accept());
  await desk.getByRole("button", { name: "结束课堂" }).click();
  for (const phone of phones) await waitFor(phone, "status", "这堂课结束了。", 30000);
  // Its code no longer lets anyone in.
  const late = await openApp(browser, help.url, { width: 390, height: 844, dpr: 1 });
  await joinClass(late, code, "");
  await waitFor(late, "status", "这堂课已经结束了。", 5000);

  for (const p of [desk, projector, ...phones, late]) assert.deepEqual(p.errors, []);
  for (const p of [desk, projector, ...phones, late]) await p.context().close();
});

test("an admin adds a volunteer's account in the console; the volunteer can teach; nobody else can add one", async () => {
  const desk = await consoleLogin(browser, help.url, admin);
  await desk.locator('nav button[data-view="classes"]').click();
  const add = async (username, name, password) => {
    await desk.locator("#volunteer-username").fill(username);
    await desk.locator("#volunteer-name").fill(name);
    await desk.locator("#volunteer-password").fill(password);
    await desk.getByRole("button", { name: "添加", exact: true }).click();
  };
  await add("zhanglaoshi", "张老师", "short");
  await desk.getByText("没添加成：登录名要 1 到 32 个小写字母或数字，称呼 1 到 16 个字，密码至少 8 位。").waitFor();
  await add("zhanglaoshi", "张老师", "zhangpass1");
  await desk.getByText("已添加：张老师（登录名 zhanglaoshi）").waitFor();
  await add("zhanglaoshi", "另一个", "zhangpass2");
  await desk.getByText("没添加成：这个登录名已经有人用了。").waitFor();
  await screenshot(desk, "class-console-admin");

  // The new volunteer logs in, sees only 课堂 (and no form to add accounts), and can start a class.
  const teacher = await consoleLogin(browser, help.url, ["zhanglaoshi", "张老师", "zhangpass1"]);
  assert.equal(await teacher.locator('nav button[data-view="queue"]').isHidden(), true);
  assert.equal(await teacher.locator("#volunteer-username").count(), 0);
  await teacher.getByRole("button", { name: "开课" }).click();
  await teacher.locator(".class-code").waitFor();
  // A volunteer (and a helper) cannot add accounts.
  const refused = await teacher.evaluate(async () => {
    const me = await fetch("/api/console/me").then((r) => r.json());
    const r = await fetch("/api/console/accounts", { method: "POST", headers: { "Content-Type": "application/json", "X-CSRF-Token": me.csrf },
                                                    body: JSON.stringify({ username: "sneaky", name: "某人", password: "sneakypass1", role: "volunteer" }) });
    return r.status;
  });
  assert.equal(refused, 403);
  for (const p of [desk, teacher]) assert.deepEqual(p.errors, []);
  for (const p of [desk, teacher]) await p.context().close();
});
