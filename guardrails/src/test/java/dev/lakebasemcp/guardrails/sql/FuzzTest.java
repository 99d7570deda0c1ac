package dev.lakebasemcp.guardrails.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The lexer and classifier are total: no input makes them throw, loop or overflow the stack. */
class FuzzTest {
    private static final String[] PIECES = {
        "'", "\"", "$", "$$", "$a$", "E'", "U&'", "U&\"", "UESCAPE", "\\", "/*", "*/", "--", "\n", ";", "(", ")",
        "[", "]", ",", ".", "::", ":", "=", "<>", " ", "\t", "select", "delete", "from", "where", "with", "as",
        "update", "set", "drop", "table", "explain", "analyze", "create", "function", "begin", "atomic", "end",
        "case", "x", "1", "0x", "1e", "nextval", "pg_sleep", "true", "or", "and", "not", "into", "copy", "program",
        "é", "\u0000", "B'", "X'", "N'", "+", "-", "*", "/", "{", "}", "!", "?", "#", "@"};

    @Test
    void randomInputsNeverThrow() {
        Random random = new Random(20261125L);
        StatementClassifier classifier = new StatementClassifier();
        for (int round = 0; round < 20_000; round++) {
            StringBuilder b = new StringBuilder();
            int n = random.nextInt(40);
            for (int k = 0; k < n; k++) {
                if (random.nextInt(10) == 0) {
                    b.append((char) random.nextInt(0x3000));
                } else {
                    b.append(PIECES[random.nextInt(PIECES.length)]);
                }
            }
            String sql = b.toString();
            ScriptClassification c = classifier.classify(sql);
            assertNotNull(c.sqlClass(), sql);
            assertNotNull(c.reason(), sql);
            if (SqlLexer.lex(sql) instanceof LexResult.Failed) {
                assertEquals(SqlClass.INVALID, c.sqlClass(), sql);
            }
        }
    }

    @Test
    void hugeInputsStayLinear() {
        StatementClassifier classifier = new StatementClassifier();
        String many = "SELECT id, name FROM users WHERE id = 1;\n".repeat(20_000);
        long t0 = System.nanoTime();
        ScriptClassification c = classifier.classify(many);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals("MULTI_READ", c.label());
        assertEquals(20_000, c.statements().size());
        assertTrue(ms < 20_000, "took " + ms + " ms");

        String bigString = "SELECT '" + "x".repeat(5_000_000) + "'";
        assertEquals("READ", classifier.classify(bigString).label());
        String unterminated = "SELECT $$" + "y".repeat(5_000_000);
        assertEquals("INVALID", classifier.classify(unterminated).label());
        String comments = "/*".repeat(100_000) + "*/".repeat(100_000) + " SELECT 1";
        assertEquals("READ", classifier.classify(comments).label());
        String parens = "SELECT " + "(".repeat(200_000) + ")".repeat(200_000);
        assertNotNull(classifier.classify(parens).label());
    }
}
