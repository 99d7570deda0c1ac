package dev.lakebasemcp.guardrails.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lakebasemcp.guardrails.risk.Risk;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatementClassifierTest {
    private final StatementClassifier classifier = new StatementClassifier();

    private String label(String sql) {
        return classifier.classify(sql).label();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "DELETE FROM t WHERE 1 = 1 | DESTRUCTIVE",
            "DELETE FROM t WHERE 'a' = 'a' | DESTRUCTIVE",
            "DELETE FROM t WHERE x = x | DESTRUCTIVE",
            "DELETE FROM t WHERE (id = 1) OR (true) | DESTRUCTIVE",
            "DELETE FROM t WHERE 2 > 1 | DESTRUCTIVE",
            "DELETE FROM t WHERE name LIKE '%' | DESTRUCTIVE",
            "DELETE FROM t WHERE a IS NOT DISTINCT FROM a | DESTRUCTIVE",
            "DELETE FROM t WHERE NOT false | DESTRUCTIVE",
            "UPDATE t SET a = 1 WHERE now() > '2000-01-01' | DESTRUCTIVE",
            "DELETE FROM t WHERE x = x AND id = 3 | WRITE",
            "DELETE FROM t WHERE id BETWEEN 1 AND 10 | WRITE",
            "DELETE FROM t WHERE time > now() | WRITE",
            "DELETE FROM t WHERE CURRENT OF c | WRITE",
            "UPDATE t SET a = (SELECT max(b) FROM u WHERE u.id = 1) | DESTRUCTIVE",
            "UPDATE t SET a = (SELECT max(b) FROM u) WHERE id = 2 | WRITE"})
    void judgesWhereClauses(String sql, String expected) {
        assertEquals(expected, label(sql));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "EXPLAIN ANALYSE DELETE FROM t | DESTRUCTIVE",
            "EXPLAIN ANALYZE VERBOSE UPDATE t SET a = 1 WHERE id = 1 | WRITE",
            "EXPLAIN (ANALYZE off) DELETE FROM t | READ",
            "EXPLAIN (ANALYZE 0, COSTS) DELETE FROM t | READ",
            "EXPLAIN (ANALYZE on) DELETE FROM t | DESTRUCTIVE",
            "EXPLAIN (ANALYZE TRUE, FORMAT YAML) SELECT pg_sleep(1) | SIDE_EFFECT",
            "EXPLAIN (ANALYZE maybe) DELETE FROM t | DESTRUCTIVE",
            "EXPLAIN VERBOSE SELECT 1 | READ",
            "EXPLAIN DROP TABLE t | INVALID",
            "EXPLAIN | INVALID"})
    void judgesExplain(String sql, String expected) {
        assertEquals(expected, label(sql));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "SELECT \"setval\"('s', 1) | WRITE",
            "SELECT \"PG_SLEEP\"(1) | OPAQUE_CODE",
            "SELECT public.now() | OPAQUE_CODE",
            "SELECT pg_catalog.now() | READ",
            "SELECT my_fn(1) | OPAQUE_CODE",
            "SELECT 1 OPERATOR(pg_catalog.+) nextval('s') | WRITE",
            "SELECT * FROM users u JOIN LATERAL dblink('x', 'select 1') AS d(a int) ON true | SIDE_EFFECT",
            "SELECT set_config(name, 'off', false) FROM pg_settings | TRANSACTION",
            "SELECT set_config('role', 'admin', false) | PRIVILEGE",
            "SELECT set_config('search_path', 'x', false) | SESSION",
            "SELECT xmlparse(DOCUMENT nextval('s')::text) | WRITE",
            "SELECT lo_unlink(4242) | DESTRUCTIVE",
            "SELECT lo_get(4242) | READ",
            "SELECT pg_ls_dir('.') | INFO_DISCLOSURE",
            "SELECT * FROM pg_catalog.pg_authid | INFO_DISCLOSURE",
            "SELECT ts_stat('SELECT 1') | OPAQUE_CODE",
            "SELECT * FROM t FOR UPDATE | WRITE",
            "SELECT * FROM t FOR KEY SHARE | WRITE",
            "SELECT substring('abc' FROM 1 FOR 2) | READ",
            "INSERT INTO t(a) VALUES (nextval('s')) | WRITE",
            "INSERT INTO t(a) SELECT pg_sleep(1) | SIDE_EFFECT",
            "CREATE TABLE t2 AS SELECT pg_terminate_backend(1) | SIDE_EFFECT",
            "CREATE MATERIALIZED VIEW m AS SELECT my_fn() | OPAQUE_CODE",
            "DECLARE c CURSOR FOR SELECT pg_sleep(5) | SIDE_EFFECT",
            "DECLARE c CURSOR FOR SELECT 1 | SESSION",
            "COPY (DELETE FROM t RETURNING *) TO STDOUT | DESTRUCTIVE",
            "COPY t TO STDOUT | READ",
            "COPY t FROM '/etc/passwd' | SIDE_EFFECT",
            "COPY t TO '/tmp/x' | SIDE_EFFECT",
            "CALL p(nextval('s')) | OPAQUE_CODE"})
    void judgesFunctionsAndQueries(String sql, String expected) {
        assertEquals(expected, label(sql));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "ALTER TABLE t ALTER COLUMN c TYPE bigint | DESTRUCTIVE",
            "ALTER TABLE t ALTER c SET DATA TYPE text | DESTRUCTIVE",
            "ALTER TABLE t ADD COLUMN type text | DDL",
            "ALTER TABLE t DROP COLUMN c | DESTRUCTIVE",
            "ALTER TABLE t DROP c | DESTRUCTIVE",
            "ALTER TABLE t ALTER COLUMN c DROP NOT NULL | DDL",
            "ALTER TABLE t ALTER COLUMN c DROP IDENTITY | DDL",
            "ALTER TABLE t ENABLE ROW LEVEL SECURITY | PRIVILEGE",
            "ALTER FUNCTION f(int) SECURITY DEFINER | PRIVILEGE",
            "ALTER TYPE mood ADD VALUE 'meh' | DDL",
            "ALTER TYPE t DROP ATTRIBUTE a | DESTRUCTIVE",
            "ALTER DEFAULT PRIVILEGES IN SCHEMA s GRANT SELECT ON TABLES TO r | PRIVILEGE",
            "REVOKE SELECT ON t FROM r | PRIVILEGE",
            "CREATE ROLE r LOGIN | PRIVILEGE",
            "CREATE POLICY p ON t USING (true) | PRIVILEGE",
            "CREATE USER MAPPING FOR r SERVER s OPTIONS (password 'x') | PRIVILEGE",
            "CREATE SUBSCRIPTION s CONNECTION 'host=x' PUBLICATION p | SIDE_EFFECT",
            "DROP INDEX CONCURRENTLY IF EXISTS i | DESTRUCTIVE",
            "DROP DATABASE d | DESTRUCTIVE",
            "CLUSTER t | SIDE_EFFECT",
            "REINDEX TABLE t | SIDE_EFFECT",
            "LISTEN chan | SESSION",
            "SET LOCAL ROLE r | PRIVILEGE",
            "SET SESSION statement_timeout = 0 | SESSION",
            "SET TRANSACTION READ WRITE | TRANSACTION",
            "SET CONSTRAINTS ALL DEFERRED | TRANSACTION",
            "RESET SESSION AUTHORIZATION | PRIVILEGE",
            "PREPARE TRANSACTION 'x' | TRANSACTION",
            "COMMIT PREPARED 'x' | TRANSACTION",
            "END | TRANSACTION",
            "LOAD 'plugin' | OPAQUE_CODE",
            "EXECUTE p1 | OPAQUE_CODE"})
    void judgesUtilityStatements(String sql, String expected) {
        assertEquals(expected, label(sql));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "'' | INVALID",
            "'   -- nothing\n /* at all */' | INVALID",
            "FOO BAR | INVALID",
            "SELECT (1 | INVALID",
            "SELECT 1) | INVALID",
            "SELECT (1; DROP TABLE t) | INVALID",
            "SELECT \\x | INVALID",
            "42 | INVALID",
            "() | INVALID",
            "PERFORM f() | INVALID",
            "SELECT 1; FOO | MULTI_INVALID"})
    void failsClosedOnWhatItDoesNotUnderstand(String sql, String expected) {
        assertEquals(expected, label(sql));
    }

    @Test
    void scriptTaintFollowsPreparedStatementsAndTriggers() {
        assertEquals("MULTI_DESTRUCTIVE", label("PREPARE p AS DELETE FROM audit; EXECUTE p"));
        assertEquals("MULTI_DESTRUCTIVE", label("CREATE FUNCTION trg() RETURNS trigger LANGUAGE plpgsql AS $$"
                + " BEGIN DELETE FROM audit; RETURN NEW; END $$; CREATE TRIGGER t AFTER INSERT ON users"
                + " FOR EACH ROW EXECUTE FUNCTION trg(); INSERT INTO users VALUES (9)"));
        assertEquals("MULTI_DESTRUCTIVE", label("CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC"
                + " DELETE FROM audit; SELECT 1; END; SELECT f()"));
        assertEquals("MULTI_DESTRUCTIVE", label("CREATE FUNCTION f() RETURNS int LANGUAGE sql RETURN lo_unlink(1);"
                + " SELECT f()"));
        assertEquals("MULTI_OPAQUE_CODE", label("CREATE FUNCTION g() RETURNS int LANGUAGE plpgsql AS $$ BEGIN"
                + " IF true THEN RETURN 1; END IF; END $$; SELECT g()"));
    }

    @Test
    void usesTheCallersVolatilityFacts() {
        StatementClassifier withFacts = new StatementClassifier(fn -> switch0(fn.name()));
        assertEquals("READ", withFacts.classify("SELECT stable_fn(1), app.imm_fn()").label());
        assertEquals("OPAQUE_CODE", withFacts.classify("SELECT vol_fn()").label());
        assertEquals("OPAQUE_CODE", withFacts.classify("SELECT definer_fn()").label());
        assertEquals("OPAQUE_CODE", withFacts.classify("SELECT unknown_fn()").label());
        // The deny list wins over whatever the catalog says.
        assertEquals("SIDE_EFFECT", withFacts.classify("SELECT pg_sleep(1)").label());
    }

    private static Optional<FunctionFacts> switch0(String name) {
        if (name.equals("stable_fn")) {
            return Optional.of(new FunctionFacts(FunctionFacts.Volatility.STABLE, false));
        }
        if (name.equals("imm_fn")) {
            return Optional.of(new FunctionFacts(FunctionFacts.Volatility.IMMUTABLE, false));
        }
        if (name.equals("vol_fn")) {
            return Optional.of(new FunctionFacts(FunctionFacts.Volatility.VOLATILE, false));
        }
        if (name.equals("definer_fn") || name.equals("pg_sleep")) {
            return Optional.of(new FunctionFacts(FunctionFacts.Volatility.STABLE, true));
        }
        return Optional.empty();
    }

    @Test
    void reportsTablesTouched() {
        ScriptClassification c = classifier.classify("INSERT INTO app.t1 VALUES (1); UPDATE ONLY t2 SET a = 1 WHERE id = 1;"
                + " DELETE FROM t3 WHERE id = 1; TRUNCATE t4, ONLY s.t5; DROP TABLE IF EXISTS t6, t7 CASCADE;"
                + " CREATE INDEX ON t8 (a); ALTER TABLE IF EXISTS ONLY t9 ADD COLUMN b int; COPY t10 FROM STDIN;"
                + " MERGE INTO t11 USING t12 ON true WHEN MATCHED THEN DELETE;"
                + " WITH d AS (DELETE FROM t13 WHERE id = 1 RETURNING 1) SELECT 1; EXPLAIN DELETE FROM t14");
        List<String> touched = c.touches().stream().map(t -> t.table() + ":" + t.action()).toList();
        assertEquals(List.of("app.t1:WRITE", "t2:WRITE", "t3:WRITE", "t4:TRUNCATE", "s.t5:TRUNCATE", "t6:DROP",
                "t7:DROP", "t8:INDEX", "t9:ALTER", "t10:WRITE", "t11:WRITE", "t13:WRITE"), touched);
    }

    @Test
    void reasonsSayWhatWillHappen() {
        assertEquals("DELETE without WHERE removes every row of audit", classifier.classify("DELETE FROM audit").reason());
        assertEquals("statement 2 of 2: DROP TABLE removes audit and all its rows",
                classifier.classify("COMMIT; DROP TABLE audit").reason());
        assertEquals(Risk.DESTRUCTIVE, classifier.classify("DROP TABLE audit").risk());
        assertEquals(Risk.WRITE, classifier.classify("INSERT INTO audit VALUES ('x')").risk());
        assertEquals(Risk.READ, classifier.classify("SELECT 1").risk());
    }

    @Test
    void refusesNestingTooDeepToJudge() {
        String deep = "SELECT " + "(".repeat(5_000) + "1" + ")".repeat(5_000);
        assertEquals("READ", label(deep));
        String ctes = "WITH a AS (".repeat(200) + "SELECT 1" + ") SELECT 1".repeat(200);
        assertEquals("INVALID", label(ctes));
        assertTrue(classifier.classify(ctes).reason().contains("too deep"));
    }
}
