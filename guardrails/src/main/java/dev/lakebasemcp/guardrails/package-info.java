/** lakebase-mcp guardrails module. */
package dev.lakebasemcp.guardrails;
