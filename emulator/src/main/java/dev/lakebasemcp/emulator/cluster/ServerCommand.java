package dev.lakebasemcp.emulator.cluster;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs one of the PostgreSQL programs (initdb, pg_ctl) as the server user and reports how it ended. */
final class ServerCommand {

    /** How a command ended: exit code and its merged stdout and stderr. */
    record Result(int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    private ServerCommand() {
    }

    /**
     * Runs {@code command} as {@code user} with the working directory {@code /} (the server user may not be
     * able to enter the JVM's), killing it after {@code timeout}.
     */
    static Result run(ServerUser user, List<String> command, Duration timeout) throws ClusterException {
        return runAsJvmUser(user.command(command), null, timeout);
    }

    /**
     * {@link #run}, except that it returns {@code Result(0, "")} as soon as {@code done} says the command's work
     * is done (polled every {@link #POLL_MILLIS} ms), leaving the command to finish in the background. For
     * {@code pg_ctl -w start}, which sees a server ready only at its own 100 ms polls. A null {@code done} is
     * {@link #run(ServerUser, List, Duration)}.
     */
    static Result run(ServerUser user, List<String> command, Duration timeout, BooleanSupplier done)
            throws ClusterException {
        return runAsJvmUser(user.command(command), null, timeout, done);
    }

    /** How often {@link #run(ServerUser, List, Duration, BooleanSupplier)} asks whether the work is done. */
    static final long POLL_MILLIS = 5;

    /** {@link #run} with {@code stdin} written to the command's standard input, then closed. */
    static Result run(ServerUser user, List<String> command, String stdin, Duration timeout) throws ClusterException {
        return runAsJvmUser(user.command(command), stdin, timeout);
    }

    /** Runs {@code command} as the JVM's own user, as {@link #run} does otherwise. */
    static Result runAsJvmUser(List<String> command, Duration timeout) throws ClusterException {
        return runAsJvmUser(command, null, timeout);
    }

    private static Result runAsJvmUser(List<String> command, String stdin, Duration timeout) throws ClusterException {
        return runAsJvmUser(command, stdin, timeout, null);
    }

    private static Result runAsJvmUser(List<String> command, String stdin, Duration timeout, BooleanSupplier done)
            throws ClusterException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .directory(Path.of("/").toFile());
        // the binaries find their libraries through RUNPATH $ORIGIN/../lib; keep the locale predictable
        pb.environment().put("LC_ALL", "C.UTF-8");
        pb.environment().remove("PGDATA");
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new ClusterException("cannot run " + String.join(" ", command) + ": " + e, e);
        }
        try (var in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // the command exited without reading its input; its exit code and output tell why
        }
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(output unreadable: " + e + ")";
            }
        });
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            if (done != null) {
                while (!p.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    if (done.getAsBoolean()) {
                        return new Result(0, ""); // the command ends on its own; its output reader drains it
                    }
                    if (System.nanoTime() > deadline) {
                        break;
                    }
                }
            }
            if (!p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new ClusterException(String.join(" ", command) + " did not finish within " + timeout);
            }
            return new Result(p.exitValue(), output.get(10, TimeUnit.SECONDS).strip());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted running " + String.join(" ", command), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new ClusterException("cannot read the output of " + String.join(" ", command), e);
        }
    }

    /** The last {@code lines} lines of {@code logFile}, or a note that there is none; for error messages. */
    static String tail(Path logFile, int lines) {
        try (SeekableByteChannel ch = Files.newByteChannel(logFile)) {
            long from = Math.max(0, ch.size() - 16_384);
            ByteBuffer buf = ByteBuffer.allocate((int) (ch.size() - from));
            ch.position(from);
            while (buf.hasRemaining() && ch.read(buf) > 0) {
                // read the tail of the log
            }
            List<String> all = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no server log at " + logFile + ")";
        }
    }
}
