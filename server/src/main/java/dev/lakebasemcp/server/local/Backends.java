package dev.lakebasemcp.server.local;

import com.databricks.sdk.core.DatabricksConfig;
import dev.lakebasemcp.emulator.LakebaseLocal;
import dev.lakebasemcp.emulator.LocalConfig;
import dev.lakebasemcp.server.cli.Options;
import dev.lakebasemcp.tools.lakebase.Lakebase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses where calls go: a Databricks workspace when one is configured (--profile, DATABRICKS_HOST, or a
 * DEFAULT profile in ~/.databrickscfg), otherwise Lakebase Local. Decided from the environment alone, without
 * loading the SDK, so the choice costs nothing at start-up.
 */
public final class Backends implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Backends.class);

    private final Lakebase lakebase;
    private final String description;
    private final CompletableFuture<LakebaseLocal> local;
    private Thread starter;
    private boolean preloading;
    private boolean closed;

    private Backends(Lakebase lakebase, String description, CompletableFuture<LakebaseLocal> local) {
        this.lakebase = lakebase;
        this.description = description;
        this.local = local;
    }

    public static Backends choose(Options options, Map<String, String> env) {
        if (!options.local()) {
            if (options.profile().isPresent()) {
                String profile = options.profile().get();
                return new Backends(new Lakebase(Lakebase.Kind.DATABRICKS, () -> new DatabricksConfig().setProfile(profile)),
                        "Databricks workspace from profile '" + profile + "'", null);
            }
            if (env.get("DATABRICKS_HOST") != null && !env.get("DATABRICKS_HOST").isBlank()) {
                return new Backends(new Lakebase(Lakebase.Kind.DATABRICKS, DatabricksConfig::new),
                        "Databricks workspace " + env.get("DATABRICKS_HOST") + " (DATABRICKS_HOST)", null);
            }
            String envProfile = env.get("DATABRICKS_CONFIG_PROFILE");
            if (envProfile != null && !envProfile.isBlank()) {
                return new Backends(new Lakebase(Lakebase.Kind.DATABRICKS, DatabricksConfig::new),
                        "Databricks workspace from profile '" + envProfile + "' (DATABRICKS_CONFIG_PROFILE)", null);
            }
            if (hasDefaultProfile(env)) {
                return new Backends(new Lakebase(Lakebase.Kind.DATABRICKS, DatabricksConfig::new),
                        "Databricks workspace from the DEFAULT profile in ~/.databrickscfg", null);
            }
        }
        CompletableFuture<LakebaseLocal> local = new CompletableFuture<>();
        Path dataDir = options.dataDir();
        Lakebase lakebase = new Lakebase(Lakebase.Kind.LOCAL, () -> {
            LakebaseLocal l = awaitLocal(local);
            return new DatabricksConfig().setHost(l.url()).setToken(l.token()).setAuthType("pat");
        });
        return new Backends(lakebase, "Lakebase Local (embedded emulator, data in " + dataDir + ")", local);
    }

    /**
     * Starts Lakebase Local in the background, if that is the backend, and loads the Databricks SDK's classes
     * beside it (either backend), so that the first tool call finds both ready. Called after the transport is up,
     * so the MCP initialize answer never waits for PostgreSQL or the SDK.
     */
    public synchronized void startInBackground(Options options) {
        // Off in the launcher's cache-training run: what that run loads is what every start loads up front, so
        // it must be the start-up path alone, not whatever a background thread reached before the exit.
        if (!preloading && !closed && !"false".equals(System.getProperty("lakebasemcp.preload"))) {
            preloading = true;
            Thread p = new Thread(() -> {
                try {
                    Lakebase.preloadSdk();
                } catch (Throwable e) {
                    LOG.debug("preloading the Databricks SDK", e); // the first call loads it instead
                }
            }, "lakebase-sdk-preload");
            p.setDaemon(true);
            p.setPriority(Thread.MIN_PRIORITY);
            p.start();
        }
        if (local == null || starter != null) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                local.complete(LakebaseLocal.start(LocalConfig.defaults().withDataDir(options.dataDir())));
                warmUp(lakebase);
            } catch (Throwable e) {
                LOG.error("Lakebase Local failed to start: {}", e.toString());
                local.completeExceptionally(e);
            }
        }, "lakebase-local-start");
        t.setDaemon(true);
        starter = t;
        t.start();
    }

    /**
     * Lakebase Local is up and the agent has not called yet (a model thinks for seconds): make the SDK client
     * the first call will use and ask Lakebase Local who we are (the pools and the audit log need it anyway),
     * so that the client's HTTP and JSON paths have run once. Only ever against our own emulator: a workspace
     * is not contacted before a tool asks (its authentication may be interactive).
     */
    private static void warmUp(Lakebase lakebase) {
        try {
            lakebase.userName();
        } catch (RuntimeException e) {
            LOG.debug("warming up the SDK client against Lakebase Local", e); // the first call does it instead
        }
    }

    private static LakebaseLocal awaitLocal(CompletableFuture<LakebaseLocal> local) {
        try {
            return local.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("Lakebase Local could not start: " + e.getCause().getMessage(), e.getCause());
        }
    }

    public Lakebase lakebase() {
        return lakebase;
    }

    public String description() {
        return description;
    }

    public boolean isLocal() {
        return local != null;
    }

    private static boolean hasDefaultProfile(Map<String, String> env) {
        String file = env.getOrDefault("DATABRICKS_CONFIG_FILE",
                Paths.get(System.getProperty("user.home"), ".databrickscfg").toString());
        try {
            Path p = Paths.get(file);
            if (!Files.isRegularFile(p)) {
                return false;
            }
            boolean inDefault = false;
            for (String line : Files.readAllLines(p)) {
                String l = line.trim();
                if (l.startsWith("[")) {
                    inDefault = l.equalsIgnoreCase("[DEFAULT]");
                } else if (inDefault && l.matches("(?i)host\\s*=\\s*\\S+.*")) {
                    return true;
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("reading {}", file, e);
        }
        return false;
    }

    /** Stops Lakebase Local, waiting for a start still under way so that no PostgreSQL is left running. */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            t = starter;
        }
        if (t == null) {
            return;
        }
        try {
            t.join(120_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (local.isDone() && !local.isCompletedExceptionally()) {
            local.join().close();
        }
    }
}
