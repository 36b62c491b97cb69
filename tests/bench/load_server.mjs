// Load benchmark for the help server (not a test): CLIENTS concurrent clients for
// DURATION_S seconds, each sending a call-back request and then checking its status
// over and over (as the app does, only much faster), sending a new request every 10th
// time. Prints one JSON line: requests/s, p50/p99 latency, errors.
// Loopback only: it starts its own server on a free port with a fresh database.
//   node tests/bench/load_server.mjs          (CLIENTS=200 DURATION_S=60 by default)
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { helpServer } from "../e2e/lib.mjs";

const CLIENTS = Number(process.env.CLIENTS ?? 200);
const DURATION_S = Number(process.env.DURATION_S ?? 60);

const server = await helpServer(mkdtempSync(join(tmpdir(), "anxin-load-")), { helper: null });
const latencies = [];
let errors = 0, creates = 0, polls = 0;
const end = Date.now() + DURATION_S * 1000;

async function timed(fn) {
  const t0 = performance.now();
  try {
    const r = await fn();
    latencies.push(performance.now() - t0);
    if (!r.ok) errors++;
    return r;
  } catch {
    errors++;
    return null;
  }
}

async function client(n) {
  let id = null;
  for (let i = 0; Date.now() < end; i++) {
    if (!id || i % 10 === 0) {
      const r = await timed(() => fetch(server.url + "api/help-requests", {
        method: "POST", headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ idempotency_key: `load-${n}-${i}-${"x".repeat(8)}`, phone: "138" + String(n * 100000 + i).padStart(8, "0"),
                               context: { guide: "bus-qr", step: 2 } }),
      }));
      creates++;
      if (r?.ok) id = (await r.json()).id;
    } else {
      const r = await timed(() => fetch(server.url + `api/help-requests/${id}`));
      polls++;
      if (r) await r.arrayBuffer();
    }
  }
}

const t0 = Date.now();
await Promise.all(Array.from({ length: CLIENTS }, (_, n) => client(n)));
const seconds = (Date.now() - t0) / 1000;
await server.stop();
latencies.sort((a, b) => a - b);
const pct = (p) => +latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))].toFixed(1);
console.log(JSON.stringify({
  benchmark: "anxin-help-server-load", clients: CLIENTS, seconds: +seconds.toFixed(1),
  requests: latencies.length + errors, creates, polls, requests_per_s: +((latencies.length + errors) / seconds).toFixed(0),
  p50_ms: pct(0.5), p99_ms: pct(0.99), errors,
}));
