package dev.lakebasemcp.guardrails.sql;

import java.util.Objects;

/**
 * One token of SQL text. {@code text} is normalized (see {@link TokenKind}); {@code start} and
 * {@code end} are offsets into the source, so the raw spelling is {@code source.substring(start, end)}.
 */
public record Token(TokenKind kind, String text, int start, int end) {
    public Token {
        Objects.requireNonNull(kind, "kind must not be null");
        Objects.requireNonNull(text, "text must not be null");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("token offsets must satisfy 0 <= start <= end, got " + start + ", " + end);
        }
    }

    /** An unquoted word equal to {@code word} (give it in lowercase). A quoted identifier is never a keyword. */
    public boolean isWord(String word) {
        return kind == TokenKind.WORD && text.equals(word);
    }

    public boolean isPunctuation(String p) {
        return kind == TokenKind.PUNCTUATION && text.equals(p);
    }

    public boolean isOperator(String op) {
        return kind == TokenKind.OPERATOR && text.equals(op);
    }

    /** A name: an unquoted word or a quoted identifier. */
    public boolean isName() {
        return kind == TokenKind.WORD || kind == TokenKind.QUOTED_IDENTIFIER;
    }
}
