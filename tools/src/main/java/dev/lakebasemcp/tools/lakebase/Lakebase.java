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
     * Loads, links and initializes the classes a WorkspaceClient is made of (one API and one implementation
     * class per service, several hundred in all) without making one: building a client resolves its
     * configuration, which fetches host metadata and OAuth endpoints over the network. Run in the background
     * while the agent has not called yet (and Lakebase Local starts), it takes most of the 0.5-0.6 s of class
     * loading off the first call. Harmless if the real client is built at the same time.
     */
    public static void preloadSdk() {
        ClassLoader loader = WorkspaceClient.class.getClassLoader();
        for (String core : CORE) {
            initialize(core, loader);
        }
        for (java.lang.reflect.Field f : WorkspaceClient.class.getDeclaredFields()) {
            String api = f.getType().getName();
            if (api.startsWith("com.databricks.sdk.service.")) {
                initialize(api, loader);
                if (api.endsWith("API")) {
                    initialize(api.substring(0, api.length() - 3) + "Impl", loader);
                }
            }
        }
    }

    /** What every client resolves and calls through, beside the per-service classes. */
    private static final java.util.List<String> CORE = java.util.List.of("com.databricks.sdk.core.DatabricksConfig",
            "com.databricks.sdk.core.ConfigLoader", "com.databricks.sdk.core.DefaultCredentialsProvider",
            "com.databricks.sdk.core.ApiClient", "com.databricks.sdk.core.commons.CommonsHttpClient",
            "com.databricks.sdk.core.http.Request", "com.databricks.sdk.core.utils.SerDeUtils");

    private static void initialize(String className, ClassLoader loader) {
        try {
            Class.forName(className, true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            // not every API has an Impl of that name: nothing to load
        }
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
