package dev.lakebasemcp.tools.query;

import static dev.lakebasemcp.tools.query.LocalFixture.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.databricks.sdk.service.postgres.Endpoint;
import dev.lakebasemcp.tools.call.CallContext;
import dev.lakebasemcp.tools.call.ToolHandler;
import dev.lakebasemcp.tools.call.ToolResult;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Connections over time: credentials that expire (Lakebase Local set to 8-second credentials), one refresh
 * shared by concurrent callers, idle pools closed, and a compute restarted in the middle of a session.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConnectionsTest {

    static final Duration LIFETIME = Duration.ofSeconds(8);
    static LocalFixture fx;
    static SqlTools tools;
    static Map<String, ToolHandler> h;
    static final String ENDPOINT = "projects/conn/branches/production/endpoints/primary";

    @BeforeAll
    static void start() throws Exception {
        fx = new LocalFixture("conn", c -> c.withCredentialLifetime(LIFETIME));
        tools = new SqlTools(fx.lakebase, false, Clock.systemUTC(), ConnectionPools.Settings.standard()
                .withCloseIdlePoolAfter(Duration.ofMillis(200)));
        h = fx.handlers(tools);
    }

    @AfterAll
    static void stop() throws Exception {
        if (tools != null) {
            tools.close();
        }
        if (fx != null) {
            fx.close();
        }
    }

    static ToolResult run(String sql) {
        return h.get("run_sql").call(fx.args("sql", sql), CallContext.NONE);
    }

    @Test
    @Order(1)
    void connectionsOpenedAfterTheCredentialExpiredStillWork() throws Exception {
        ok(run("create table if not exists ticks (at timestamptz default now())"));
        DatabaseCredentials credentials = tools.pools().credentials();
        String first = tokenNow(credentials);
        Instant expires = credentials.expires(ENDPOINT);
        Thread.sleep(Duration.between(Instant.now(), expires).toMillis() + 500);
        // The old token really is dead for new logins: Postgres checks VALID UNTIL.
        assertThrows(SQLException.class, () -> login(first).close());
        tools.pools().retireConnections();
        ok(run("insert into ticks default values"));
        // Four at once: the pool must open new connections, each logging in with the refreshed credential.
        List<CompletableFuture<ToolResult>> calls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> run("select pg_sleep(0.3), count(*) from ticks")));
        }
        for (CompletableFuture<ToolResult> c : calls) {
            ok(c.get(30, TimeUnit.SECONDS));
        }
        assertNotEquals(first, tokenNow(credentials));
        assertTrue(credentials.expires(ENDPOINT).isAfter(expires));
    }

    @Test
    @Order(2)
    void concurrentCallersShareOneRefresh() throws Exception {
        DatabaseCredentials credentials = tools.pools().credentials();
        Thread.sleep(Duration.between(Instant.now(), credentials.expires(ENDPOINT)).toMillis() + 100);
        int before = credentials.fetches();
        List<CompletableFuture<String>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> credentials.token(ENDPOINT)));
        }
        Set<String> tokens = new HashSet<>();
        for (CompletableFuture<String> c : calls) {
            tokens.add(c.get(30, TimeUnit.SECONDS));
        }
        assertEquals(1, tokens.size());
        assertEquals(before + 1, credentials.fetches(), "eight callers, one fetch");
    }

    @Test
    @Order(3)
    void idlePoolsAreClosedAndReopenedOnDemand() throws Exception {
        ok(run("select 1"));
        assertEquals(1, tools.pools().size());
        Thread.sleep(400);
        assertEquals(1, tools.pools().closeIdle());
        assertEquals(0, tools.pools().size());
        ok(run("select 1"));
        assertEquals(1, tools.pools().size());
    }

    @Test
    @Order(4)
    void aComputeRestartedMidSessionIsWaitedForAndReconnected() throws Exception {
        ok(run("insert into ticks default values"));
        long before = count();
        // Restart every compute (Lakebase Local stops and starts on the same data and ports) while calls go on.
        CompletableFuture<Void> restart = CompletableFuture.runAsync(() -> {
            try {
                fx.restart();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        List<String> outcomes = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        int okAfterRestart = 0;
        while (okAfterRestart < 3 && System.nanoTime() < deadline) {
            ToolResult r = run("insert into ticks default values");
            outcomes.add(r instanceof ToolResult.Ok ? "ok" : ((ToolResult.Failed) r).code());
            if (restart.isDone() && r instanceof ToolResult.Ok) {
                okAfterRestart++;
            }
            Thread.sleep(50);
        }
        restart.get(60, TimeUnit.SECONDS);
        System.out.println("calls during the restart: " + outcomes);
        assertTrue(okAfterRestart >= 3, outcomes.toString());
        for (String o : outcomes) {
            assertTrue(o.equals("ok") || o.equals("connection_lost") || o.equals("compute_unavailable"),
                    "only connection errors, explained: " + outcomes);
        }
        long oks = outcomes.stream().filter("ok"::equals).count();
        assertEquals(before + oks, count(), "every call that said ok wrote its row, no other did");
    }

    static long count() {
        @SuppressWarnings("unchecked")
        List<List<Object>> rows = (List<List<Object>>) ok(run("select count(*) from ticks")).structured().get("rows");
        return (Long) rows.get(0).get(0);
    }

    static String tokenNow(DatabaseCredentials credentials) {
        return credentials.token(ENDPOINT);
    }

    static java.sql.Connection login(String token) throws SQLException {
        Endpoint e = fx.lakebase.postgres().getEndpoint(ENDPOINT);
        Properties p = new Properties();
        p.setProperty("user", fx.lakebase.userName());
        p.setProperty("password", token);
        p.setProperty("sslmode", "require");
        return DriverManager.getConnection("jdbc:postgresql://" + e.getStatus().getHosts().getHost()
                + "/databricks_postgres", p);
    }
}
