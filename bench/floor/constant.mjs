// The Node twin of Constant.java: answers initialize, tools/list and every tools/call with a constant run_sql-like
// result, with no database and no MCP library. Run by bench/floor.mjs.
import readline from "node:readline";

const rl = readline.createInterface({ input: process.stdin });
rl.on("line", (line) => {
  const m = JSON.parse(line);
  if (m.id === undefined) return;
  let result;
  if (m.method === "initialize") {
    result = { protocolVersion: "2025-06-18", capabilities: { tools: {} }, serverInfo: { name: "constant", version: "1" } };
  } else if (m.method === "tools/list") {
    result = { tools: [{ name: "run_sql", inputSchema: { type: "object" } }] };
  } else {
    result = { content: [{ type: "text", text: "SELECT: 1 row" }],
      structuredContent: { columns: [{ name: "?column?", type: "int4" }], rows: [[1]] } };
  }
  process.stdout.write(JSON.stringify({ jsonrpc: "2.0", id: m.id, result }) + "\n");
});
