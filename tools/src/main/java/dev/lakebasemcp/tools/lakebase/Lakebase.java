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
