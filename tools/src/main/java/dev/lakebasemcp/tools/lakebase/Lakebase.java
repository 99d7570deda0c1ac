package dev.lakebasemcp.tools.lakebase;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.service.iam.MeRequest;
import com.databricks.sdk.service.postgres.PostgresAPI;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The one way to Lakebase: databricks-sdk-java's WorkspaceClient, pointed at a workspace or at Lakebase
 * Local. Created on first use so that start-up (and the MCP initialize answer) never waits for it.
 */
public final class Lakebase {

    /** Which Lakebase answers; its wire name appears in every result. */
    public enum Kind {
        LOCAL("lakebase-local"), DATABRICKS("databricks");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    private final Kind kind;
    private final Supplier<DatabricksConfig> config;
    private volatile WorkspaceClient client;
    private volatile String userName;

    /** {@code config} is called once, on first use, and may block (Lakebase Local starting). */
    public Lakebase(Kind kind, Supplier<DatabricksConfig> config) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.config = Objects.requireNonNull(config, "config");
    }

    public Kind kind() {
        return kind;
    }

    public WorkspaceClient workspace() {
        WorkspaceClient c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) {
                    c = new WorkspaceClient(config.get());
                    client = c;
                }
            }
        }
        return c;
    }

    /**
     * Loads and links the SDK's client classes by building a WorkspaceClient that is never used: a PAT
     * configuration for an address nothing listens on, so no network call and no credential lookup is made.
     * Run in the background while the agent has not called yet (and Lakebase Local starts), it takes 0.5-0.6 s of
     * class loading off the first call. Harmless if the real client is built at the same time.
     */
    public static void preloadSdk() {
        new WorkspaceClient(new DatabricksConfig().setHost("http://127.0.0.1:9").setToken("preload")
                .setAuthType("pat"));
    }

    public PostgresAPI postgres() {
        return workspace().postgres();
    }

    public String host() {
        return workspace().config().getHost();
    }

    /** The identity calls act as: a user's e-mail or a service principal's application id. Cached. */
    public String userName() {
        String u = userName;
        if (u == null) {
            u = workspace().currentUser().me(new MeRequest()).getUserName();
            userName = u;
        }
        return u;
    }
}
