package dev.lakebasemcp.guardrails.sql;

/** The kinds of token the lexer gives. Comments and whitespace give none. */
public enum TokenKind {
    /** An unquoted identifier or keyword; its text is lowercased as PostgreSQL folds it. */
    WORD,
    /** {@code "..."} or {@code U&"..."}; its text is the decoded name, case kept. */
    QUOTED_IDENTIFIER,
    /** Any string constant: {@code '...'}, {@code E'...'}, {@code B'...'}, {@code X'...'}, {@code N'...'}, {@code U&'...'}, {@code $tag$...$tag$}; its text is the decoded content. */
    STRING,
    NUMBER,
    /** {@code $1}. */
    PARAMETER,
    /** A run of operator characters ({@code =}, {@code <>}, {@code ||}, {@code ->>} ...). */
    OPERATOR,
    /** One of {@code ( ) [ ] , ; . :} or {@code ::} or {@code ..}. */
    PUNCTUATION,
    /** A character PostgreSQL's grammar has no use for (a backslash, a brace, a lone {@code $}): the statement holding it is invalid. */
    OTHER
}
