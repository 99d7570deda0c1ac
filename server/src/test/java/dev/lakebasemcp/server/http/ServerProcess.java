package dev.lakebasemcp.server.http;

import dev.lakebasemcp.server.DataDirs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged server as a child process on Lakebase Local with its own data directory, for tests that need
 * the real command line: HTTP on a port it picks itself, or raw stdio. Its stderr is collected (and echoed
 * with a prefix); close() stops it and removes the data directory with its clusters.
 */
public final class ServerProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+/mcp)");

    private final Process process;
    private final Path dataDir;
    private final StringBuffer stderr = new StringBuffer();
    private final CountDownLatch stderrDone = new CountDownLatch(1);
    private volatile String url;
    private final CountDownLatch listening = new CountDownLatch(1);

    private ServerProcess(Process process, Path dataDir) {
        this.process = process;
        this.dataDir = dataDir;
        Thread t = new Thread(this::drainStderr, "server-stderr-" + process.pid());
        t.setDaemon(true);
        t.start();
    }

    public static Path jar() {
        Path p = Paths.get("target", "lakebase-mcp.jar").toAbsolutePath();
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("run the integration tests with `mvn verify`: " + p + " is built in package");
        }
        return p;
    }

    /** Starts {@code java -jar lakebase-mcp.jar --local --data-dir <fresh> <args>} with {@code env} added. */
    public static ServerProcess start(List<String> args, Map<String, String> env) throws IOException {
        Path dataDir = Files.createTempDirectory("lakebase-mcp-it");
        List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:disable", "-Xlog:all=warning:stderr", "-XX:TieredStopAtLevel=1", "-jar", jar().toString(),
                "--local", "--data-dir", dataDir.toString()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("LAKEBASE_MCP_TOKEN");
        pb.environment().putAll(env);
        return new ServerProcess(pb.start(), dataDir);
    }

    /** Starts the HTTP transport on a free port (plus {@code args}) and waits until it listens. */
    public static ServerProcess http(List<String> args, Map<String, String> env) throws Exception {
        List<String> all = new ArrayList<>(List.of("--transport", "http", "--port", "0"));
        all.addAll(args);
        ServerProcess s = start(all, env);
        if (!s.listening.await(60, TimeUnit.SECONDS)) {
            s.close();
            throw new IllegalStateException("the server did not listen within 60 s; stderr:\n" + s.stderr());
        }
        if (s.url == null) {
            s.close();
            throw new IllegalStateException("the server exited before listening; stderr:\n" + s.stderr());
        }
        return s;
    }

    private void drainStderr() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                stderr.append(line).append('\n');
                System.err.println("[server " + process.pid() + "] " + line);
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    url = m.group(1);
                    listening.countDown();
                }
            }
        } catch (IOException e) {
            // the process went away
        } finally {
            listening.countDown();
            stderrDone.countDown();
        }
    }

    public Process process() {
        return process;
    }

    /** http://127.0.0.1:PORT/mcp as the server printed it. */
    public String url() {
        return url;
    }

    public int port() {
        return Integer.parseInt(url.replaceAll("^http://[^/]*:(\\d+)/mcp$", "$1"));
    }

    public String stderr() {
        return stderr.toString();
    }

    /** Waits for the process to end by itself; returns its exit code, or fails after {@code timeout}. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the server is still running after " + timeout + "; stderr:\n" + stderr());
        }
        stderrDone.await(5, TimeUnit.SECONDS);
        return process.exitValue();
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        DataDirs.delete(dataDir);
    }
}
