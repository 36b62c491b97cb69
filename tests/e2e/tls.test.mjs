// HTTPS for the help server: served itself (--tls-cert/--tls-key, a self-signed
// certificate made here with the openssl command) or behind a reverse proxy
// (--behind-proxy), whose X-Forwarded-Proto and X-Forwarded-For count only from
// the proxy's address. An HTTPS page gets HSTS on every answer and a Secure
// session cookie; plain HTTP on localhost stays as it was.
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, writeFileSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { consoleLogin, helpServer, launch, root } from "./lib.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const tmp = () => mkdtempSync(join(tmpdir(), "anxin-tls-"));
const HSTS = "max-age=31536000";

// A self-signed certificate for localhost in `dir`: { cert, key } paths.
function selfSigned(dir, name = "") {
  const cert = join(dir, `c${name}.pem`), key = join(dir, `k${name}.pem`);
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                           "-keyout", key, "-out", cert], { stdio: "ignore" });
  return { cert, key };
}

// One request over http or https (the test's own certificate is accepted): { status, headers, body }.
function request(url, { method = "GET", headers = {}, body } = {}) {
  const u = new URL(url);
  const client = u.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(u, { method, headers, agent: false, rejectUnauthorized: false }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => { text += chunk; });
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body: text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

const account = JSON.stringify({ username: "xiaojie", password: "secretpass1" });
function login(url, headers = {}) {
  return request(url + "api/console/login", { method: "POST", headers: { "Content-Type": "application/json", ...headers }, body: account });
}
const cookieOf = (r) => (r.headers["set-cookie"] ?? []).find((c) => c.startsWith("anxin_session=")) ?? "";
const secure = (cookie) => cookie.split(";").map((p) => p.trim()).includes("Secure");

test("over HTTPS: HSTS on every answer, a Secure session cookie, and the console works in the browser", async () => {
  const dir = tmp();
  const server = await helpServer(dir, { extra: ["--tls-cert", selfSigned(dir).cert, "--tls-key", join(dir, "k.pem")] });
  try {
    assert.match(server.url, /^https:\/\/localhost:\d+\/$/);
    const origin = server.url.slice(0, -1);
    // Pages, static files, API answers and errors alike.
    for (const path of ["", "console/", "console/console.js", "api/guides", "api/no-such-thing"]) {
      const r = await request(server.url + path);
      assert.equal(r.headers["strict-transport-security"], HSTS, path);
    }

    const r = await login(server.url, { Origin: origin });
    assert.equal(r.status, 200);
    const cookie = cookieOf(r);
    assert.ok(secure(cookie) && cookie.includes("HttpOnly"), cookie);
    // The origin's scheme must be the request's own: an http:// page cannot log in here.
    assert.equal((await login(server.url, { Origin: origin.replace("https:", "http:") })).status, 403);
    const out = await request(server.url + "api/console/logout", {
      method: "POST", headers: { Origin: origin, Cookie: cookie.split(";")[0], "X-CSRF-Token": JSON.parse(r.body).csrf } });
    assert.equal(out.status, 200);
    assert.ok(secure(cookieOf(out)) && cookieOf(out).includes("Max-Age=0"), cookieOf(out));

    // The console in Chromium over https: logs in, keeps a Secure cookie, logs out (a same-origin state change).
    const desk = await consoleLogin(browser, server.url, undefined, { ignoreHTTPSErrors: true });
    const [session] = await desk.context().cookies();
    assert.equal(session?.name, "anxin_session");
    assert.equal(session.secure, true);
    await desk.getByRole("button", { name: "退出登录" }).click();
    await desk.getByLabel("用户名").waitFor();
    assert.deepEqual(await desk.context().cookies(), []);
    assert.deepEqual(desk.errors, []);
    await desk.context().close();
  } finally {
    await server.stop();
  }
});

test("a missing, unreadable or wrong certificate or key: exit 1, naming the file", async () => {
  const dir = tmp();
  const { cert, key } = selfSigned(dir);
  const other = selfSigned(dir, "2").key;
  const garbage = join(dir, "garbage.pem");
  writeFileSync(garbage, "not a certificate\n");
  const exe = join(root, "build", "native", "anxin_server");
  for (const [tlsCert, tlsKey, named] of [[join(dir, "missing.pem"), key, "missing.pem"], [cert, join(dir, "nokey.pem"), "nokey.pem"],
                                          [garbage, key, garbage], [cert, garbage, garbage], [cert, other, other]]) {
    const proc = spawn(exe, ["--port", "0", "--db", join(dir, "help.db"), "--tls-cert", tlsCert, "--tls-key", tlsKey], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "", stdout = "";
    proc.stderr.on("data", (d) => { stderr += d; });
    proc.stdout.on("data", (d) => { stdout += d; });
    const [code] = await once(proc, "exit");
    assert.equal(code, 1, `${tlsCert} ${tlsKey}: ${stderr}`);
    assert.ok(stderr.includes(named), stderr);
    assert.equal(stdout, "");  // no URL: it never served
  }
  // Both files or neither.
  const half = spawn(exe, ["--port", "0", "--db", join(dir, "help.db"), "--tls-cert", cert], { stdio: ["ignore", "ignore", "pipe"] });
  let said = "";
  half.stderr.on("data", (d) => { said += d; });
  assert.notEqual((await once(half, "exit"))[0], 0);
  assert.match(said, /--tls-cert and --tls-key/);
});

// POST /api/kiosks/heartbeat with a bad body: 400 while the client's bucket lasts, then 429.
const heartbeat = (url, headers) => request(url + "api/kiosks/heartbeat", { method: "POST", headers: { "Content-Type": "application/json", ...headers }, body: "{}" });

test("behind a proxy: its X-Forwarded-Proto https gives HSTS and a Secure cookie; its X-Forwarded-For is the client for rate limits", async () => {
  const server = await helpServer(tmp(), { extra: ["--behind-proxy", "127.0.0.1", "--rate-limit", "2"] });
  try {
    assert.match(server.url, /^http:\/\/localhost:\d+\/$/);
    const httpsOrigin = server.url.replace("http:", "https:").slice(0, -1);
    const viaHttps = { "X-Forwarded-Proto": "https", "X-Forwarded-For": "198.51.100.7" };
    for (const path of ["", "console/", "api/no-such-thing"])
      assert.equal((await request(server.url + path, { headers: viaHttps })).headers["strict-transport-security"], HSTS, path);
    let r = await login(server.url, { ...viaHttps, Origin: httpsOrigin });
    assert.equal(r.status, 200);
    assert.ok(secure(cookieOf(r)), cookieOf(r));

    // The proxy's plain-HTTP requests stay plain: no HSTS, no Secure, and an https origin is another site.
    assert.equal((await request(server.url)).headers["strict-transport-security"], undefined);
    r = await login(server.url, { "X-Forwarded-Proto": "http" });
    assert.equal(r.status, 200);
    assert.ok(!secure(cookieOf(r)), cookieOf(r));
    assert.equal((await login(server.url, { Origin: httpsOrigin })).status, 403);

    // Each forwarded client has its own bucket (2 a minute); the last address is the one the proxy added.
    const statuses = async (forwardedFor, n) => { const out = []; for (let i = 0; i < n; i++) out.push((await heartbeat(server.url, { "X-Forwarded-For": forwardedFor })).status); return out; };
    assert.deepEqual(await statuses("198.51.100.1", 3), [400, 400, 429]);
    assert.deepEqual(await statuses("198.51.100.2", 1), [400]);
    assert.deepEqual(await statuses("198.51.100.1, 198.51.100.2", 2), [400, 429]);  // a client's own entry does not help it
  } finally {
    await server.stop();
  }
});

test("without --behind-proxy, or from an address that is not the proxy, X-Forwarded-* are ignored", async () => {
  for (const extra of [[], ["--behind-proxy", "192.0.2.1"]]) {
    const server = await helpServer(tmp(), { extra: [...extra, "--rate-limit", "2"] });
    try {
      const spoofed = { "X-Forwarded-Proto": "https" };
      assert.equal((await request(server.url, { headers: spoofed })).headers["strict-transport-security"], undefined, extra.join(" "));
      const r = await login(server.url, spoofed);
      assert.equal(r.status, 200);
      assert.ok(!secure(cookieOf(r)), cookieOf(r));
      assert.equal((await login(server.url, { ...spoofed, Origin: server.url.replace("http:", "https:").slice(0, -1) })).status, 403);
      // A new X-Forwarded-For each time does not dodge the limit: this connection's address counts.
      const seen = [];
      for (let i = 1; i <= 3; i++) seen.push((await heartbeat(server.url, { "X-Forwarded-For": `198.51.100.${i}` })).status);
      assert.deepEqual(seen, [400, 400, 429], extra.join(" "));
    } finally {
      await server.stop();
    }
  }
});
