package dev.lakebasemcp.tools.query;

import java.io.PrintWriter;
import java.net.ConnectException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.postgresql.Driver;

/**
 * Connections to one database on one endpoint as one role, for HikariCP. Each new connection logs in with
 * the current database credential (so a pool lives longer than any token), and a refused connection (a
 * compute waking from zero) is retried with backoff for a bounded time.
 */
final class LakebaseDataSource implements DataSource {

    private static final Driver DRIVER = new Driver();

    private final String endpoint;
    private final String url;
    private final String user;
    private final DatabaseCredentials credentials;
    private final long wakeMillis;
    private final Limits defaults;
    private volatile int loginTimeoutSeconds;

    /** @param wakeMillis how long refused connections are retried before giving up */
    LakebaseDataSource(String endpoint, String host, int port, String database, String user,
            DatabaseCredentials credentials, long wakeMillis, Limits defaults) {
        this.endpoint = endpoint;
        this.url = "jdbc:postgresql://" + host + ":" + port + "/" + database;
        this.user = user;
        this.credentials = credentials;
        this.wakeMillis = wakeMillis;
        this.defaults = defaults;
    }

    @Override
    public Connection getConnection() throws SQLException {
        long deadline = System.nanoTime() + wakeMillis * 1_000_000L;
        long backoff = 25;
        String token = credentials.token(endpoint);
        boolean replaced = false;
        while (true) {
            try {
                Connection c = DRIVER.connect(url, properties(token));
                try {
                    SessionSetup.apply(c, defaults);
                } catch (SQLException e) {
                    c.close();
                    throw e;
                }
                return c;
            } catch (SQLException e) {
                if (refused(e) && System.nanoTime() + backoff * 1_000_000L < deadline) {
                    sleep(backoff);
                    backoff = Math.min(backoff * 2, 1000);
                } else if ("28P01".equals(e.getSQLState()) && !replaced) {
                    // The token expired or was replaced between fetch and login: one more try with a new one.
                    token = credentials.replace(endpoint, token);
                    replaced = true;
                } else {
                    throw e;
                }
            }
        }
    }

    private Properties properties(String token) {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", token);
        p.setProperty("sslmode", "require");
        p.setProperty("ApplicationName", "lakebase-mcp");
        // Text results only: values are rendered from Postgres' own text output (see shape.CellFormat).
        p.setProperty("binaryTransfer", "false");
        // Bind values go untyped, so the server infers them as it would a literal.
        p.setProperty("stringtype", "unspecified");
        p.setProperty("connectTimeout", "10"); // loginTimeout would cost a thread per connection
        p.setProperty("tcpKeepAlive", "true");
        p.setProperty("assumeMinServerVersion", "14");
        return p;
    }

    /** Nothing listens yet: the compute is starting (scale-to-zero wake-up, or a restart). */
    static boolean refused(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return true;
            }
        }
        // 57P03: the database system is starting up / shutting down.
        return "57P03".equals(e.getSQLState());
    }

    private static void sleep(long millis) throws SQLException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for the compute to accept connections", "08001", e);
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the user and password come from Lakebase");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
        loginTimeoutSeconds = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeoutSeconds;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper for " + iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
