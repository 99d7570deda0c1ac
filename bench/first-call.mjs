// Measures what an agent waits for at the start of a session on Lakebase Local: from spawning the server to the
// answers to `initialize`, the first `tools/list` and the first `run_sql` (`SELECT 1` on an existing project, so
// Lakebase Local starts its PostgreSQL clusters, the SDK loads, a credential is issued and the first connection
// is made), and to a second `run_sql`. Raw JSON-RPC lines over stdio: no MCP library adds to the figures.
//
// usage: node bench/first-call.mjs [-n 8] [--think MS] [--calls N] -- <command> [args...]  e.g. -- bin/lakebase-mcp
//   The command gets `--local --data-dir <temp dir>`; the project `bench` is made there by a first run that is
//   not measured. --think MS waits MS after the tools/list answer before the first call, as a model thinking
//   would (default 0: the call follows at once, the worst case). Prints, as one JSON line, the median and range
//   over n runs of each answer's time since spawn, and of each run_sql's own latency (from its request).
//   --calls N (default 2) makes N run_sql calls in a row, the length of an agent's session rather than a
//   benchmark's: with more than 2, it also prints, per range of calls (3-10, 11-50, 51-100, 101-300, 301-1000),
//   the median and range over the runs of each run's median latency in that range.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { removeDataDir } from "./data-dir.mjs";

const argv = process.argv.slice(2);
const dd = argv.indexOf("--");
const opts = argv.slice(0, dd < 0 ? argv.length : dd);
const cmd = dd < 0 ? [] : argv.slice(dd + 1);
const n = +(opts[opts.indexOf("-n") + 1] ?? 8) || 8;
const think = opts.includes("--think") ? +opts[opts.indexOf("--think") + 1] : 0;
const callCount = opts.includes("--calls") ? Math.max(1, +opts[opts.indexOf("--calls") + 1] || 2) : 2;
if (cmd.length === 0) { console.error("usage: node bench/first-call.mjs [-n N] -- command args..."); process.exit(2); }
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lakebase-mcp-first-call-"));

// One session: initialize, tools/list, then each call in `calls` in turn; resolves with the time of each answer
// since spawn and, after each call's answer, its latency (times.latency[k]: the latency of call k, from 0).
function session(calls) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd[0], [...cmd.slice(1), "--local", "--data-dir", dataDir], { stdio: ["pipe", "pipe", "ignore"] });
    const send = (o) => child.stdin.write(JSON.stringify(o) + "\n");
    const times = [];
    const latency = [];
    times.latency = latency;
    const sent = [];
    const call = (id) => { sent[id] = performance.now() - t0; send({ jsonrpc: "2.0", id, method: "tools/call", params: calls[id - 3] }); };
    let buf = "";
    const timer = setTimeout(() => { child.kill("SIGKILL"); reject(new Error("timeout")); }, 120000);
    child.stdout.on("data", (d) => {
      buf += d;
      let nl;
      while ((nl = buf.indexOf("\n")) >= 0) {
        const msg = JSON.parse(buf.slice(0, nl));
        buf = buf.slice(nl + 1);
        if (msg.id === undefined) continue;
        times.push(performance.now() - t0);
        if (sent[msg.id] !== undefined) {
          times.push(times[times.length - 1] - sent[msg.id]);
          latency[msg.id - 3] = times[times.length - 1];
        }
        if (msg.result?.isError || msg.error) {
          clearTimeout(timer); child.kill("SIGKILL");
          reject(new Error(`answer ${msg.id} failed: ${JSON.stringify(msg).slice(0, 300)}`));
          return;
        }
        if (msg.id === 1) {
          send({ jsonrpc: "2.0", method: "notifications/initialized" });
          send({ jsonrpc: "2.0", id: 2, method: "tools/list" });
        } else if (msg.id === 2 && calls.length > 0) {
          setTimeout(() => call(3), think);
        } else if (msg.id - 2 < calls.length) {
          call(msg.id + 1);
        } else {
          clearTimeout(timer);
          child.stdin.end();
          child.on("exit", () => resolve(times));
        }
      }
    });
    send({ jsonrpc: "2.0", id: 1, method: "initialize", params: {
      protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "first-call-bench", version: "1" } } });
  });
}

const sql = (s) => ({ name: "run_sql", arguments: { project_id: "bench", sql: s } });
try {
  await session([{ name: "create_project", arguments: { project_id: "bench" } }]);
  const runs = [];
  const calls = Array.from({ length: callCount }, (_, i) => sql(`SELECT ${i % 2 + 1}`));
  for (let i = 0; i < n; i++) runs.push(await session(calls));
  const median = (a) => { const v = [...a].sort((x, y) => x - y); const m = v.length >> 1; return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2; };
  const summary = (values, digits) => {
    const v = [...values].sort((a, b) => a - b);
    return { median: +median(v).toFixed(digits), min: +v[0].toFixed(digits), max: +v[v.length - 1].toFixed(digits) };
  };
  const stat = (k) => summary(runs.map((r) => r[k]), 1);
  // per run: initialize, tools/list, first run_sql since spawn, its latency, second since spawn, its latency
  const out = { command: cmd.join(" "), runs: n, think_ms: think, calls: callCount, initialize_ms: stat(0),
    tools_list_ms: stat(1), first_run_sql_ms: stat(2), first_run_sql_latency_ms: stat(3) };
  if (callCount >= 2) out.second_run_sql_latency_ms = stat(5);
  const ranges = {};
  for (const [from, to] of [[3, 10], [11, 50], [51, 100], [101, 300], [301, 1000]]) {
    if (callCount < from) break;
    ranges[`${from}-${Math.min(to, callCount)}`] = summary(runs.map((r) => median(r.latency.slice(from - 1, to))), 2);
  }
  if (Object.keys(ranges).length) out.run_sql_latency_ms_by_call = ranges;
  console.log(JSON.stringify(out));
} finally {
  removeDataDir(dataDir);
}
