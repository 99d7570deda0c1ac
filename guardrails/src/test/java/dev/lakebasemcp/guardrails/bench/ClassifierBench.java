package dev.lakebasemcp.guardrails.bench;

import dev.lakebasemcp.guardrails.sql.ScriptClassification;
import dev.lakebasemcp.guardrails.sql.StatementClassifier;

/**
 * Classifier throughput, run by hand (not a test):
 * {@code java -cp guardrails/target/classes:guardrails/target/test-classes:<jackson jars>
 * dev.lakebasemcp.guardrails.bench.ClassifierBench}. A plain timing loop with warm-up, not JMH:
 * good to an order of magnitude, enough to show the guard is not the bottleneck.
 */
public final class ClassifierBench {
    private static final String[] SHORT = {
        "SELECT * FROM users WHERE id = 1",
        "SELECT u.name, count(o.id) FROM users u LEFT JOIN orders o ON o.user_id = u.id GROUP BY u.name",
        "INSERT INTO audit(msg) VALUES ('hello') RETURNING *",
        "UPDATE users SET name = 'x' WHERE id = 2",
        "DELETE FROM audit",
        "WITH d AS (DELETE FROM orders WHERE id = 1 RETURNING *) SELECT * FROM d",
        "COMMIT; DROP TABLE audit",
        "SELECT pg_sleep(1)",
        "EXPLAIN (ANALYZE, BUFFERS) DELETE FROM orders",
        "CREATE INDEX idx_users_email ON users(email)"};

    private ClassifierBench() {
    }

    public static void main(String[] args) {
        StatementClassifier classifier = new StatementClassifier();
        StringBuilder script = new StringBuilder();
        int statementsInScript = 0;
        while (script.length() < 100 * 1024) {
            script.append(SHORT[statementsInScript % SHORT.length]).append(";\n");
            statementsInScript++;
        }
        String big = script.toString();

        long sink = 0;
        for (int warm = 0; warm < 5; warm++) {
            sink += shortRound(classifier, 200_000);
            sink += classifier.classify(big).statements().size();
        }

        int shortIterations = 1_000_000;
        long t0 = System.nanoTime();
        sink += shortRound(classifier, shortIterations);
        double shortSeconds = (System.nanoTime() - t0) / 1e9;

        int scriptIterations = 50;
        long t1 = System.nanoTime();
        for (int k = 0; k < scriptIterations; k++) {
            ScriptClassification c = classifier.classify(big);
            sink += c.statements().size();
        }
        double scriptSeconds = (System.nanoTime() - t1) / 1e9;

        System.out.printf("JDK %s, %d cores%n", Runtime.version(), Runtime.getRuntime().availableProcessors());
        System.out.printf("short statements: %,.0f statements/s (%d statements, %.2f s)%n",
                shortIterations / shortSeconds, shortIterations, shortSeconds);
        System.out.printf("100 KB script (%,d bytes, %,d statements): %.2f ms per script, %,.0f statements/s, %.1f MB/s%n",
                big.length(), statementsInScript, scriptSeconds * 1000 / scriptIterations,
                (double) statementsInScript * scriptIterations / scriptSeconds,
                big.length() * (double) scriptIterations / scriptSeconds / 1e6);
        System.out.println("(checksum " + sink + ")");
    }

    private static long shortRound(StatementClassifier classifier, int n) {
        long sink = 0;
        for (int k = 0; k < n; k++) {
            sink += classifier.classify(SHORT[k % SHORT.length]).sqlClass().ordinal();
        }
        return sink;
    }
}
