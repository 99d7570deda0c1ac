package dev.lakebasemcp.guardrails.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every case in shared/sql-guard/cases.tsv, as the file stands when the tests run. */
class CasesTsvTest {
    private static final StatementClassifier CLASSIFIER = new StatementClassifier(SharedCases.fixtureVolatility());

    static List<SharedCases.Case> cases() {
        return SharedCases.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void classifiesAsTheCaseSays(SharedCases.Case c) {
        ScriptClassification result = CLASSIFIER.classify(c.input());
        String why = c.note() + " -> got " + result.label() + " because " + result.reason();
        assertEquals(c.expectedClass(), result.label(), why);
        assertEquals(c.mustBlockInReadOnly(), result.blockedInReadOnly(), why);
    }

    @Test
    void fileHoldsTheCases() {
        // Guards against a parse that silently yields nothing.
        org.junit.jupiter.api.Assertions.assertTrue(cases().size() >= 150, "cases.tsv has " + cases().size() + " cases");
    }
}
