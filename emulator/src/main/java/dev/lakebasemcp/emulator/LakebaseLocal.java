package dev.lakebasemcp.emulator;

import dev.lakebasemcp.emulator.api.ApiServer;
import dev.lakebasemcp.emulator.cluster.ClusterException;
import dev.lakebasemcp.emulator.cluster.ClusterHome;
import dev.lakebasemcp.emulator.cluster.PgCluster;
import dev.lakebasemcp.emulator.cluster.PostgresBinaries;
import dev.lakebasemcp.emulator.model.Branch;
import dev.lakebasemcp.emulator.model.Endpoint;
import dev.lakebasemcp.emulator.model.OperationRecord;
import dev.lakebasemcp.emulator.model.Project;
import dev.lakebasemcp.emulator.operation.BranchOperations;
import dev.lakebasemcp.emulator.operation.ClusterFleet;
import dev.lakebasemcp.emulator.operation.Credentials;
import dev.lakebasemcp.emulator.operation.EndpointOperations;
import dev.lakebasemcp.emulator.operation.LocalWorkspace;
import dev.lakebasemcp.emulator.operation.OperationRunner;
import dev.lakebasemcp.emulator.operation.PostgresObjects;
import dev.lakebasemcp.emulator.operation.ProjectOperations;
import dev.lakebasemcp.emulator.store.Change;
import dev.lakebasemcp.emulator.store.MetadataStore;
import dev.lakebasemcp.emulator.store.PostgresMetadataStore;
import dev.lakebasemcp.emulator.store.StoreException;
import java.io.IOException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lakebase Local: the Lakebase Autoscaling REST API on 127.0.0.1, backed by real PostgreSQL 17 clusters,
 * so that databricks-sdk-java's {@code WorkspaceClient.postgres()} works against it unchanged:
 * <pre>{@code
 * try (LakebaseLocal local = LakebaseLocal.start(LocalConfig.defaults())) {
 *     WorkspaceClient w = new WorkspaceClient(new DatabricksConfig().setHost(local.url()).setToken(local.token()));
 * }
 * }</pre>
 * Metadata lives in a control cluster of its own; a restart on the same data directory brings every
 * resource and endpoint back, and finishes or fails cleanly what a killed process left half-done.
 */
public final class LakebaseLocal implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LakebaseLocal.class);

    private final LocalConfig config;
    private final String token;
    private final PgCluster control;
    private final MetadataStore store;
    private final ClusterFleet fleet;
    private final OperationRunner runner;
    private final ApiServer api;

    private LakebaseLocal(LocalConfig config, String token, PgCluster control, MetadataStore store, ClusterFleet fleet,
            OperationRunner runner, ApiServer api) {
        this.config = config;
        this.token = token;
        this.control = control;
        this.store = store;
        this.fleet = fleet;
        this.runner = runner;
        this.api = api;
    }

    public static LakebaseLocal start(LocalConfig config) throws IOException {
        Path dataDir = config.dataDir().toAbsolutePath().normalize();
        Files.createDirectories(dataDir);
        String token = LocalSecret.readOrCreate(dataDir.resolve("token"), "lbl_");
        String superuserPassword = LocalSecret.readOrCreate(dataDir.resolve("superuser-password"), "");
        PgCluster control = null;
        MetadataStore store = null;
        ClusterFleet fleet = null;
        OperationRunner runner = null;
        try {
            Path home = ClusterHome.forDataDir(dataDir);
            PostgresBinaries binaries = PostgresBinaries.unpack(binariesCache());
            control = controlCluster(binaries, home.resolve("control"), superuserPassword);
            PgCluster controlCluster = control;
            store = new PostgresMetadataStore(() -> {
                try {
                    return controlCluster.connectAsSuperuser("postgres");
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot reach the control cluster", e);
                }
            });
            fleet = new ClusterFleet(binaries, home.resolve("clusters"), superuserPassword);
            runner = new OperationRunner(store, fleet, config.answerWithin());
            recover(store, fleet, runner);
            startEndpoints(store, fleet);
            LocalWorkspace ws = new LocalWorkspace(store, fleet, runner, Clock.systemUTC(), config.userName());
            ApiServer api = new ApiServer(config.port(), token, config.userName(), new ProjectOperations(ws),
                    new BranchOperations(ws), new EndpointOperations(ws), new PostgresObjects(ws),
                    new Credentials(ws, config.credentialLifetime()), store);
            LakebaseLocal local = new LakebaseLocal(config.withDataDir(dataDir), token, control, store, fleet, runner,
                    api);
            LOG.info("Lakebase Local serving {} for {} (data {}, token in {})", local.url(), config.userName(),
                    dataDir, dataDir.resolve("token"));
            return local;
        } catch (ClusterException | StoreException | RuntimeException e) {
            if (runner != null) {
                runner.close();
            }
            if (fleet != null) {
                fleet.close();
            }
            if (store != null) {
                store.close();
            }
            if (control != null) {
                try {
                    control.stop();
                } catch (ClusterException stop) {
                    e.addSuppressed(stop);
                }
            }
            throw new IOException("Lakebase Local could not start on " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /** One unpacked copy of the PostgreSQL binaries per machine user, where the server user can reach it. */
    private static Path binariesCache() throws ClusterException {
        return ClusterHome.forDataDir(Path.of(System.getProperty("user.home"), ".lakebase-mcp", "postgres-binaries"));
    }

    /** The control cluster; a directory a crash left half-made on the very first start is made again. */
    private static PgCluster controlCluster(PostgresBinaries binaries, Path dir, String password)
            throws ClusterException {
        Path data = dir.resolve("data");
        Path archive = dir.resolve("archive");
        PgCluster cluster;
        if (Files.exists(data)) {
            try {
                cluster = PgCluster.open(binaries, data, archive, password);
            } catch (ClusterException e) {
                if (!String.valueOf(e.getMessage()).contains("not a complete")) {
                    throw e;
                }
                LOG.warn("control cluster in {} was never completed; making it again", data);
                PgCluster.discard(binaries, data, archive);
                cluster = PgCluster.create(binaries, data, archive, password);
            }
        } else {
            cluster = PgCluster.create(binaries, data, archive, password);
        }
        cluster.start(0);
        return cluster;
    }

    /**
     * Fails what a previous process left half-done (removing what it made), puts branches a reset left
     * RESETTING back to READY, and deletes every cluster directory no resource refers to.
     */
    private static void recover(MetadataStore store, ClusterFleet fleet, OperationRunner runner)
            throws StoreException, IOException {
        List<OperationRecord> failed = runner.recover(op -> {
            if (op.action().equals("reset")) {
                store.find(op.target(), Branch.class).ifPresent(b -> {
                    try {
                        store.apply(new Change().put(b.name(), b.parent(),
                                b.withState(Branch.READY, java.time.Instant.now())));
                    } catch (StoreException e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
        });
        Set<String> orphans = new HashSet<>(fleet.onDisk());
        orphans.removeAll(store.referencedClusterIds());
        for (String id : orphans) {
            LOG.info("removing cluster {}: no resource refers to it", id);
            fleet.destroy(id);
        }
        if (!failed.isEmpty() || !orphans.isEmpty()) {
            LOG.info("recovered: {} interrupted operation(s) failed, {} orphaned cluster(s) removed", failed.size(),
                    orphans.size());
        }
    }

    /**
     * Starts every endpoint's cluster on its stored port: the read-write ones first, since standbys need them,
     * each group side by side (a start is mostly postgres recovering and opening its port, not our CPU; one
     * by one, each project added about 0.1 s to the first call of every session).
     */
    private static void startEndpoints(MetadataStore store, ClusterFleet fleet) {
        List<Endpoint> readWrite = new ArrayList<>();
        List<Endpoint> readOnly = new ArrayList<>();
        for (Project p : store.children("", Project.class)) {
            for (Branch b : store.children(p.name(), Branch.class)) {
                for (Endpoint e : store.children(b.name(), Endpoint.class)) {
                    (e.readWrite() ? readWrite : readOnly).add(e);
                }
            }
        }
        startSideBySide(fleet, readWrite);
        startSideBySide(fleet, readOnly);
    }

    /** At most {@link #PARALLEL_STARTS} at a time; returns when all have started or failed. */
    private static void startSideBySide(ClusterFleet fleet, List<Endpoint> endpoints) {
        if (endpoints.size() <= 1) {
            endpoints.forEach(e -> startEndpoint(fleet, e));
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL_STARTS, endpoints.size()), r -> {
            Thread t = new Thread(r, "lakebase-local-start-endpoint");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> started = new ArrayList<>();
            for (Endpoint e : endpoints) {
                started.add(pool.submit(() -> startEndpoint(fleet, e)));
            }
            for (Future<?> f : started) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    LOG.warn("starting an endpoint failed: {}", e.getCause().toString());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        } finally {
            pool.shutdown();
        }
    }

    /** How many endpoint clusters start at once. */
    private static final int PARALLEL_STARTS = 4;

    private static void startEndpoint(ClusterFleet fleet, Endpoint e) {
        try {
            fleet.start(e.clusterId(), e.port());
        } catch (ClusterException | RuntimeException ex) {
            LOG.warn("endpoint {} could not start on port {}: {}", e.name(), e.port(), ex.getMessage());
        }
    }

    /** {@code http://127.0.0.1:PORT}, the host for {@code DatabricksConfig.setHost}. */
    public String url() {
        return "http://127.0.0.1:" + api.port();
    }

    /** The local bearer token, the same across restarts on one data directory. */
    public String token() {
        return token;
    }

    public String userName() {
        return config.userName();
    }

    public Path dataDir() {
        return config.dataDir();
    }

    /** Stops the HTTP server, waits for running operations, then stops every cluster. */
    @Override
    public void close() {
        api.close();
        runner.close();
        fleet.close();
        store.close();
        try {
            control.stop();
        } catch (ClusterException e) {
            LOG.warn("control cluster did not stop: {}", e.getMessage());
        }
    }

    /** Standalone: {@code --data-dir DIR} and {@code --port N}; prints the URL and token on stderr. */
    public static void main(String[] args) throws Exception {
        LocalConfig config = LocalConfig.defaults();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if ((flag.equals("--data-dir") || flag.equals("--port")) && i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            switch (flag) {
                case "--data-dir": config = config.withDataDir(Path.of(args[++i])); break;
                case "--port": config = config.withPort(Integer.parseInt(args[++i])); break;
                default: throw new IllegalArgumentException("unknown flag " + flag + "; flags: --data-dir DIR, --port N");
            }
        }
        LakebaseLocal local = start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            local.close();
            stopped.countDown();
        }, "lakebase-local-shutdown"));
        System.err.println("Lakebase Local listening on " + local.url());
        System.err.println("DATABRICKS_HOST=" + local.url());
        System.err.println("DATABRICKS_TOKEN=" + local.token());
        System.err.flush();
        stopped.await();
    }

}
