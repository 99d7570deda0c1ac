package dev.lakebasemcp.tools.query;

import dev.lakebasemcp.guardrails.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Migrations prepared and not yet completed or discarded, in this process's memory only: a restart forgets
 * them (their temporary branches then expire by their ttl). Kept here rather than on the temporary branch so
 * that nothing an agent can write with run_sql can change the SQL complete_migration applies.
 */
final class PreparedMigrations {

    /**
     * What complete_migration needs. {@code baseline} is the schema of the temporary branch before the migration
     * ran, that is, of the target when it was copied; {@code failed}: the migration did not apply, the branch was
     * kept to look at and can only be discarded.
     */
    record Prepared(String id, String projectId, String targetBranch, String database, String sql, String digest,
            List<Statement> statements, String tempBranch, SchemaSnapshot baseline, Instant expires, boolean failed) {
        Prepared {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(projectId, "projectId");
            Objects.requireNonNull(targetBranch, "targetBranch");
            Objects.requireNonNull(database, "database");
            Objects.requireNonNull(sql, "sql");
            Objects.requireNonNull(digest, "digest");
            statements = List.copyOf(statements);
            Objects.requireNonNull(tempBranch, "tempBranch");
            Objects.requireNonNull(expires, "expires");
        }
    }

    /** More than this many open migrations means an agent is not completing or discarding them. */
    static final int MAX_OPEN = 50;

    private final Map<String, Prepared> byId = new ConcurrentHashMap<>();

    /** False when {@link #MAX_OPEN} migrations are open already. */
    boolean add(Prepared p) {
        synchronized (byId) {
            if (byId.size() >= MAX_OPEN) {
                return false;
            }
            byId.put(p.id(), p);
            return true;
        }
    }

    /** Removes and returns the migration, so that two calls cannot complete it twice. */
    Optional<Prepared> take(String id) {
        return Optional.ofNullable(byId.remove(id));
    }

    /** The migration, left in place (for describing it). */
    Optional<Prepared> peek(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Puts back a migration that was taken and not finished (refused, or its SQL failed on the target). */
    void putBack(Prepared p) {
        byId.put(p.id(), p);
    }

    /** Forgets migrations whose temporary branch has expired by now. */
    void forgetExpired(Instant now) {
        byId.values().removeIf(p -> p.expires().isBefore(now));
    }

    int size() {
        return byId.size();
    }
}
