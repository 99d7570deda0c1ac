package dev.lakebasemcp.guardrails.sql;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lakebasemcp.guardrails.risk.Risk;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** False alarms: everyday reads and writes must never need a confirmation. */
class OrdinaryQueriesTest {
    private static final StatementClassifier CLASSIFIER = new StatementClassifier();

    static List<String> queries() {
        try (InputStream in = OrdinaryQueriesTest.class.getResourceAsStream("/ordinary-queries.sql")) {
            if (in == null) {
                throw new IllegalStateException("ordinary-queries.sql is missing from the test resources");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            return r.lines().filter(l -> !l.isBlank() && !l.startsWith("--")).collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queries")
    void isNeverDestructive(String sql) {
        ScriptClassification c = CLASSIFIER.classify(sql);
        assertNotEquals(Risk.DESTRUCTIVE, c.risk(), () -> c.label() + ": " + c.reason());
        assertNotEquals(SqlClass.INVALID, c.sqlClass(), c::reason);
    }

    @Test
    void corpusHasAtLeastAHundredQueries() {
        assertTrue(queries().size() >= 100, "only " + queries().size() + " queries");
    }
}
