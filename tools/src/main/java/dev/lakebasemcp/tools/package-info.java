/** lakebase-mcp tools module. */
package dev.lakebasemcp.tools;
