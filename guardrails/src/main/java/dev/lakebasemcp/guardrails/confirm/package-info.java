/**
 * Confirmation tokens for destructive calls when the client cannot be asked through elicitation:
 * {@link dev.lakebasemcp.guardrails.confirm.ConfirmationTokens} issues and verifies them,
 * {@link dev.lakebasemcp.guardrails.confirm.Canonical} gives the argument bytes they sign.
 */
package dev.lakebasemcp.guardrails.confirm;
