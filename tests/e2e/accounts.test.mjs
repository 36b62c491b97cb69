// Accounts and records in the helpers' console, end to end: an admin adds an account,
// disables it (its open console gets 401 and its live stream ends at once), enables it
// and resets its password; a helper changes their own password; the audit log shows
// who saw which phone number (a claim) and what admins changed; a person's data is
// found by phone number and deleted. And the API's guards: admins only, CSRF.
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { axeViolations, consoleLogin, helpServer, launch, screenshot } from "./lib.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const tmp = () => mkdtempSync(join(tmpdir(), "anxin-accounts-"));
const ADMIN = ["laowang", "老王", "adminpass1"];
const HELPER = ["xiaojie", "小杰", "secretpass1"];

// Node-side API calls, as a console in a browser would make them.
async function login(url, [username, , password]) {
  const r = await fetch(url + "api/console/login", { method: "POST", headers: { "Content-Type": "application/json" },
                                                     body: JSON.stringify({ username, password }) });
  const body = await r.json();
  return { status: r.status, body, cookie: r.ok ? r.headers.get("set-cookie").split(";")[0] : "", csrf: body.csrf };
}
async function call(url, who, method, path, body, { csrf = true } = {}) {
  const headers = { Cookie: who.cookie };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (csrf && method !== "GET") headers["X-CSRF-Token"] = who.csrf;
  const r = await fetch(url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: r.status, body: await r.json().catch(() => ({})) };
}
async function askForCallBack(url, phone, key) {
  const r = await fetch(url + "api/help-requests", { method: "POST", headers: { "Content-Type": "application/json" },
                                                     body: JSON.stringify({ idempotency_key: key, phone }) });
  assert.equal(r.status, 201);
}

// Reads a live event stream until it ends; how long that took (or Infinity after `ms`).
async function endOf(reader, ms) {
  const start = Date.now();
  for (;;) {
    const next = await Promise.race([reader.read(), new Promise((r) => setTimeout(() => r(null), start + ms - Date.now()))]);
    if (next === null) return Infinity;
    if (next.done) return Date.now() - start;
  }
}

test("an admin adds an account; disabling it ends its console and live stream at once; enabled again with a new password it logs in", async () => {
  const server = await helpServer(tmp(), { admin: ADMIN });
  try {
    const admin = await consoleLogin(browser, server.url, ADMIN);
    await admin.getByRole("button", { name: "账号管理" }).click();
    const form = admin.getByRole("form", { name: "添加账号" });
    await form.getByLabel("登录名").fill("xiaomei");
    await form.getByLabel("名字").fill("小美");
    await form.getByLabel("角色").selectOption("helper");
    await form.getByLabel("初始密码").fill("meipass123");
    await form.getByRole("button", { name: "添加账号" }).click();
    await form.getByText("已添加：小美（登录名 xiaomei）。").waitFor();
    const account = admin.getByRole("article", { name: "账号 xiaomei" });
    await account.getByText("帮忙的人 · 在用").waitFor();
    // An admin is not offered to disable themself.
    assert.equal(await admin.getByRole("article", { name: "账号 laowang" }).getByRole("button", { name: "停用" }).count(), 0);
    await admin.evaluate(() => window.scrollTo(0, 0));
    await screenshot(admin, "console-accounts");
    assert.deepEqual(await axeViolations(admin), []);

    // The new account logs in: a console in a browser, and a live stream read here.
    const mei = await consoleLogin(browser, server.url, ["xiaomei", "小美", "meipass123"]);
    await mei.getByText("现在没有人在等。").waitFor();
    const who = await login(server.url, ["xiaomei", "", "meipass123"]);
    assert.equal(who.status, 200);
    const stream = await fetch(server.url + "api/console/events", { headers: { Cookie: who.cookie } });
    assert.equal(stream.status, 200);
    const reader = stream.body.getReader();
    assert.match(new TextDecoder().decode((await reader.read()).value), /event: change/);

    await account.getByRole("button", { name: "停用" }).click();
    await account.getByText("帮忙的人 · 已停用").waitFor();
    assert.equal((await call(server.url, who, "GET", "api/console/queue")).status, 401, "its next call is refused");
    const ended = await endOf(reader, 8000);
    assert.ok(ended < 5000, `the live stream ended ${ended} ms after the account was disabled`);
    // The open console says its login ended; logging in again is refused with the reason.
    await mei.getByText("您的登录已经结束").waitFor({ timeout: 15000 });
    await mei.locator("#username").fill("xiaomei");
    await mei.locator("#password").fill("meipass123");
    await mei.getByRole("button", { name: "登录" }).click();
    await mei.getByRole("alert").getByText("这个账号已停用，请找管理员").waitFor();
    assert.equal((await login(server.url, ["xiaomei", "", "meipass123"])).status, 403);

    // Enabled again, with a password the admin sets in the page.
    await account.getByRole("button", { name: "重新启用" }).click();
    await account.getByText("帮忙的人 · 在用").waitFor();
    await account.getByRole("button", { name: "重设密码" }).click();
    await account.getByLabel("给 xiaomei 的新密码").fill("meipass456");
    await account.getByRole("button", { name: "确定重设" }).click();
    await admin.getByText("已重设 xiaomei 的密码，TA 要用新密码重新登录。").waitFor();
    assert.equal((await login(server.url, ["xiaomei", "", "meipass123"])).status, 401, "the old password is gone");
    await mei.locator("#password").fill("meipass456");
    await mei.getByRole("button", { name: "登录" }).click();
    await mei.getByText("您好，小美").waitFor();

    assert.deepEqual(admin.errors, []);
    assert.deepEqual(mei.errors, []);
    await mei.context().close();
    await admin.context().close();
  } finally {
    await server.stop();
  }
});

test("a helper changes their own password: a wrong old one is said; their other logins end, this one stays", async () => {
  const server = await helpServer(tmp());
  try {
    const desk = await consoleLogin(browser, server.url, HELPER);
    const elsewhere = await login(server.url, HELPER);
    await desk.getByRole("button", { name: "我的账号" }).click();
    const form = desk.getByRole("form", { name: "改我的密码" });
    await form.getByLabel("现在的密码").fill("notmypassword");
    await form.getByLabel("新密码（至少 8 个字）").fill("newsecret22");
    await form.getByLabel("再输一次新密码").fill("newsecret22");
    await form.getByRole("button", { name: "改密码" }).click();
    await form.getByRole("alert").getByText("现在的密码不对，请再试一次。").waitFor();
    await screenshot(desk, "console-my-account");
    assert.deepEqual(await axeViolations(desk), []);

    await form.getByLabel("现在的密码").fill("secretpass1");
    await form.getByLabel("再输一次新密码").fill("newsecret23");
    await form.getByRole("button", { name: "改密码" }).click();
    await form.getByRole("alert").getByText("两次输入的新密码不一样，请再输一次。").waitFor();

    await form.getByLabel("再输一次新密码").fill("newsecret22");
    await form.getByRole("button", { name: "改密码" }).click();
    await form.getByText("密码改好了。").waitFor();
    assert.equal(await form.getByRole("alert").textContent(), "");

    assert.equal((await call(server.url, elsewhere, "GET", "api/console/queue")).status, 401, "the other login ended");
    await desk.getByRole("button", { name: "待处理" }).click();
    await desk.getByText("现在没有人在等。").waitFor();  // this one stays
    assert.equal((await login(server.url, HELPER)).status, 401);
    assert.equal((await login(server.url, ["xiaojie", "", "newsecret22"])).status, 200);
    assert.deepEqual(desk.errors, []);
    await desk.context().close();
  } finally {
    await server.stop();
  }
});

test("the audit log shows a claim's phone view and the admin's actions; a person's data is found by number and deleted", async () => {
  const server = await helpServer(tmp(), { admin: ADMIN });
  try {
    await askForCallBack(server.url, "13800138000", "accounts-test-key-0001");
    await askForCallBack(server.url, "13900139000", "accounts-test-key-0002");
    // The queue masks every number until a helper takes the request.
    const jie = await login(server.url, HELPER);
    let queue = (await call(server.url, jie, "GET", "api/console/queue")).body.requests;
    assert.deepEqual(queue.map((r) => [r.phone, r.phone_hidden]), [["138****8000", true], ["139****9000", true]]);
    assert.equal((await call(server.url, jie, "POST", `api/console/requests/${queue[0].id}/claim`, {})).status, 200);
    queue = (await call(server.url, jie, "GET", "api/console/queue")).body.requests;
    assert.deepEqual(queue.map((r) => [r.phone, r.mine]), [["13800138000", true], ["139****9000", false]]);

    const admin = await consoleLogin(browser, server.url, ADMIN);
    // The admin's own queue: masked too (the number is someone else's request).
    await admin.getByRole("article", { name: "求助 138****8000" }).waitFor();

    await admin.getByRole("button", { name: "查找资料" }).click();
    const find = admin.getByRole("form", { name: "查找或删除某人的资料" });
    await find.getByLabel("电话号码").fill("1380");
    await find.getByRole("button", { name: "查找" }).click();
    await find.getByRole("alert").getByText("电话号码是 5 到 20 个数字。").waitFor();
    await find.getByLabel("电话号码").fill("13800138000");
    await find.getByRole("button", { name: "查找" }).click();
    await admin.getByText("13800138000：1 条求助").waitFor();
    await admin.getByRole("button", { name: "删除这些资料" }).click();
    await admin.getByText("确定要删除 13800138000 的 1 条求助里的号码、情况和结果吗？删除后不能恢复。").waitFor();
    await screenshot(admin, "console-people");
    assert.deepEqual(await axeViolations(admin), []);
    await admin.getByRole("button", { name: "确定删除" }).click();
    await find.getByText("已删除 1 条求助里的号码、情况和结果。").waitFor();
    assert.deepEqual((await call(server.url, jie, "GET", "api/console/queue")).body.requests.map((r) => r.phone), ["", "139****9000"]);
    await admin.getByRole("button", { name: /^待处理/ }).click();
    await admin.getByText("（号码已按规定删除）").waitFor();

    await admin.getByRole("button", { name: "操作记录" }).click();
    const rows = admin.locator("table.log tbody tr");
    await rows.first().waitFor();
    const log = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.children].slice(1).map((td) => td.textContent)));
    // Who looked and who deleted stay on record; the deleted number itself does not.
    assert.deepEqual(log, [
      ["老王", "删除了资料（1 条）", "138****8000"],
      ["老王", "查了号码", "138****8000"],
      ["小杰", "看了号码", "138****8000"],
    ]);
    await screenshot(admin, "console-audit");
    assert.deepEqual(await axeViolations(admin), []);
    assert.deepEqual(admin.errors, []);
    await admin.context().close();
  } finally {
    await server.stop();
  }
});

test("the accounts API: admins only, a CSRF token for every change, clear 4xx errors", async () => {
  const server = await helpServer(tmp(), { admin: ADMIN });
  try {
    const jie = await login(server.url, HELPER), wang = await login(server.url, ADMIN);
    const adminId = wang.body.id;
    assert.ok(adminId > 0);
    const accounts = (await call(server.url, wang, "GET", "api/console/accounts")).body.accounts;
    assert.deepEqual(accounts.map((a) => [a.username, a.name, a.role, a.disabled]), [["laowang", "老王", "admin", false], ["xiaojie", "小杰", "helper", false]]);
    const helperId = accounts.find((a) => a.username === "xiaojie").id;
    assert.equal(helperId, jie.body.id);

    const cases = [
      // Not an admin: 403 everywhere.
      [call(server.url, jie, "GET", "api/console/accounts"), 403, "only an admin manages accounts and personal data"],
      [call(server.url, jie, "GET", "api/console/audit"), 403, "only an admin manages accounts and personal data"],
      [call(server.url, jie, "GET", "api/console/people?phone=13800138000"), 403, "only an admin manages accounts and personal data"],
      [call(server.url, jie, "POST", "api/console/people/delete", { phone: "13800138000" }), 403, "only an admin manages accounts and personal data"],
      [call(server.url, jie, "POST", "api/console/accounts", { username: "x", name: "x", role: "admin", password: "longenough" }), 403,
       "only an admin manages accounts and personal data"],
      [call(server.url, jie, "POST", `api/console/accounts/${adminId}/disable`), 403, "only an admin manages accounts and personal data"],
      [call(server.url, jie, "POST", `api/console/accounts/${adminId}/password`, { password: "takenover1" }), 403,
       "only an admin manages accounts and personal data"],
      // No CSRF token: 403, nothing changes.
      [call(server.url, wang, "POST", `api/console/accounts/${helperId}/disable`, undefined, { csrf: false }), 403, "missing or wrong X-CSRF-Token"],
      [call(server.url, wang, "POST", "api/console/accounts", { username: "yy", name: "y", role: "helper", password: "longenough" }, { csrf: false }),
       403, "missing or wrong X-CSRF-Token"],
      [call(server.url, jie, "POST", "api/console/password", { old: "secretpass1", new: "newsecret22" }, { csrf: false }), 403,
       "missing or wrong X-CSRF-Token"],
      // Not logged in.
      [call(server.url, { cookie: "" }, "GET", "api/console/accounts"), 401, "please log in"],
      // Bad input.
      [call(server.url, wang, "POST", "api/console/accounts", { username: "Bad Name", name: "x", role: "helper", password: "longenough" }), 400,
       "username: 1 to 32 of a-z, 0-9, '.', '_', '-'"],
      [call(server.url, wang, "POST", "api/console/accounts", { username: "ok", name: "x", role: "owner", password: "longenough" }), 400,
       "role must be helper, author, admin or volunteer"],
      [call(server.url, wang, "POST", "api/console/accounts", { username: "ok", name: "x", role: "helper", password: "short" }), 400,
       "password: 8 to 128 characters"],
      [call(server.url, wang, "POST", "api/console/accounts", { username: "xiaojie", name: "x", role: "helper", password: "longenough" }), 409,
       "that username is taken"],
      [call(server.url, wang, "POST", `api/console/accounts/${adminId}/disable`), 400, "you cannot disable your own account"],
      [call(server.url, wang, "POST", "api/console/accounts/99999/enable"), 404, "no such account"],
      [call(server.url, wang, "POST", `api/console/accounts/${helperId}/password`, { password: "short" }), 400, "password: 8 to 128 characters"],
      [call(server.url, wang, "GET", "api/console/people?phone=12a45"), 400, "phone must be a phone number of 7 to 15 digits"],
      [call(server.url, wang, "POST", "api/console/people/delete", { phone: "1234" }), 400, "phone must be a phone number of 7 to 15 digits"],
      [call(server.url, jie, "POST", "api/console/password", { old: "wrongpass1", new: "newsecret22" }), 403, "the old password is wrong"],
      [call(server.url, jie, "POST", "api/console/password", { old: "secretpass1", new: "short" }), 400, "the new password must be 8 to 128 characters"],
    ];
    for (const [promise, status, message] of cases) {
      const r = await promise;
      assert.equal(r.status, status, message);
      assert.equal(r.body.error, message);
    }
    // Nothing changed: the same two accounts, both in use; only what succeeded is in the log (nothing).
    const after = (await call(server.url, wang, "GET", "api/console/accounts")).body.accounts;
    assert.deepEqual(after.map((a) => [a.username, a.disabled]), [["laowang", false], ["xiaojie", false]]);
    assert.deepEqual((await call(server.url, wang, "GET", "api/console/audit")).body.entries, []);
    assert.equal((await login(server.url, HELPER)).status, 200);
    // A number as a person says it ("+86 139-0013-9000") is looked up as the app stored it.
    const spoken = await call(server.url, wang, "GET", "api/console/people?phone=%2B86%20139-0013-9000");
    assert.equal(spoken.status, 200);
    assert.equal(spoken.body.phone, "+8613900139000");
  } finally {
    await server.stop();
  }
});
