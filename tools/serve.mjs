#!/usr/bin/env node
// Serves a static folder on localhost (the built app in dist/).
//   node tools/serve.mjs [folder] [--port N] [--api-port M]   (default folder dist,
//   port 8080; port 0 picks a free one). Prints the URL on its first line.
// With --api-port, /api/ is passed on to the help server on that port, as a reverse
// proxy in front of it would be; while that server is down, /api/ answers 502.
import { createServer, request } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";

const args = process.argv.slice(2);
const portArg = args.indexOf("--port");
const port = portArg >= 0 ? Number(args[portArg + 1]) : Number(process.env.PORT ?? 8080);
const apiArg = args.indexOf("--api-port");
const apiPort = apiArg >= 0 ? Number(args[apiArg + 1]) : 0;
const root = resolve(args.find((a, i) => !a.startsWith("--") && !args[i - 1]?.startsWith("--")) ?? "dist");

function proxy(req, res) {
  const upstream = request({ host: "127.0.0.1", port: apiPort, path: req.url, method: req.method, headers: req.headers }, (up) => {
    res.writeHead(up.statusCode, up.headers);
    up.pipe(res);
  });
  upstream.on("error", () => {
    if (!res.headersSent) res.writeHead(502, { "Content-Type": "application/json" });
    res.end(JSON.stringify({ error: "the help server cannot be reached" }));
  });
  req.pipe(upstream);
}

const types = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8", ".wasm": "application/wasm", ".json": "application/json; charset=utf-8",
  ".data": "application/octet-stream", ".txt": "text/plain; charset=utf-8", ".png": "image/png", ".svg": "image/svg+xml", ".otf": "font/otf",
};

const server = createServer(async (req, res) => {
  if (apiPort && req.url.startsWith("/api/")) return proxy(req, res);
  try {
    const path = decodeURIComponent(new URL(req.url, "http://localhost").pathname);
    let file = normalize(join(root, path));
    if (!file.startsWith(root)) { res.writeHead(403).end("forbidden"); return; }
    if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, "index.html");
    const body = await readFile(file);
    res.writeHead(200, { "Content-Type": types[extname(file)] ?? "application/octet-stream", "Content-Length": body.length,
                         "Cache-Control": "no-cache" });
    res.end(req.method === "HEAD" ? undefined : body);
  } catch {
    res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("not found");
  }
});

server.on("error", (err) => {
  console.error(`serve: cannot listen on port ${port}: ${err.message}. Try --port 0 for any free port.`);
  process.exit(1);
});
server.listen(port, "127.0.0.1", () => {
  console.log(`http://localhost:${server.address().port}/`);
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.close(() => process.exit(0)));
