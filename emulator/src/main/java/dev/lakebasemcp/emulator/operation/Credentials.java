package dev.lakebasemcp.emulator.operation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakebasemcp.emulator.model.ApiError;
import dev.lakebasemcp.emulator.model.Branch;
import dev.lakebasemcp.emulator.model.Endpoint;
import dev.lakebasemcp.emulator.model.Names;
import dev.lakebasemcp.emulator.model.Refusal;
import dev.lakebasemcp.emulator.model.Role;
import dev.lakebasemcp.emulator.model.WireFormat;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;

/**
 * {@code generateDatabaseCredential}: a random token that becomes the caller's Postgres password with
 * {@code VALID UNTIL} its expiry, so scram-sha-256 login checks it and expiry is real.
 *
 * <p>A role has one password, so a new token would lock out the previous one for new logins. While the
 * current token still has at least half the asked lifetime left it is handed out again (with its own
 * expire_time), so concurrent clients do not lock each other out. Tokens live only in memory.
 */
public final class Credentials {

    private static final Pattern ENDPOINT = Pattern.compile(
            "^projects/([^/]+)/branches/([^/]+)/endpoints/([^/]+)$");
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Issued(String token, Instant expireTime) {
    }

    private final LocalWorkspace ws;
    private final Duration defaultLifetime;
    private final Map<String, Issued> current = new ConcurrentHashMap<>();

    public Credentials(LocalWorkspace ws, Duration defaultLifetime) {
        this.ws = ws;
        this.defaultLifetime = defaultLifetime;
    }

    public JsonNode generate(JsonNode body) throws Refusal {
        String endpointName = LocalWorkspace.text(body, "endpoint");
        if (endpointName == null) {
            throw new Refusal(ApiError.required("endpoint"));
        }
        Matcher m = ENDPOINT.matcher(endpointName);
        if (!m.matches()) {
            throw new Refusal(ApiError.invalid("Field 'endpoint' must be an endpoint name like"
                    + " projects/<project_id>/branches/<branch_id>/endpoints/<endpoint_id>, got '" + endpointName + "'"));
        }
        Endpoint endpoint = ws.endpoint(m.group(1), m.group(2), m.group(3));
        Instant now = ws.now();
        Duration lifetime = lifetime(body, now);
        Branch branch = ws.readyBranch(endpoint.projectId(), endpoint.branchId());
        Role caller = ws.store().children(branch.name(), Role.class).stream()
                .filter(r -> r.postgresRole().equals(ws.userName())).findFirst()
                .orElseThrow(() -> new Refusal(ApiError.of(403, "PERMISSION_DENIED", ws.userName()
                        + " has no Postgres role on " + branch.name() + "; create one with create-role")));
        String key = branch.clusterId() + "/" + caller.postgresRole();
        Issued issued = current.get(key);
        if (issued == null || Duration.between(now, issued.expireTime()).compareTo(lifetime.dividedBy(2)) < 0) {
            issued = new Issued(newToken(), now.plus(lifetime));
            setPassword(branch, caller.postgresRole(), issued);
            current.put(key, issued);
        }
        ObjectNode result = WireFormat.MAPPER.createObjectNode();
        result.put("token", issued.token());
        result.put("expire_time", issued.expireTime().toString());
        return result;
    }

    private Duration lifetime(JsonNode body, Instant now) throws Refusal {
        String ttl = LocalWorkspace.text(body, "ttl");
        String expireTime = LocalWorkspace.text(body, "expire_time");
        if (ttl != null) {
            long seconds = WireFormat.parseDuration(ttl).orElseThrow(() -> new Refusal(
                    ApiError.invalid("ttl must be a duration like \"3600s\", got '" + ttl + "'")));
            LakebaseRules.credentialTtl(Duration.ofSeconds(seconds));
            return Duration.ofSeconds(seconds);
        }
        if (expireTime != null) {
            try {
                long seconds = Duration.between(now, Instant.parse(expireTime)).toSeconds();
                LakebaseRules.credentialTtl(Duration.ofSeconds(seconds));
                return Duration.ofSeconds(seconds);
            } catch (DateTimeParseException e) {
                throw new Refusal(ApiError.invalid("expire_time must be an RFC 3339 time, got '" + expireTime + "'"));
            }
        }
        return defaultLifetime;
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * The password goes as a SCRAM verifier computed here (pgjdbc's alterUserPassword), so the token never
     * appears in SQL text or a server log.
     */
    private void setPassword(Branch branch, String role, Issued issued) throws Refusal {
        try (Connection c = ws.superuser(branch, "postgres")) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("ALTER ROLE " + Names.quoteIdent(role) + " VALID UNTIL "
                        + Names.quoteLiteral(issued.expireTime().toString()));
            }
            c.unwrap(PGConnection.class).alterUserPassword(role, issued.token().toCharArray(), "scram-sha-256");
            c.commit();
        } catch (SQLException e) {
            throw new Refusal(ApiError.internal("could not set the credential on " + branch.name() + ": "
                    + e.getSQLState()));
        }
    }
}
