/** The three risk levels every tool call and every SQL statement is given. */
package dev.lakebasemcp.guardrails.risk;
