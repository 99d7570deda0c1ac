/** The guard's verdict type. The server owns the wiring; this package stays pure. */
package dev.lakebasemcp.guardrails.guard;
