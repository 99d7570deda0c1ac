package dev.lakebasemcp.guardrails.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lakebasemcp.guardrails.guard.Decision;
import dev.lakebasemcp.guardrails.risk.Risk;
import dev.lakebasemcp.guardrails.sql.StatementClassifier;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqlPolicyTest {
    private final StatementClassifier classifier = new StatementClassifier();

    private Decision decide(SqlPolicy policy, String sql) {
        return policy.decide(classifier.classify(sql), impact -> "token-for:" + impact);
    }

    private String rule(Decision d) {
        return assertInstanceOf(Decision.Refuse.class, d).rule();
    }

    @Test
    void allowsReadsAndWritesAtTheirRisk() {
        assertEquals(Risk.READ, assertInstanceOf(Decision.Allow.class, decide(SqlPolicy.readWrite(), "SELECT 1")).risk());
        assertEquals(Risk.WRITE, assertInstanceOf(Decision.Allow.class,
                decide(SqlPolicy.readWrite(), "UPDATE users SET name = 'x' WHERE id = 1")).risk());
    }

    @Test
    void asksToConfirmDestructiveScripts() {
        Decision.Confirm c = assertInstanceOf(Decision.Confirm.class, decide(SqlPolicy.readWrite(), "DELETE FROM audit"));
        assertEquals("DELETE without WHERE removes every row of audit", c.impact());
        assertEquals("token-for:" + c.impact(), c.token());
    }

    @ParameterizedTest
    @ValueSource(strings = {"COMMIT; DROP TABLE audit", "BEGIN", "SELECT 1; ROLLBACK",
            "SELECT set_config('transaction_read_only', 'off', true)"})
    void refusesTransactionControl(String sql) {
        assertEquals("sql_transaction_control", rule(decide(SqlPolicy.readWrite(), sql)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"INSERT INTO t VALUES (1)", "SELECT nextval('s')", "SET ROLE admin", "DO $$ BEGIN END $$",
            "SELECT * FROM pg_authid"})
    void readOnlyModeRefusesAllButReads(String sql) {
        SqlPolicy ro = new SqlPolicy(true, Set.of(), false);
        assertEquals("read_only", rule(decide(ro, sql)));
        assertInstanceOf(Decision.Allow.class, decide(ro, "SELECT count(*) FROM users"));
    }

    @Test
    void refusesInvalidSql() {
        assertEquals("sql_invalid", rule(decide(SqlPolicy.readWrite(), "SELECT 'oops")));
    }

    @Test
    void syncedTablesTakeOnlyReadsIndexesAndDrop() {
        SqlPolicy p = new SqlPolicy(false, Set.of("sales.orders_synced"), false);
        assertInstanceOf(Decision.Allow.class, decide(p, "SELECT * FROM sales.orders_synced"));
        assertInstanceOf(Decision.Allow.class, decide(p, "CREATE INDEX ON sales.orders_synced (id)"));
        assertInstanceOf(Decision.Confirm.class, decide(p, "DROP TABLE sales.orders_synced"));
        assertEquals("synced_table", rule(decide(p, "UPDATE sales.orders_synced SET a = 1 WHERE id = 2")));
        assertEquals("synced_table", rule(decide(p, "INSERT INTO orders_synced VALUES (1)")));
        assertEquals("synced_table", rule(decide(p, "ALTER TABLE sales.orders_synced ADD COLUMN x int")));
        assertEquals("synced_table", rule(decide(p, "TRUNCATE sales.orders_synced")));
        assertInstanceOf(Decision.Allow.class, decide(p, "INSERT INTO other.orders_synced VALUES (1)"));
    }

    @Test
    void deployBeforeLocalRefusesCreateSchema() {
        SqlPolicy locked = new SqlPolicy(false, Set.of(), true);
        Decision.Refuse r = assertInstanceOf(Decision.Refuse.class, decide(locked, "CREATE SCHEMA app"));
        assertEquals("deploy_before_local", r.rule());
        assertTrue(r.reason().contains("deploy the app first"));
        assertInstanceOf(Decision.Allow.class, decide(SqlPolicy.readWrite(), "CREATE SCHEMA app"));
    }
}
