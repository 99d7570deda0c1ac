// Removing a Lakebase Local data directory a benchmark made, with its cluster home: root runs keep the clusters
// under /var/lib/lakebase-mcp/<key>, in a home whose data-dir.txt names the data directory.
import fs from "node:fs";
import path from "node:path";

export function removeDataDir(dataDir) {
  try {
    for (const d of fs.readdirSync("/var/lib/lakebase-mcp")) {
      const note = path.join("/var/lib/lakebase-mcp", d, "data-dir.txt");
      try { if (fs.readFileSync(note, "utf8").trim() === dataDir) fs.rmSync(path.dirname(note), { recursive: true, force: true }); } catch { /* not ours */ }
    }
  } catch { /* no private homes */ }
  fs.rmSync(dataDir, { recursive: true, force: true });
}
