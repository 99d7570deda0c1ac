// The SQL benchmark behind bench/sql (read that script's header for what it measures and how to run it).
// A real MCP client (the official TypeScript SDK) drives, over stdio, lakebase-mcp's run_sql and
// @modelcontextprotocol/server-postgres's query against the same PostgreSQL (a Lakebase Local project) and
// the same table, and prints one table side by side.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { performance } from "node:perf_hooks";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { removeDataDir } from "./data-dir.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const opt = (k, d) => { const i = argv.indexOf(k); return i >= 0 ? argv[i + 1] : d; };
const has = (k) => argv.includes(k);
const jar = path.resolve(opt("--jar", path.join(here, "..", "server", "target", "lakebase-mcp.jar")));
const rounds = +opt("--rounds", "2");
const conc = +opt("--concurrency", "1");
const only = opt("--only", "both"); // ours | ref | both
// Ours runs as users run it, through bin/lakebase-mcp (its JDK choice, flags and start-up cache); --java-jar runs
// `java -jar` on the PATH's JDK instead.
const viaJar = has("--java-jar");
const launcher = path.resolve(here, "..", "bin", "lakebase-mcp");
const short = has("--short");
// Horizons of shared/mcp-java-sdk.md: cold = 2,000 calls after 300; warm = 5,000 after 20,000 (calls made
// before, counted from the process start). --short: cold 1,000 after 300, warm 2,000 after 5,000.
const H = short
  ? { coldWarmup: 300, coldN: 1000, warmBefore: 5000, warmN: 2000 }
  : { coldWarmup: 300, coldN: 2000, warmBefore: 20000, warmN: 5000 };
const javaOpts = (process.env.LAKEBASE_MCP_JAVA_OPTS ?? "").split(/\s+/).filter(Boolean);
const PROJECT = "bench";
const TABLE = "bench_rows";
const ROWS = 20000;
const BIG_SQL = `SELECT * FROM ${TABLE} ORDER BY id`;

const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const outDir = path.join(here, "out", `sql-${stamp}`);
fs.mkdirSync(outDir, { recursive: true });
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lakebase-mcp-bench-"));
const log = (s) => process.stderr.write(`[bench] ${s}\n`);

// ---- processes ----

let seq = 0;
async function connect(label, command, args, env) {
  const logFile = path.join(outDir, `${String(++seq).padStart(2, "0")}-${label}.stderr`);
  const transport = new StdioClientTransport({ command, args, stderr: "pipe", env: { ...process.env, ...env } });
  const sink = fs.createWriteStream(logFile);
  transport.stderr?.pipe(sink);
  const client = new Client({ name: "lakebase-mcp-bench", version: "1" }, { capabilities: {} });
  const t0 = performance.now();
  await client.connect(transport);
  const initMs = performance.now() - t0;
  const close = async () => {
    await client.close().catch(() => {});
    const pid = transport.pid;
    // Wait (bounded) for the child to be gone: ours stops its PostgreSQL on the way out.
    for (let i = 0; pid && i < 300; i++) {
      try { process.kill(pid, 0); } catch { break; }
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  return { client, close, initMs, logFile, pid: transport.pid };
}

const ours = () => viaJar
  ? connect("lakebase-mcp", "java",
    ["-Xlog:disable", "-Xlog:all=warning:stderr", ...javaOpts, "-jar", jar, "--local", "--data-dir", dataDir])
  : connect("lakebase-mcp", launcher, ["--local", "--data-dir", dataDir]);

// The launcher trains its start-up cache on the first run of a new jar, in the background: let that happen
// before anything is measured, so that no round competes with it or runs without the cache.
async function trainLauncher() {
  if (viaJar) return;
  execFileSync(launcher, ["--version"], { stdio: "ignore" });
  const cds = path.join(here, "..", "server", "target", "cds");
  for (let i = 0; i < 1200; i++) {
    const names = fs.existsSync(cds) ? fs.readdirSync(cds) : [];
    if (!names.some((n) => n.endsWith(".training"))) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}
const reference = (url) => connect("server-postgres", process.execPath,
  [path.join(here, "node_modules", "@modelcontextprotocol", "server-postgres", "dist", "index.js"), url]);

async function call(client, name, args) {
  const r = await client.callTool({ name, arguments: args }, undefined, { timeout: 300000 });
  if (r.isError) throw new Error(`${name} failed: ${JSON.stringify(r.content).slice(0, 500)}`);
  return r;
}

// ---- measuring ----

const SELECT1 = {
  ours: { name: "run_sql", args: { project_id: PROJECT, sql: "SELECT 1" }, ok: (r) => r.structuredContent?.rows?.[0]?.[0] === 1 },
  ref: { name: "query", args: { sql: "SELECT 1" }, ok: (r) => /"\?column\?":\s*1/.test(r.content?.[0]?.text ?? "") },
};

async function calls(client, spec, count, measured) {
  const lat = [];
  let errors = 0, firstError = null, next = 0;
  const one = async () => {
    const s = performance.now();
    try {
      const r = await client.callTool({ name: spec.name, arguments: spec.args }, undefined, { timeout: 120000 });
      if (r.isError || !spec.ok(r)) { errors++; firstError ??= JSON.stringify(r).slice(0, 300); }
    } catch (e) { errors++; firstError ??= String(e?.message ?? e).slice(0, 300); }
    if (measured) lat.push(performance.now() - s);
  };
  const tb = performance.now();
  await Promise.all(Array.from({ length: measured ? conc : 1 }, async () => { while (next < count) { next++; await one(); } }));
  const wall = performance.now() - tb;
  if (!measured) return { errors, firstError };
  lat.sort((a, b) => a - b);
  const q = (p) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))];
  return { p50: q(0.5), p99: q(0.99), cps: count / (wall / 1000), errors, firstError };
}

// CPU time of a process, all its threads including those that have ended, in ns (utime + stime of
// /proc/PID/stat, in clock ticks of 10 ms: over a measured window of 1,000+ calls that is a few us per call at
// worst). What the server itself spent, which a busy machine disturbs far less than latency. (Summing the
// live threads' schedstat instead went wrong when a thread ended during the window.)
function cpuNs(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(f[11]) + Number(f[12])) * 1e7; // fields 14 and 15, ticks of 1/100 s
  } catch { return NaN; }
}

async function measured(client, spec, count, pid) {
  const c0 = cpuNs(pid);
  const m = await calls(client, spec, count, true);
  m.cpuUs = (cpuNs(pid) - c0) / 1000 / count;
  return m;
}

async function horizons(client, spec, pid) {
  const w1 = await calls(client, spec, H.coldWarmup, false);
  const cold = await measured(client, spec, H.coldN, pid);
  const w2 = await calls(client, spec, H.warmBefore - H.coldWarmup - H.coldN, false);
  const warm = await measured(client, spec, H.warmN, pid);
  const warmupErrors = w1.errors + w2.errors;
  if (warmupErrors) log(`warm-up errors: ${warmupErrors} (${w1.firstError ?? w2.firstError})`);
  return { cold, warm };
}

async function bigAnswer(client, name, args, rowsOf) {
  const s = performance.now();
  const r = await call(client, name, args);
  const ms = performance.now() - s;
  const bytes = Buffer.byteLength(JSON.stringify(r), "utf8");
  const rows = rowsOf(r);
  // A host hands its model one of the two forms, not both: the text content (Cursor, Claude Desktop, most
  // clients) or, when present, structuredContent (Claude Code, VS Code). The larger of the two is what a
  // model may read of this answer.
  // The text as the model reads it (unescaped); structuredContent as JSON, the way Claude Code passes it on.
  const text = (r.content ?? []).reduce((n, c) => n + (c.type === "text" ? Buffer.byteLength(c.text, "utf8") : 0), 0);
  const form = Math.max(text, r.structuredContent ? Buffer.byteLength(JSON.stringify(r.structuredContent), "utf8") : 0);
  const n = Math.max(1, rows);
  return { bytes, rows, ms, perRow: bytes / n, formPerRow: form / n, truncated: r.structuredContent?.truncated ?? false };
}

// ---- the run ----

// The JDK that ran ours (the launcher picks one itself): read from the live process.
let oursJava = null;
function javaVersion() {
  try {
    const bin = oursJava ?? "java";
    return execFileSync("sh", ["-c", `"${bin}" -version 2>&1 | head -1`], { encoding: "utf8" }).trim();
  } catch { return "?"; }
}
const load = () => os.loadavg().map((x) => x.toFixed(2)).join(" ");

const results = { ours: [], ref: [] };
const loads = [];

async function setup() {
  log(`data dir ${dataDir}; logs in ${outDir}`);
  const s = await ours();
  try {
    await call(s.client, "create_project", { project_id: PROJECT });
    await call(s.client, "run_sql", { project_id: PROJECT, sql:
      `CREATE TABLE ${TABLE} (id integer PRIMARY KEY, name text NOT NULL, amount numeric(12,2), created timestamptz NOT NULL);
       INSERT INTO ${TABLE} SELECT g, 'customer-' || g, round((g * 1.37)::numeric, 2), timestamptz '2026-01-01 00:00:00+00' + g * interval '1 minute' FROM generate_series(1, ${ROWS}) g` });
    const n = await call(s.client, "run_sql", { project_id: PROJECT, sql: `SELECT count(*) FROM ${TABLE}` });
    const count = Number(n.structuredContent.rows[0][0]);
    if (count !== ROWS) throw new Error(`expected ${ROWS} rows, found ${count}`);
    log(`project ${PROJECT}, table ${TABLE}: ${count} rows x 4 columns`);
  } finally {
    await s.close();
  }
}

async function runOurs(round) {
  log(`round ${round}: lakebase-mcp`);
  const s = await ours();
  try {
    try { oursJava = fs.readlinkSync(`/proc/${s.pid}/exe`); } catch { /* not Linux */ }
    const h = await horizons(s.client, SELECT1.ours, s.pid);
    const big = await bigAnswer(s.client, "run_sql", { project_id: PROJECT, sql: BIG_SQL }, (r) => r.structuredContent.rows.length);
    const bigMax = await bigAnswer(s.client, "run_sql", { project_id: PROJECT, sql: BIG_SQL, max_rows: 10000, max_bytes: 1048576 },
      (r) => r.structuredContent.rows.length);
    results.ours.push({ round, initMs: s.initMs, ...h, big, bigMax });
  } finally {
    await s.close();
  }
}

async function runRef(round) {
  log(`round ${round}: @modelcontextprotocol/server-postgres (PostgreSQL hosted by an idle lakebase-mcp --local)`);
  const host = await ours();
  try {
    await call(host.client, "run_sql", { project_id: PROJECT, sql: "SELECT 1" }); // the compute is up
    const cs = await call(host.client, "get_connection_string", { project_id: PROJECT, include_password: true, format: "uri" });
    let url = cs.structuredContent.connection_string;
    // node-postgres reads sslmode=require as verify-full unless told to follow libpq: TLS without verification,
    // what sslmode=require means to libpq and to our JDBC driver (the emulator's certificate is self-signed).
    url += (url.includes("?") ? "&" : "?") + "uselibpqcompat=true";
    const s = await reference(url);
    try {
      const h = await horizons(s.client, SELECT1.ref, s.pid);
      const big = await bigAnswer(s.client, "query", { sql: BIG_SQL }, (r) => JSON.parse(r.content[0].text).length);
      results.ref.push({ round, initMs: s.initMs, ...h, big });
    } finally {
      await s.close();
    }
  } finally {
    await host.close();
  }
}

function cleanup() {
  removeDataDir(dataDir);
}

// ---- report ----

const f = (x, d = 3) => (x === undefined || x === null || Number.isNaN(x) ? "-" : x.toFixed(d));
const int = (x) => Math.round(x).toLocaleString("en-US");
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);
const median = (a) => { const s = [...a].sort((x, y) => x - y); const m = s.length >> 1; return s.length === 0 ? NaN : s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const range = (a, fmt) => (a.length === 0 ? "-" : Math.min(...a) === Math.max(...a) ? fmt(a[0]) : `${fmt(Math.min(...a))}-${fmt(Math.max(...a))}`);

function report(meta) {
  const out = [];
  const p = (s = "") => out.push(s);
  p("");
  p(`lakebase-mcp SQL benchmark${short ? "  ** SHORT VARIANT (--short): not the horizons of the targets **" : ""}`);
  p(`  ${meta.date}  ${meta.cores} cores  load at start ${meta.loadStart}, at end ${load()}`);
  p(`  ${meta.jdk}; node ${process.version}; lakebase-mcp: ${viaJar ? `java ${[...javaOpts, "-jar"].join(" ")} ${path.relative(process.cwd(), jar) || jar}` : `bin/lakebase-mcp${javaOpts.length ? ` (LAKEBASE_MCP_JAVA_OPTS=${javaOpts.join(" ")})` : ""}`} --local`);
  p(`  reference: @modelcontextprotocol/server-postgres 0.6.2 (tool query), same PostgreSQL 17 over TLS, same table`);
  p(`  cpu us/call: CPU time of the server process (all its threads; not PostgreSQL's) per measured call`);
  p(`  SELECT 1 over stdio, concurrency ${conc}; cold = ${int(H.coldN)} calls after ${int(H.coldWarmup)}; warm = ${int(H.warmN)} calls after ${int(H.warmBefore)}; ${rounds} round(s), alternating`);
  p("");
  p(`${pad("horizon", 8)} ${pad("server", 16)} ${lpad("round", 5)} ${lpad("p50 ms", 8)} ${lpad("p99 ms", 8)} ${lpad("calls/s", 9)} ${lpad("errors", 6)} ${lpad("init ms", 8)} ${lpad("cpu us/call", 11)}`);
  for (const hz of ["cold", "warm"]) {
    for (const [key, label] of [["ours", "lakebase-mcp"], ["ref", "server-postgres"]]) {
      for (const r of results[key]) {
        const m = r[hz];
        p(`${pad(hz, 8)} ${pad(label, 16)} ${lpad(r.round, 5)} ${lpad(f(m.p50), 8)} ${lpad(f(m.p99), 8)} ${lpad(int(m.cps), 9)} ${lpad(m.errors, 6)} ${lpad(f(r.initMs, 0), 8)} ${lpad(f(m.cpuUs, 0), 11)}`);
        if (m.firstError) p(`         first error: ${m.firstError}`);
      }
    }
  }
  p("");
  p(`20,000 rows x 4 columns (${BIG_SQL}): bytes = the tool result as the client received it, JSON`);
  p(`  one form/row: bytes per row of the larger of the text content and structuredContent (a host gives its model one)`);
  p(`${pad("server", 34)} ${lpad("rows back", 9)} ${lpad("trunc", 5)} ${lpad("bytes", 11)} ${lpad("bytes/row", 9)} ${lpad("one form/row", 12)} ${lpad("ms", 7)}`);
  const bigRow = (label, b) => p(`${pad(label, 34)} ${lpad(int(b.rows), 9)} ${lpad(b.truncated ? "yes" : "no", 5)} ${lpad(int(b.bytes), 11)} ${lpad(f(b.perRow, 1), 9)} ${lpad(f(b.formPerRow, 1), 12)} ${lpad(f(b.ms, 0), 7)}`);
  for (const r of results.ours) bigRow(`lakebase-mcp, default caps  #${r.round}`, r.big);
  for (const r of results.ours) bigRow(`lakebase-mcp, ceiling caps  #${r.round}`, r.bigMax);
  for (const r of results.ref) bigRow(`server-postgres             #${r.round}`, r.big);

  if (results.ours.length && results.ref.length) {
    p("");
    p("Targets (issue 5), on the medians of the rounds:");
    const med = (key, hz, m) => median(results[key].map((r) => r[hz][m]));
    for (const hz of ["cold", "warm"]) {
      const pr = med("ours", hz, "p50") / med("ref", hz, "p50");
      const cr = med("ours", hz, "cps") / med("ref", hz, "cps");
      p(`  ${pad(hz, 5)} p50 ours/ref ${f(pr, 2)} (target <= 0.50: ${pr <= 0.5 ? "met" : "MISSED"});  calls/s ours/ref ${f(cr, 2)} (target >= 2.00: ${cr >= 2 ? "met" : "MISSED"})`);
      p(`        ranges: ours p50 ${range(results.ours.map((r) => r[hz].p50), (x) => f(x))} ms, ${range(results.ours.map((r) => r[hz].cps), int)}/s; ref p50 ${range(results.ref.map((r) => r[hz].p50), (x) => f(x))} ms, ${range(results.ref.map((r) => r[hz].cps), int)}/s`);
    }
    const ob = median(results.ours.map((r) => r.big.perRow));
    const rb = median(results.ref.map((r) => r.big.perRow));
    const within = results.ours.every((r) => r.big.truncated && r.big.rows <= 200); // default caps: 200 rows / 64 KB of row data
    p(`  bytes: the 20,000-row answer within the cap: ${within ? "met" : "MISSED"} (${range(results.ours.map((r) => r.big.bytes), int)} bytes, ${range(results.ours.map((r) => r.big.rows), int)} rows, truncated)`);
    p(`         bytes per row returned ours/ref ${f(ob / rb, 2)} (${f(ob, 1)} vs ${f(rb, 1)}; target < 0.40: ${ob / rb < 0.4 ? "met" : "MISSED"})`);
    const of = median(results.ours.map((r) => r.big.formPerRow));
    const rf = median(results.ref.map((r) => r.big.formPerRow));
    p(`         (not the target's measure) one form per row ours/ref ${f(of / rf, 2)} (${f(of, 1)} vs ${f(rf, 1)}): every row is in both forms; a host reads one`);
  }
  p("");
  p(`stderr of every server: ${outDir}`);
  return out.join("\n");
}

const meta = { date: new Date().toISOString(), cores: os.cpus().length, loadStart: load() };
let failed = null;
try {
  await trainLauncher();
  await setup();
  for (let r = 1; r <= rounds; r++) {
    const order = r % 2 === 1 ? ["ours", "ref"] : ["ref", "ours"];
    for (const who of order) {
      if (only !== "both" && only !== who) continue;
      loads.push(load());
      if (who === "ours") await runOurs(r); else await runRef(r);
    }
  }
} catch (e) {
  failed = e;
  log(`benchmark stopped: ${e?.stack ?? e}`);
} finally {
  cleanup();
}
meta.jdk = javaVersion();
const text = report(meta);
console.log(text);
fs.writeFileSync(path.join(outDir, "report.txt"), text + "\n");
process.exit(failed ? 1 : 0);
