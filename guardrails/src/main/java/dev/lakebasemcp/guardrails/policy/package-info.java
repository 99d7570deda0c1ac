/**
 * Pure policy pieces the server's guard applies: {@link dev.lakebasemcp.guardrails.policy.SqlPolicy}
 * decides what run_sql may do with a classified script (read-only mode, transaction control, synced
 * tables, deploy-before-local, confirmation).
 */
package dev.lakebasemcp.guardrails.policy;
