package dev.lakebasemcp.emulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to run Lakebase Local.
 *
 * @param dataDir            where metadata, clusters and the local token live; default ~/.lakebase-mcp/local
 * @param port               the HTTP port on 127.0.0.1; 0 picks a free one
 * @param credentialLifetime how long a database credential lives when the request names no ttl; default
 *                           1 hour (tests shorten it to watch one expire)
 * @param userName           the one local user, SCIM {@code Me} and the owner of every project
 * @param answerWithin       how long a create/update/delete waits for its work before answering with a
 *                           running operation
 */
public record LocalConfig(Path dataDir, int port, Duration credentialLifetime, String userName,
        Duration answerWithin) {

    public LocalConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(credentialLifetime, "credentialLifetime");
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(answerWithin, "answerWithin");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535, got " + port);
        }
        if (credentialLifetime.isNegative() || credentialLifetime.isZero()) {
            throw new IllegalArgumentException("credentialLifetime must be positive, got " + credentialLifetime);
        }
        if (userName.isBlank() || userName.length() > 63) {
            throw new IllegalArgumentException("userName must be 1-63 characters (a Postgres role name), got '"
                    + userName + "'");
        }
        if (answerWithin.isNegative()) {
            throw new IllegalArgumentException("answerWithin must not be negative, got " + answerWithin);
        }
    }

    public static Path defaultDataDir() {
        return Path.of(System.getProperty("user.home"), ".lakebase-mcp", "local");
    }

    public static String defaultUserName() {
        String user = System.getProperty("user.name", "user").toLowerCase().replaceAll("[^a-z0-9._-]", "");
        return (user.isEmpty() ? "user" : user) + "@lakebase.local";
    }

    /** Defaults: ~/.lakebase-mcp/local, a free port, 1 hour credentials, {@code <os user>@lakebase.local}. */
    public static LocalConfig defaults() {
        return new LocalConfig(defaultDataDir(), 0, Duration.ofHours(1), defaultUserName(), Duration.ofSeconds(5));
    }

    public LocalConfig withDataDir(Path newDataDir) {
        return new LocalConfig(newDataDir, port, credentialLifetime, userName, answerWithin);
    }

    public LocalConfig withPort(int newPort) {
        return new LocalConfig(dataDir, newPort, credentialLifetime, userName, answerWithin);
    }

    public LocalConfig withCredentialLifetime(Duration lifetime) {
        return new LocalConfig(dataDir, port, lifetime, userName, answerWithin);
    }

    public LocalConfig withUserName(String newUserName) {
        return new LocalConfig(dataDir, port, credentialLifetime, newUserName, answerWithin);
    }

    public LocalConfig withAnswerWithin(Duration wait) {
        return new LocalConfig(dataDir, port, credentialLifetime, userName, wait);
    }
}
