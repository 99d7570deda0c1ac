// Measures lakebase-mcp's start-up over stdio: from spawning the process to the `initialize` response, and to
// the first `tools/list` response. No MCP library: raw JSON-RPC lines, so the client adds nothing to the figure.
// usage: node bench/startup.mjs [-n 15] -- <command> [args...]
import { spawn } from "node:child_process";
import { performance } from "node:perf_hooks";

const argv = process.argv.slice(2);
const dd = argv.indexOf("--");
const opts = argv.slice(0, dd < 0 ? argv.length : dd);
const cmd = dd < 0 ? [] : argv.slice(dd + 1);
const n = +(opts[opts.indexOf("-n") + 1] ?? 15) || 15;
if (cmd.length === 0) { console.error("usage: node startup.mjs [-n N] -- command args..."); process.exit(2); }

function once() {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd[0], cmd.slice(1), { stdio: ["pipe", "pipe", "ignore"] });
    let buf = "", tInit = 0;
    const timer = setTimeout(() => { child.kill("SIGKILL"); reject(new Error("timeout")); }, 30000);
    child.stdout.on("data", (d) => {
      buf += d;
      let nl;
      while ((nl = buf.indexOf("\n")) >= 0) {
        const line = buf.slice(0, nl); buf = buf.slice(nl + 1);
        const msg = JSON.parse(line);
        if (msg.id === 1) {
          tInit = performance.now() - t0;
          child.stdin.write(JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" }) + "\n");
          child.stdin.write(JSON.stringify({ jsonrpc: "2.0", id: 2, method: "tools/list" }) + "\n");
        } else if (msg.id === 2) {
          const tList = performance.now() - t0;
          clearTimeout(timer);
          child.stdin.end();
          child.on("exit", () => resolve({ init: tInit, list: tList, tools: msg.result.tools.length }));
          setTimeout(() => child.kill("SIGKILL"), 60000).unref();
        }
      }
    });
    child.stdin.write(JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize", params: {
      protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "startup-bench", version: "1" } } }) + "\n");
  });
}

const median = (a) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };
await once(); // warm the page cache; not counted
const inits = [], lists = [];
let tools = 0;
for (let i = 0; i < n; i++) { const r = await once(); inits.push(r.init); lists.push(r.list); tools = r.tools; }
console.log(JSON.stringify({ command: cmd.join(" "), runs: n, tools,
  initialize_median_ms: +median(inits).toFixed(1), initialize_min_ms: +Math.min(...inits).toFixed(1),
  tools_list_median_ms: +median(lists).toFixed(1), tools_list_min_ms: +Math.min(...lists).toFixed(1) }));
