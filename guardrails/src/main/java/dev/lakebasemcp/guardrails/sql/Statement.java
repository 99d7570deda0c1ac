package dev.lakebasemcp.guardrails.sql;

import java.util.List;
import java.util.Objects;

/**
 * One statement of a script: its tokens (at least one; no terminating {@code ;}) and its text, from
 * its first token to its last, without surrounding comments. Send {@code text} to the server as is:
 * it is exactly what was classified.
 */
public record Statement(String text, int start, int end, List<Token> tokens) {
    public Statement {
        Objects.requireNonNull(text, "text must not be null");
        tokens = List.copyOf(tokens);
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("a statement must hold at least one token");
        }
    }
}
