/** lakebase-mcp emulator module. */
package dev.lakebasemcp.emulator;
