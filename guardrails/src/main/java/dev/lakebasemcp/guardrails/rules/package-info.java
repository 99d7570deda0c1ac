/**
 * Lakebase's hard rules as pure functions: each check returns {@code Optional<Violation>} (empty when
 * the input is fine) and never throws for bad input. The emulator (Lakebase Local) and the server's
 * guard both call these, so the API is kept small: {@link dev.lakebasemcp.guardrails.rules.ResourceIdRule},
 * {@link dev.lakebasemcp.guardrails.rules.ComputeRules}, {@link dev.lakebasemcp.guardrails.rules.BranchRules}.
 */
package dev.lakebasemcp.guardrails.rules;
