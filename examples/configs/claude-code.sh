#!/usr/bin/env bash
# Registers lakebase-mcp with Claude Code (run from anywhere; adjust the path).
set -euo pipefail
LAKEBASE_MCP="${LAKEBASE_MCP:-/path/to/lakebase-mcp/bin/lakebase-mcp}"
# Lakebase Local (nothing configured):
claude mcp add lakebase -- "$LAKEBASE_MCP"
# A workspace profile, read-only and confined to one project:
# claude mcp add lakebase-prod -- "$LAKEBASE_MCP" --profile DEFAULT --read-only --project my-app
