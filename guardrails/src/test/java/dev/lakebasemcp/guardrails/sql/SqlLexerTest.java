package dev.lakebasemcp.guardrails.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqlLexerTest {

    private static List<Token> tokens(String sql) {
        LexResult r = SqlLexer.lex(sql);
        return assertInstanceOf(LexResult.Lexed.class, r, () -> "did not lex: " + r).tokens();
    }

    private static List<String> texts(String sql) {
        return tokens(sql).stream().map(Token::text).collect(Collectors.toList());
    }

    private static int statementCount(String sql) {
        LexResult.Lexed l = (LexResult.Lexed) SqlLexer.lex(sql);
        return StatementSplitter.split(sql, l.tokens()).size();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT 'abc", "SELECT E'abc\\'", "SELECT $$abc", "SELECT $x$abc$y$", "SELECT \"abc", "SELECT /* abc",
            "SELECT /* a /* b */", "SELECT B'101", "SELECT U&'abc", "SELECT U&\"abc", "SELECT \"\"",
            "SELECT U&'\\12' ", "SELECT U&'x' UESCAPE 'ab'", "SELECT U&'x' UESCAPE '+'", "SELECT 1abc", "SELECT 0x",
            "SELECT E'\\"})
    void refusesWhatPostgresRefuses(String sql) {
        assertInstanceOf(LexResult.Failed.class, SqlLexer.lex(sql));
        assertEquals(SqlClass.INVALID, new StatementClassifier().classify(sql).sqlClass());
    }

    @Test
    void foldsUnquotedAndKeepsQuoted() {
        assertEquals(List.of("select", "MyCol", "from", "users"), texts("SELECT \"MyCol\" FROM Users"));
        assertEquals(TokenKind.QUOTED_IDENTIFIER, tokens("\"a\"\"b\"").get(0).kind());
        assertEquals("a\"b", tokens("\"a\"\"b\"").get(0).text());
    }

    @Test
    void decodesUnicodeIdentifiersAndStrings() {
        assertEquals("setval", tokens("U&\"s\\0065tval\"").get(0).text());
        assertEquals("pg_sleep", tokens("u&\"pg!005Fsleep\" UESCAPE '!'").get(0).text());
        assertEquals(1, tokens("U&\"pg!005Fsleep\" /* c */ UESCAPE\n'!'").size());
        assertEquals("\u00e9\\", tokens("U&'\\00E9\\\\'").get(0).text());
        assertEquals("\uD83D\uDE00", tokens("U&'\\+01F600'").get(0).text());
    }

    @Test
    void readsEscapeStrings() {
        assertEquals("it's; x", tokens("E'it\\'s; x'").get(0).text());
        assertEquals("a\nb\tc\\", tokens("e'a\\nb\\tc\\\\'").get(0).text());
        assertEquals("AB", tokens("E'\\x41\\102'").get(0).text());
        assertEquals(1, tokens("E'it''s'").size());
    }

    @Test
    void standardStringsKeepBackslashes() {
        // standard_conforming_strings = on: the backslash does not escape the quote.
        assertEquals(2, statementCount("SELECT 'a\\'; DROP TABLE t"));
    }

    @Test
    void joinsStringsAcrossNewlines() {
        // 'a' <newline> 'b' is one constant; on one line it is a syntax error, not a join.
        assertEquals("ab", tokens("'a'\n  'b'").get(0).text());
        assertEquals(2, tokens("'a' 'b'").size());
        assertEquals("ab", tokens("'a'\n-- c\n'b'").get(0).text());
        // A comment before the first newline does not join (PostgreSQL's whitespace_with_newline).
        assertEquals(2, tokens("'a' -- c\n'b'").size());
        // The joined part of an E'' string keeps backslash escapes, so the quote below is escaped.
        assertEquals(1, statementCount("SELECT E'x'\n'\\'; DROP TABLE t; --'"));
    }

    @Test
    void bitStringsEndAtTheFirstQuote() {
        assertEquals(List.of("select", "101", "x"), texts("SELECT B'101''x'"));
    }

    @Test
    void dollarQuotes() {
        assertEquals(" $b$ ; x $b$ ", tokens("$a$ $b$ ; x $b$ $a$").get(0).text());
        assertEquals(TokenKind.PARAMETER, tokens("$1").get(0).kind());
        assertEquals(TokenKind.OTHER, tokens("$abc d").get(0).kind());
        assertEquals(List.of("a$$b"), texts("a$$b"));
        assertEquals(1, statementCount("SELECT $_$x;y$_$"));
    }

    @Test
    void nestedCommentsHideSemicolons() {
        assertEquals(1, statementCount("SELECT 1 /* a /* b */ ; DROP TABLE t; */"));
        assertEquals(List.of("select", "1"), texts("SELECT 1 -- ; DROP\n"));
    }

    @Test
    void operatorsStopAtComments() {
        assertEquals(List.of("1", "+", "2"), texts("1+--c\n2"));
        assertEquals(List.of("x", "=", "-", "1"), texts("x=-1"));
        assertEquals(List.of("a", "->>", "'k'"), tokens("a->>'k'").stream()
                .map(t -> t.kind() == TokenKind.STRING ? "'" + t.text() + "'" : t.text()).collect(Collectors.toList()));
        assertEquals(List.of("x", "::", "int"), texts("x::int"));
    }

    @Test
    void numbers() {
        assertEquals(List.of("1.5e3", "0x1F", "1000", ".5"), texts("1.5e3 0x1F 1_000 .5"));
        assertEquals(List.of("1", "..", "2"), texts("1..2"));
    }

    @Test
    void truncatesLongIdentifiersLikePostgres() {
        String longName = "a".repeat(70);
        assertEquals(63, tokens(longName).get(0).text().length());
    }

    @Test
    void splitsOnlyAtTopLevel() {
        assertEquals(3, statementCount("SELECT 1; SELECT ';'; SELECT \";\""));
        assertEquals(1, statementCount("SELECT (1; 2)"));
        assertEquals(0, statementCount("/* only */ ; -- comments\n;"));
        String atomic = "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT CASE WHEN true THEN 1 END; END;"
                + " SELECT f()";
        assertEquals(2, statementCount(atomic));
    }

    @Test
    void statementTextIsExactlyWhatWasClassified() {
        String sql = "  /* lead */ SELECT 1 ; \n DELETE FROM t WHERE id = 2 -- tail";
        LexResult.Lexed l = (LexResult.Lexed) SqlLexer.lex(sql);
        List<Statement> st = StatementSplitter.split(sql, l.tokens());
        assertEquals("SELECT 1", st.get(0).text());
        assertEquals("DELETE FROM t WHERE id = 2", st.get(1).text());
    }

    @Test
    void nullIsFailedNotThrown() {
        assertInstanceOf(LexResult.Failed.class, SqlLexer.lex(null));
        assertTrue(new StatementClassifier().classify((String) null).sqlClass() == SqlClass.INVALID);
    }
}
