// Tools that read the Lakebase API, measured as on a workspace across a network: the server is pointed at a
// standalone Lakebase Local (DATABRICKS_HOST) through a TCP proxy that holds every chunk for --delay ms each way,
// so each API request costs at least two delays more than on this machine. What it shows is how many round trips
// a tool waits for one after another (describe_project once made two per project plus one per branch).
//
// usage: node bench/remote.mjs [--delay 25] [--branches 5] [-n 15] -- <command> [args...]   e.g. -- bin/lakebase-mcp
//   Starts `java -cp server/target/lakebase-mcp.jar dev.lakebasemcp.emulator.LakebaseLocal` on a temporary data
//   directory (the JDK on the PATH), makes project `far` with --branches branches besides production through the
//   command, then calls describe_project, describe_branch and list_branches n times each (after 3 unmeasured
//   calls) through a real MCP client over stdio. Prints one JSON line: per tool the median, min and max latency
//   and the answer's size. The command runs with HOME set to a temporary directory (no ~/.databrickscfg).
//   Needs bench/node_modules (bench/sql installs it).
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { removeDataDir } from "./data-dir.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const dd = argv.indexOf("--");
const opts = argv.slice(0, dd < 0 ? argv.length : dd);
const cmd = dd < 0 ? [] : argv.slice(dd + 1);
const opt = (k, d) => (opts.includes(k) ? +opts[opts.indexOf(k) + 1] : d);
const delay = opt("--delay", 25);
const branchCount = opt("--branches", 5);
const n = opt("-n", 15);
if (cmd.length === 0) { console.error("usage: node bench/remote.mjs [--delay MS] [--branches N] [-n N] -- command args..."); process.exit(2); }

let dataDir = null;
let home = null;
const jar = path.join(here, "..", "server", "target", "lakebase-mcp.jar");

// The "workspace": Lakebase Local on its own; it prints DATABRICKS_HOST=... on stderr once it serves.
function startWorkspace() {
  const p = spawn("java", ["-cp", jar, "dev.lakebasemcp.emulator.LakebaseLocal", "--data-dir", dataDir], { stdio: ["ignore", "pipe", "pipe"] });
  const ready = new Promise((resolve, reject) => {
    let text = "";
    const timer = setTimeout(() => reject(new Error(`Lakebase Local did not start in 120 s: ${text.slice(-500)}`)), 120000);
    const seen = (d) => {
      text += d;
      const m = text.match(/DATABRICKS_HOST=http:\/\/127\.0\.0\.1:(\d+)/);
      if (m) { clearTimeout(timer); resolve(+m[1]); }
    };
    p.stdout.on("data", seen);
    p.stderr.on("data", seen);
    p.on("exit", (code) => { clearTimeout(timer); reject(new Error(`Lakebase Local exited (${code}): ${text.slice(-500)}`)); });
  });
  return { process: p, ready };
}

// Every chunk is held `delay` ms in each direction.
function startProxy(targetPort) {
  return new Promise((resolve) => {
    const server = net.createServer((c) => {
      const s = net.connect(targetPort, "127.0.0.1");
      c.on("data", (d) => setTimeout(() => s.write(d), delay));
      s.on("data", (d) => setTimeout(() => c.write(d), delay));
      c.on("end", () => setTimeout(() => s.end(), delay));
      s.on("end", () => setTimeout(() => c.end(), delay));
      c.on("error", () => s.destroy());
      s.on("error", () => c.destroy());
    });
    server.listen(0, "127.0.0.1", () => resolve(server));
  });
}

async function main() {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lakebase-mcp-remote-"));
  home = fs.mkdtempSync(path.join(os.tmpdir(), "lakebase-mcp-remote-home-"));
  let ws = null;
  let proxy = null;
  let client = null;
  try {
    ws = startWorkspace();
    proxy = await startProxy(await ws.ready);
    const token = fs.readFileSync(path.join(dataDir, "token"), "utf8").trim();
    const env = { ...process.env, HOME: home, DATABRICKS_HOST: `http://127.0.0.1:${proxy.address().port}`, DATABRICKS_TOKEN: token };
    delete env.DATABRICKS_CONFIG_PROFILE;
    const transport = new StdioClientTransport({ command: cmd[0], args: cmd.slice(1), stderr: "ignore", env });
    client = new Client({ name: "remote-bench", version: "1" }, { capabilities: {} });
    await client.connect(transport);
    const call = async (name, args) => {
      const r = await client.callTool({ name, arguments: args }, undefined, { timeout: 300000 });
      if (r.isError) throw new Error(`${name} failed: ${JSON.stringify(r.content).slice(0, 300)}`);
      return r;
    };
    await call("create_project", { project_id: "far" });
    for (let i = 1; i <= branchCount; i++) await call("create_branch", { project_id: "far", branch_id: `b${i}`, no_expiry: true });
    const out = { command: cmd.join(" "), delay_ms_each_way: delay, branches: branchCount + 1, calls: n };
    for (const [name, args] of [["describe_project", { project_id: "far" }],
      ["describe_branch", { project_id: "far", branch_id: "b1" }], ["list_branches", { project_id: "far" }]]) {
      for (let i = 0; i < 3; i++) await call(name, args);
      const lat = [];
      let bytes = 0;
      for (let i = 0; i < n; i++) {
        const s = performance.now();
        const r = await call(name, args);
        lat.push(performance.now() - s);
        bytes = Buffer.byteLength(JSON.stringify(r), "utf8");
      }
      lat.sort((a, b) => a - b);
      const m = lat.length >> 1;
      out[name] = { median_ms: +(lat.length % 2 ? lat[m] : (lat[m - 1] + lat[m]) / 2).toFixed(1),
        min_ms: +lat[0].toFixed(1), max_ms: +lat[lat.length - 1].toFixed(1), answer_bytes: bytes };
    }
    console.log(JSON.stringify(out));
  } finally {
    // The server first (it exits once stdin closes), then the proxy and the workspace, then their files.
    await client?.close().catch(() => {});
    proxy?.close();
    if (ws && ws.process.exitCode === null && ws.process.signalCode === null) {
      const exited = new Promise((r) => ws.process.on("exit", r));
      ws.process.kill("SIGTERM");
      await exited;
    }
    removeDataDir(dataDir);
    fs.rmSync(home, { recursive: true, force: true });
  }
}

main().catch((e) => { console.error(`remote bench failed: ${e?.stack ?? e}`); process.exit(1); });
