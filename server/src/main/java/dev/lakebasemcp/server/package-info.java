/** lakebase-mcp server module. */
package dev.lakebasemcp.server;
