// Shared helpers for the browser tests: serve dist/, launch Debian's Chromium
// headless, and drive the app through its semantics tree — finding items by
// role and name, then pressing them with real pointer events at their rects.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const screenshotDir = join(root, "build", "screenshots");

// The shipped guides in home order, and the home group each one is in (home → 出行 → 坐公交地铁).
const guideIndex = JSON.parse(readFileSync(join(root, "assets", "guides", "index.json"), "utf8"));
export const guideIds = guideIndex.groups ? guideIndex.groups.flatMap((g) => g.guides) : guideIndex.guides;
export const guides = guideIds.map((id) => JSON.parse(readFileSync(join(root, "assets", "guides", `${id}.json`), "utf8")));
export function groupOf(title) {
  const g = guides.find((x) => x.title === title);
  return g && guideIndex.groups ? guideIndex.groups.find((grp) => grp.guides.includes(g.id))?.title : undefined;
}

// Starts the static server on a free port; returns { url, stop }.
// With apiPort, /api/ is passed on to the help server on that port.
export async function serve(folder = join(root, "dist"), apiPort = 0) {
  const extra = apiPort ? ["--api-port", String(apiPort)] : [];
  const proc = spawn(process.execPath, [join(root, "tools", "serve.mjs"), folder, "--port", "0", ...extra], { stdio: ["ignore", "pipe", "inherit"] });
  const [line] = await Promise.race([
    once(proc.stdout, "data").then(([d]) => [d.toString().trim().split("\n")[0]]),
    once(proc, "exit").then(() => { throw new Error("server exited before printing its URL"); }),
  ]);
  return { url: line, stop: () => proc.kill("SIGTERM") };
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--no-first-run", "--disable-quic", "--enable-unsafe-swiftshader"],
  });
}

// Opens the app and waits for its first frame. Fails on any page error.
// Reduced motion by default: the highlight on a guide step then stands still, so
// the app settles at once (idle.test.mjs checks the pulse with motion on).
export async function openApp(browser, url, { width = 1920, height = 1080, dpr = 1, storage, reducedMotion = "reduce" } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: dpr, locale: "zh-CN", reducedMotion });
  if (storage !== undefined)
    await context.addInitScript((value) => { if (!sessionStorage.getItem("seeded")) { localStorage.setItem("anxin.settings", value); sessionStorage.setItem("seeded", "1"); } }, storage);
  await context.addInitScript(() => { window.anxinNoNavigate = true; });
  const page = await context.newPage();
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(String(e)));
  await page.goto(url);
  await waitForFirstFrame(page);
  return page;
}

export async function waitForFirstFrame(page) {
  await page.waitForFunction(() => window.anxinFirstFrameMs !== undefined, null, { timeout: 30000 });
  await settle(page);
}

// Waits until the app stops drawing (it draws only when something changed).
export async function settle(page) {
  let last = -1;
  for (let i = 0; i < 150; i++) {
    const [n, pending] = await page.evaluate(() => [Module._anxin_frame_count(), Module._anxin_frames_pending()]);
    if (n === last && !pending) return;
    last = n;
    await page.waitForTimeout(pending ? 30 : 60);
  }
  throw new Error("the app never stopped drawing");
}

export async function semantics(page) {
  return page.evaluate(() => JSON.parse(UTF8ToString(Module._anxin_semantics_json())));
}

export async function find(page, role, name) {
  const nodes = await semantics(page);
  const node = nodes.find((n) => n.role === role && n.name === name);
  if (!node) throw new Error(`no ${role} "${name}" on screen; have: ${nodes.map((n) => `${n.role}:${n.name}`).join(" | ")}`);
  return node;
}

export async function heading(page) {
  const nodes = await semantics(page);
  return nodes.find((n) => n.role === "heading" && n.level === 1)?.name;
}

// Scrolls the content with the mouse wheel, as a person would, until the node is fully on screen.
export async function reveal(page, role, name) {
  for (let i = 0; i < 40; i++) {
    const node = await find(page, role, name);
    if (!node.clipped) return node;
    const main = (await semantics(page)).find((n) => n.role === "main" || n.role === "dialog");
    const [mx, my, mw, mh] = main.rect;
    const [, y, , h] = node.rect;
    const partly = y + h > my && y < my + mh;  // near: small steps, so a tall item is not overshot
    await page.mouse.move(mx + mw / 2, my + mh / 2);
    await page.mouse.wheel(0, (y < my ? -1 : 1) * (partly ? 25 : 120));
    await settle(page);
  }
  throw new Error(`could not scroll ${role} "${name}" into view`);
}

// Opens a guide from home as a person does: its group's tile, then the guide's. `how` is
// click, tap, or a test's own way of pressing (a screen reader's activation).
export async function openGuide(page, title, how = click) {
  const group = groupOf(title);
  if (group && !(await semantics(page)).some((n) => n.role === "button" && n.name === title)) await how(page, "button", group);
  await how(page, "button", title);
}

// A real click (pointer events on the canvas) at the centre of the node's rect.
export async function click(page, role, name) {
  const [x, y, w, h] = (await reveal(page, role, name)).rect;
  await page.mouse.click(x + w / 2, y + h / 2);
  await settle(page);
}

export async function tap(page, role, name) {
  const [x, y, w, h] = (await reveal(page, role, name)).rect;
  await page.touchscreen.tap(x + w / 2, y + h / 2);
  await settle(page);
}

export async function screenshot(page, name) {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

// Starts the help server (build/native/anxin_server) on a free port with a fresh
// database in `dir`, with one helper account; returns { url, proc, stop, start }.
// stop("SIGKILL") kills it like a crash; start() brings it back on the same port and database.
// `db`: a SQLite file in `dir` (the default), or a postgresql:// URL (see postgresDatabase).
export async function helpServer(dir, { helper = ["xiaojie", "小杰", "secretpass1"], admin = null, volunteer = null, author = null, port = 0, extra = [],
                                        db = join(dir, "help.db") } = {}) {
  const exe = join(root, "build", "native", "anxin_server");
  for (const [account, flags] of [[helper, []], [admin, ["--admin"]], [volunteer, ["--volunteer"]], [author, ["--author"]]]) {
    if (!account) continue;  // null: no such console account
    const make = spawn(exe, ["create-helper", "--db", db, "--username", account[0], "--name", account[1], ...flags], { stdio: ["pipe", "ignore", "inherit"] });
    make.stdin.end(account[2] + "\n");
    const [code] = await once(make, "exit");
    if (code !== 0) throw new Error("could not create a console account");
  }
  const server = { url: "", proc: null, port };
  server.start = async () => {
    const proc = spawn(exe, ["--port", String(server.port), "--db", db, "--dist", join(root, "dist"), "--console", join(root, "web", "console"),
                             "--assets", join(root, "assets"), "--rate-limit", "0", ...extra], { stdio: ["ignore", "pipe", "inherit"] });
    const [line] = await Promise.race([
      once(proc.stdout, "data").then(([d]) => [d.toString().trim().split("\n")[0]]),
      once(proc, "exit").then(() => { throw new Error("the help server exited before printing its URL"); }),
    ]);
    server.url = line;
    server.port = Number(new URL(line).port);
    server.proc = proc;
    return server;
  };
  server.stop = async (signal = "SIGTERM") => {
    if (!server.proc || server.proc.exitCode !== null || server.proc.signalCode !== null) return;
    const exited = once(server.proc, "exit");
    server.proc.kill(signal);
    await exited;
  };
  return server.start();
}

// A PostgreSQL server for browser tests: the one the test command started (ANXIN_TEST_PG),
// or one started for this test file. `own: true` always starts one (a test that stops it).
// Returns { url (its maintenance database), database() → URL of a new empty database, stop(), start() }.
export async function postgresServer({ own = false } = {}) {
  const tool = join(root, "tools", "test_postgres.sh");
  const run = (cmd, args) => new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    p.stdout.on("data", (d) => { out += d; });
    p.on("exit", (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`${cmd} ${args.join(" ")} failed (${code})`))));
  });
  const dir = join(mkdtempSync(join(tmpdir(), "anxin-pg-")), "pg");
  const given = own ? "" : process.env.ANXIN_TEST_PG ?? "";
  const pg = { url: given || await run(tool, ["start", dir]), dir: given ? null : dir };
  let n = 0;
  pg.database = async () => {
    const name = `anxin_e2e_${process.pid}_${n++}`;
    await run("psql", [pg.url, "-q", "-c", `CREATE DATABASE ${name}`]);
    return pg.url.replace(/\/[^/]*$/, "/" + name);
  };
  pg.sql = (url, statement) => run("psql", [url, "-At", "-q", "-c", statement]);
  // Stopping and starting keep the cluster and its port (only for one this file started).
  pg.pause = () => run(tool, ["pause", dir]);
  pg.resume = () => run(tool, ["resume", dir]);
  pg.stop = async () => { if (pg.dir) await run(tool, ["stop", pg.dir]); };
  return pg;
}

// axe-core's violations on the page as it is (the DOM mirror), one line each; [] = none.
let axeSource;
export async function axeViolations(page) {
  axeSource ??= readFileSync(join(root, "tests", "e2e", "node_modules", "axe-core", "axe.min.js"), "utf8");
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => axe.run(document, { resultTypes: ["violations"] }));
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

// Waits until the app shows a node with this role and name (the app checks the server by itself).
export async function waitFor(page, role, name, ms = 30000) {
  const end = Date.now() + ms;
  for (;;) {
    const nodes = await semantics(page);
    const hit = nodes.find((n) => n.role === role && (name instanceof RegExp ? name.test(n.name) : n.name === name));
    if (hit) return hit;
    if (Date.now() > end) throw new Error(`no ${role} "${name}"; have: ${nodes.map((n) => `${n.role}:${n.name}`).join(" | ")}`);
    await page.waitForTimeout(250);
  }
}

// The helpers' console in its own browser context, logged in. ignoreHTTPSErrors: for a
// server with a test's self-signed certificate.
export async function consoleLogin(browser, url, [username, name, password] = ["xiaojie", "小杰", "secretpass1"], { ignoreHTTPSErrors = false } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN", ignoreHTTPSErrors });
  const page = await context.newPage();
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(String(e)));
  await page.goto(url + "console/");
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  await page.getByText("您好，" + name).waitFor();
  return page;
}
