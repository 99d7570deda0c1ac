package dev.lakebasemcp.guardrails.rules;

import java.util.Objects;

/**
 * A broken hard rule, as a value: which input field, which rule (a stable id callers may branch on),
 * and a message a person can act on, naming the field, the limit, what was given and the fix.
 */
public record Violation(String field, String rule, String message) {
    public Violation {
        Objects.requireNonNull(field, "field must not be null");
        Objects.requireNonNull(rule, "rule must not be null");
        Objects.requireNonNull(message, "message must not be null");
        if (rule.isBlank() || message.isBlank()) {
            throw new IllegalArgumentException("rule and message must not be blank");
        }
    }
}
