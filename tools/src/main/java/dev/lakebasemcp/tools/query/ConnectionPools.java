package dev.lakebasemcp.tools.query;

import com.databricks.sdk.service.postgres.Endpoint;
import com.databricks.sdk.service.postgres.EndpointType;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.lakebasemcp.tools.lakebase.Defaults;
import dev.lakebasemcp.tools.lakebase.Lakebase;
import dev.lakebasemcp.tools.lakebase.Names;
import dev.lakebasemcp.tools.lakebase.Views;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A small HikariCP pool per (endpoint, database, role), made on first use and closed after it has been idle
 * for a while. The endpoint behind a project and branch is looked up once per pool, not per call.
 */
public final class ConnectionPools implements AutoCloseable {

    /** Tunables; {@link #standard()} is what the server uses. */
    public record Settings(int maxSize, Duration idleTimeout, Duration maxLifetime, Duration closeIdlePoolAfter,
            Duration wake, Duration borrowTimeout, Limits sessionDefaults) {

        public static Settings standard() {
            return new Settings(4, Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofMinutes(15),
                    Duration.ofSeconds(20), Duration.ofSeconds(30), Limits.DEFAULT);
        }

        public Settings withCloseIdlePoolAfter(Duration d) {
            return new Settings(maxSize, idleTimeout, maxLifetime, d, wake, borrowTimeout, sessionDefaults);
        }

        public Settings withIdleTimeout(Duration d) {
            return new Settings(maxSize, d, maxLifetime, closeIdlePoolAfter, wake, borrowTimeout, sessionDefaults);
        }
    }

    private record Key(String endpoint, String database, String role) {
    }

    /** One pool and when it was last lent from. */
    private static final class Pool {
        final Key key;
        final HikariDataSource dataSource;
        volatile long lastUsedNanos = System.nanoTime();

        Pool(Key key, HikariDataSource dataSource) {
            this.key = key;
            this.dataSource = dataSource;
        }
    }

    /** A borrowed connection. Close it to give it back; {@link #evict()} if its session may be unusable. */
    public static final class Lease implements AutoCloseable {
        private final Pool pool;
        private final Connection connection;
        private boolean evict;

        private Lease(Pool pool, Connection connection) {
            this.pool = pool;
            this.connection = connection;
        }

        public Connection connection() {
            return connection;
        }

        /** The endpoint's resource name. */
        public String endpoint() {
            return pool.key.endpoint();
        }

        public void evict() {
            evict = true;
        }

        @Override
        public void close() {
            if (evict) {
                pool.dataSource.evictConnection(connection);
            } else {
                try {
                    connection.close();
                } catch (SQLException e) {
                    pool.dataSource.evictConnection(connection);
                }
            }
        }
    }

    private final Lakebase lakebase;
    private final DatabaseCredentials credentials;
    private final Defaults defaults;
    private final Settings settings;
    private final boolean readOnly;
    private final Map<Key, Pool> pools = new ConcurrentHashMap<>();
    private final Map<Target, Pool> byTarget = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** @param readOnly connections open READ ONLY transactions */
    public ConnectionPools(Lakebase lakebase, Clock clock, Settings settings, boolean readOnly) {
        this.lakebase = lakebase;
        this.credentials = new DatabaseCredentials(lakebase, clock);
        this.defaults = new Defaults(lakebase);
        this.settings = settings;
        this.readOnly = readOnly;
    }

    public DatabaseCredentials credentials() {
        return credentials;
    }

    public Settings settings() {
        return settings;
    }

    /** A connection to {@code target}, from its pool (made on first use). */
    public Lease borrow(Target target) throws SQLException {
        if (closed) {
            throw new IllegalStateException("connection pools are closed");
        }
        Pool pool = byTarget.get(target);
        if (pool == null || pool.dataSource.isClosed()) {
            pool = resolve(target);
        }
        pool.lastUsedNanos = System.nanoTime();
        try {
            return new Lease(pool, pool.dataSource.getConnection());
        } catch (SQLException e) {
            if (LakebaseDataSource.refused(e) || e.getSQLState() == null || e.getSQLState().startsWith("08")) {
                // The endpoint may have moved (a new branch under an old name): look it up again next time.
                forget(pool);
            }
            throw e;
        }
    }

    private Pool resolve(Target target) {
        String branch = target.branchId() != null ? target.branchId() : defaults.defaultBranchOf(target.projectId());
        Endpoint endpoint = readWriteEndpoint(target.projectId(), branch);
        String host = endpoint.getStatus() == null || endpoint.getStatus().getHosts() == null ? null
                : endpoint.getStatus().getHosts().getHost();
        Views.HostPort hp = Views.HostPort.parse(host);
        Key key = new Key(endpoint.getName(), target.database(), lakebase.userName());
        Pool pool = pools.compute(key, (k, existing) -> existing != null && !existing.dataSource.isClosed() ? existing
                : new Pool(k, open(k, hp)));
        byTarget.put(target, pool);
        return pool;
    }

    /** The branch's read-write endpoint (its primary compute), whatever its id. */
    private Endpoint readWriteEndpoint(String projectId, String branchId) {
        String branch = Names.branch(projectId, branchId);
        Endpoint fallback = null;
        for (Endpoint e : lakebase.postgres().listEndpoints(branch)) {
            EndpointType type = e.getStatus() == null ? null : e.getStatus().getEndpointType();
            if (type == EndpointType.ENDPOINT_TYPE_READ_WRITE) {
                return e;
            }
            if (fallback == null) {
                fallback = e;
            }
        }
        if (fallback == null) {
            throw new IllegalStateException("branch " + branchId + " of " + projectId + " has no endpoint");
        }
        return fallback;
    }

    private HikariDataSource open(Key key, Views.HostPort hp) {
        HikariConfig c = new HikariConfig();
        c.setPoolName("sql " + Names.lastId(key.endpoint()) + "/" + key.database());
        c.setDataSource(new LakebaseDataSource(key.endpoint(), hp.host(), hp.port(), key.database(), key.role(),
                credentials, settings.wake().toMillis(), settings.sessionDefaults()));
        c.setMaximumPoolSize(settings.maxSize());
        c.setMinimumIdle(0);
        c.setIdleTimeout(settings.idleTimeout().toMillis());
        c.setMaxLifetime(settings.maxLifetime().toMillis());
        c.setConnectionTimeout(settings.borrowTimeout().toMillis());
        c.setValidationTimeout(5_000);
        c.setInitializationFailTimeout(-1); // never connect at construction: the first borrow does
        c.setAutoCommit(false); // every statement runs in a transaction the executor ends
        c.setReadOnly(readOnly);
        c.setKeepaliveTime(0);
        return new HikariDataSource(c);
    }

    /** Closes pools nobody borrowed from for {@code closeIdlePoolAfter}. Returns how many were closed. */
    public int closeIdle() {
        long limit = settings.closeIdlePoolAfter().toNanos();
        long now = System.nanoTime();
        int n = 0;
        for (Iterator<Pool> it = pools.values().iterator(); it.hasNext();) {
            Pool p = it.next();
            if (now - p.lastUsedNanos > limit && p.dataSource.getHikariPoolMXBean() != null
                    && p.dataSource.getHikariPoolMXBean().getActiveConnections() == 0) {
                it.remove();
                byTarget.values().removeIf(v -> v == p);
                p.dataSource.close();
                n++;
            }
        }
        return n;
    }

    /** Retires every idle connection now and every borrowed one when it comes back (new logins follow). */
    public void retireConnections() {
        for (Pool p : pools.values()) {
            if (p.dataSource.getHikariPoolMXBean() != null) {
                p.dataSource.getHikariPoolMXBean().softEvictConnections();
            }
        }
    }

    /** How many pools are open. */
    public int size() {
        return pools.size();
    }

    private void forget(Pool pool) {
        byTarget.values().removeIf(v -> v == pool);
    }

    @Override
    public void close() {
        closed = true;
        for (Pool p : pools.values()) {
            p.dataSource.close();
        }
        pools.clear();
        byTarget.clear();
    }
}
