package dev.lakebasemcp.guardrails.sql;

import java.util.List;
import java.util.Objects;

/** What lexing gave: the tokens, or where and why the text cannot be lexed. */
public sealed interface LexResult {

    record Lexed(List<Token> tokens) implements LexResult {
        public Lexed {
            tokens = List.copyOf(tokens);
        }
    }

    /** PostgreSQL would refuse the whole text too (an unterminated string, comment or dollar quote ...). */
    record Failed(int offset, String reason) implements LexResult {
        public Failed {
            Objects.requireNonNull(reason, "reason must not be null");
        }
    }
}
