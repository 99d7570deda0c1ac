package dev.lakebasemcp.tools.query;

import com.databricks.sdk.service.postgres.DatabaseCredential;
import com.databricks.sdk.service.postgres.GenerateDatabaseCredentialRequest;
import dev.lakebasemcp.tools.lakebase.Lakebase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Database credentials (the Postgres password is an OAuth token from {@code generateDatabaseCredential}), one
 * per endpoint, fetched through the SDK and refreshed shortly before they expire: 2 minutes before, or a
 * quarter of the lifetime when that is shorter. Concurrent callers share one refresh (what
 * {@code @databricks/lakebase} does through node-postgres' password callback). Only new connections need
 * a fresh one: Postgres checks the password at login.
 */
public final class DatabaseCredentials {

    private static final Duration MARGIN = Duration.ofMinutes(2);

    private record Issued(String token, Instant fetched, Instant expires) {
        boolean due(Instant now) {
            Duration lifetime = Duration.between(fetched, expires);
            Duration margin = lifetime.dividedBy(4).compareTo(MARGIN) < 0 ? lifetime.dividedBy(4) : MARGIN;
            return !now.isBefore(expires.minus(margin));
        }
    }

    private final Lakebase lakebase;
    private final Clock clock;
    private final Map<String, Issued> current = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger fetches = new java.util.concurrent.atomic.AtomicInteger();

    public DatabaseCredentials(Lakebase lakebase, Clock clock) {
        this.lakebase = lakebase;
        this.clock = clock;
    }

    /** The token to log in with on {@code endpoint} now; fetches a new one when the current one is due. */
    public String token(String endpoint) {
        Issued i = current.get(endpoint);
        if (i != null && !i.due(clock.instant())) {
            return i.token();
        }
        synchronized (locks.computeIfAbsent(endpoint, k -> new Object())) {
            i = current.get(endpoint);
            if (i != null && !i.due(clock.instant())) {
                return i.token();
            }
            return fetch(endpoint).token();
        }
    }

    /**
     * A login with {@code rejected} failed: fetch a new token unless another caller already replaced it.
     * Returns the token to try next.
     */
    public String replace(String endpoint, String rejected) {
        synchronized (locks.computeIfAbsent(endpoint, k -> new Object())) {
            Issued i = current.get(endpoint);
            if (i != null && !i.token().equals(rejected) && !i.due(clock.instant())) {
                return i.token();
            }
            return fetch(endpoint).token();
        }
    }

    /** When the current token for {@code endpoint} expires, if one was fetched. */
    public Instant expires(String endpoint) {
        Issued i = current.get(endpoint);
        return i == null ? null : i.expires();
    }

    /** How many credentials were fetched from Lakebase so far. */
    public int fetches() {
        return fetches.get();
    }

    private Issued fetch(String endpoint) {
        fetches.incrementAndGet();
        // No ttl: the service's default lifetime (1 hour on Databricks).
        DatabaseCredential c = lakebase.postgres().generateDatabaseCredential(
                new GenerateDatabaseCredentialRequest().setEndpoint(endpoint));
        Instant now = clock.instant();
        Instant expires = c.getExpireTime() == null ? now.plus(Duration.ofMinutes(15))
                : Instant.ofEpochSecond(c.getExpireTime().getSeconds(), c.getExpireTime().getNanos());
        Issued issued = new Issued(c.getToken(), now, expires);
        current.put(endpoint, issued);
        return issued;
    }
}
