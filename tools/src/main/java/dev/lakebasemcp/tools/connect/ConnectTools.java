package dev.lakebasemcp.tools.connect;

import com.databricks.sdk.service.postgres.DatabaseCredential;
import com.databricks.sdk.service.postgres.Endpoint;
import com.databricks.sdk.service.postgres.GenerateDatabaseCredentialRequest;
import dev.lakebasemcp.tools.call.Arguments;
import dev.lakebasemcp.tools.call.CallContext;
import dev.lakebasemcp.tools.call.ToolHandler;
import dev.lakebasemcp.tools.call.ToolResult;
import dev.lakebasemcp.tools.lakebase.Defaults;
import dev.lakebasemcp.tools.lakebase.Lakebase;
import dev.lakebasemcp.tools.lakebase.Names;
import dev.lakebasemcp.tools.lakebase.Views;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Handlers for get_connection_string and generate_database_credential. */
public final class ConnectTools {

    private final Lakebase lakebase;
    private final Defaults defaults;

    public ConnectTools(Lakebase lakebase) {
        this.lakebase = lakebase;
        this.defaults = new Defaults(lakebase);
    }

    public void register(Map<String, ToolHandler> handlers) {
        handlers.put("get_connection_string", this::connectionString);
        handlers.put("generate_database_credential", this::credential);
    }

    /** Where to connect: host and port of an endpoint, as Lakebase reports it. */
    public Views.HostPort address(String endpointName) {
        Endpoint e = lakebase.postgres().getEndpoint(endpointName);
        String host = e.getStatus() == null || e.getStatus().getHosts() == null ? null : e.getStatus().getHosts().getHost();
        return Views.HostPort.parse(host);
    }

    /** A fresh credential for the caller on an endpoint. */
    public DatabaseCredential credential(String endpointName, long ttlSeconds) {
        return lakebase.postgres().generateDatabaseCredential(new GenerateDatabaseCredentialRequest()
                .setEndpoint(endpointName)
                .setTtl(com.google.protobuf.Duration.newBuilder().setSeconds(ttlSeconds).build()));
    }

    ToolResult connectionString(Arguments args, CallContext ctx) {
        String projectId = args.requiredString("project_id");
        String endpoint = Names.endpoint(projectId, defaults.branchId(args), defaults.endpointId(args));
        Views.HostPort hp = address(endpoint);
        String db = args.string("database").orElse(Names.DEFAULT_DATABASE);
        String user = lakebase.userName();
        String password = null;
        String expires = null;
        if (args.bool("include_password").orElse(false)) {
            DatabaseCredential c = credential(endpoint, 3600);
            password = c.getToken();
            expires = timestamp(c);
        }
        String format = args.string("format").orElse("uri");
        String cs = format(format, hp, db, user, password);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("host", hp.host());
        out.put("port", hp.port());
        out.put("database", db);
        out.put("user", user);
        out.put("connection_string", cs);
        if (expires != null) {
            out.put("password_expires", expires);
        }
        String text = "Connection (" + format + "):\n" + cs
                + (password == null ? "\nPassword: a short-lived credential from generate_database_credential."
                        : "\nThe password expires at " + expires + "; it is a secret: do not echo it.");
        return ToolResult.ok(out, text);
    }

    ToolResult credential(Arguments args, CallContext ctx) {
        String projectId = args.requiredString("project_id");
        String endpoint = Names.endpoint(projectId, defaults.branchId(args), defaults.endpointId(args));
        DatabaseCredential c = credential(endpoint, args.integer("ttl_seconds").orElse(3600L));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("token", c.getToken());
        out.put("expire_time", timestamp(c));
        out.put("user", lakebase.userName());
        return ToolResult.ok(out, "Credential for " + lakebase.userName() + " on " + Names.lastId(endpoint)
                + ", expires " + timestamp(c) + ". It is in the structured result's token field; treat it as a secret.");
    }

    private static String timestamp(DatabaseCredential c) {
        return c.getExpireTime() == null ? null
                : Instant.ofEpochSecond(c.getExpireTime().getSeconds(), c.getExpireTime().getNanos()).toString();
    }

    static String format(String format, Views.HostPort hp, String db, String user, String password) {
        String enc = URLEncoder.encode(user, StandardCharsets.UTF_8);
        switch (format) {
            case "jdbc":
                return "jdbc:postgresql://" + hp.host() + ":" + hp.port() + "/" + db + "?sslmode=require&user=" + enc
                        + (password == null ? "" : "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8));
            case "psql":
                return "psql \"host=" + hp.host() + " port=" + hp.port() + " dbname=" + db + " user=" + user
                        + " sslmode=require\"" + (password == null ? "" : " # PGPASSWORD=" + password);
            case "env":
                return "PGHOST=" + hp.host() + "\nPGPORT=" + hp.port() + "\nPGDATABASE=" + db + "\nPGUSER=" + user
                        + "\nPGSSLMODE=require" + (password == null ? "" : "\nPGPASSWORD=" + password);
            default:
                return "postgresql://" + enc + (password == null ? "" : ":" + URLEncoder.encode(password, StandardCharsets.UTF_8))
                        + "@" + hp.host() + ":" + hp.port() + "/" + db + "?sslmode=require";
        }
    }
}
