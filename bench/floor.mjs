// The floor under bench/sql's figures: the same client (the official TypeScript SDK over stdio) and the same
// horizons, against servers that answer run_sql with a constant and touch no database (bench/floor/). What they
// take is what the client, the pipes and the runtime cost before a server does any work; the issue-5 targets
// (half the reference's p50) are worth reading against it.
//
// usage: node bench/floor.mjs [--short]
//   JDK: the newest 25+ under /usr/lib/jvm, like bin/lakebase-mcp, else `java` on the PATH; its C1-only and
//   default (C2) modes are both measured. Prints p50, p99 and calls/s per server and horizon. Needs the npm
//   client in bench/node_modules, which bench/sql installs (or `npm ci` in bench/).
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { performance } from "node:perf_hooks";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const short = process.argv.includes("--short");
const H = short ? { warmup: 300, cold: 1000, before: 5000, warm: 2000 } : { warmup: 300, cold: 2000, before: 20000, warm: 5000 };

function java() {
  let best = null, bestMajor = 0;
  let dirs = [];
  try { dirs = fs.readdirSync("/usr/lib/jvm"); } catch { /* no /usr/lib/jvm */ }
  for (const d of dirs) {
    try {
      const home = path.join("/usr/lib/jvm", d);
      if (fs.lstatSync(home).isSymbolicLink()) continue;
      const rel = fs.readFileSync(path.join(home, "release"), "utf8").match(/JAVA_VERSION="(\d+)/);
      if (rel && +rel[1] >= 25 && +rel[1] > bestMajor && fs.existsSync(path.join(home, "bin", "java"))) { bestMajor = +rel[1]; best = path.join(home, "bin", "java"); }
    } catch { /* not a JDK home */ }
  }
  return best ?? "java";
}

async function measure(label, command, args) {
  const transport = new StdioClientTransport({ command, args, stderr: "inherit" });
  const client = new Client({ name: "lakebase-mcp-floor", version: "1" }, { capabilities: {} });
  await client.connect(transport);
  const call = () => client.callTool({ name: "run_sql", arguments: { project_id: "bench", sql: "SELECT 1" } });
  const run = async (count, measured) => {
    const lat = [];
    const t0 = performance.now();
    for (let i = 0; i < count; i++) {
      const s = performance.now();
      const r = await call();
      if (r.structuredContent?.rows?.[0]?.[0] !== 1) throw new Error(`${label}: unexpected answer ${JSON.stringify(r)}`);
      if (measured) lat.push(performance.now() - s);
    }
    const wall = performance.now() - t0;
    lat.sort((a, b) => a - b);
    return measured ? { p50: lat[lat.length >> 1], p99: lat[Math.floor(lat.length * 0.99)], cps: count / (wall / 1000) } : null;
  };
  await run(H.warmup, false);
  const cold = await run(H.cold, true);
  await run(H.before - H.warmup - H.cold, false);
  const warm = await run(H.warm, true);
  await client.close();
  return { label, cold, warm };
}

const j = java();
const src = path.join(here, "floor", "Constant.java");
const rows = [];
// The client itself is a Node program that warms up too: the first server measured would pay for that, so a
// throwaway round goes first.
await measure("client warm-up", process.execPath, [path.join(here, "floor", "constant.mjs")]);
rows.push(await measure("java, C1 only", j, ["-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", src]));
rows.push(await measure("java, C2", j, ["-XX:+UseSerialGC", src]));
rows.push(await measure("node", process.execPath, [path.join(here, "floor", "constant.mjs")]));
const f = (x) => x.toFixed(3);
console.log(`\nfloor: constant run_sql answers, no database; ${j}; node ${process.version}${short ? "  ** SHORT VARIANT **" : ""}`);
console.log(`cold = ${H.cold} calls after ${H.warmup}; warm = ${H.warm} calls after ${H.before}; concurrency 1`);
console.log(`${"server".padEnd(16)} ${"cold p50".padStart(9)} ${"p99".padStart(7)} ${"calls/s".padStart(8)}   ${"warm p50".padStart(9)} ${"p99".padStart(7)} ${"calls/s".padStart(8)}`);
for (const r of rows) {
  console.log(`${r.label.padEnd(16)} ${f(r.cold.p50).padStart(9)} ${f(r.cold.p99).padStart(7)} ${Math.round(r.cold.cps).toString().padStart(8)}   ${f(r.warm.p50).padStart(9)} ${f(r.warm.p99).padStart(7)} ${Math.round(r.warm.cps).toString().padStart(8)}`);
}
