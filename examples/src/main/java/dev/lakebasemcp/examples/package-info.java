/** lakebase-mcp examples module. */
package dev.lakebasemcp.examples;
