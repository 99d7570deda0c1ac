package dev.lakebasemcp.emulator.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/** The postmaster process of a data directory, seen through postmaster.pid and /proc. */
final class Postmaster {

    private Postmaster() {
    }

    /**
     * The pid of a live postmaster on {@code dataDir}, from postmaster.pid (first line the pid, second the
     * data directory). A pid reused by an unrelated process after a reboot does not count.
     */
    static OptionalLong live(Path dataDir) {
        List<String> lines;
        try {
            lines = Files.readAllLines(dataDir.resolve("postmaster.pid"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return OptionalLong.empty();
        }
        if (lines.size() < 2) {
            return OptionalLong.empty();
        }
        try {
            long pid = Long.parseLong(lines.get(0).trim());
            return isPostgres(pid) ? OptionalLong.of(pid) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * Whether a postmaster started at or after {@code notBeforeEpochSecond} serves {@code dataDir} on
     * {@code port} and accepts connections, as pg_ctl -w judges it: postmaster.pid's status line (the 8th)
     * says {@code ready} (or {@code standby}, a hot standby accepting reads), its pid is a live postgres, and
     * its start time (3rd line) and port (4th) are this start's, so a file left by an earlier run never counts.
     */
    static boolean ready(Path dataDir, int port, long notBeforeEpochSecond) {
        List<String> lines;
        try {
            lines = Files.readAllLines(dataDir.resolve("postmaster.pid"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return false;
        }
        if (lines.size() < 8) {
            return false;
        }
        String status = lines.get(7).trim();
        if (!status.equals("ready") && !status.equals("standby")) {
            return false;
        }
        try {
            return Long.parseLong(lines.get(2).trim()) >= notBeforeEpochSecond
                    && Integer.parseInt(lines.get(3).trim()) == port
                    && isPostgres(Long.parseLong(lines.get(0).trim()));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * Whether {@code pid} is a running postgres: not gone, not a zombie (a stopped postmaster stays one
     * until init reaps it, and {@link ProcessHandle#isAlive} counts zombies), and its binary is postgres.
     */
    static boolean isPostgres(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"), StandardCharsets.US_ASCII);
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            if (state == 'Z' || state == 'X') {
                return false;
            }
        } catch (IOException | RuntimeException e) {
            return false; // no such process
        }
        return ProcessHandle.of(pid).flatMap(h -> h.info().command()).map(cmd -> cmd.endsWith("/postgres"))
                .orElse(true);
    }

    /**
     * SIGINT (postgres' fast shutdown) to {@code pid}, then waits for it to end: for a postmaster whose
     * postmaster.pid is gone (its data directory deleted under it), which pg_ctl cannot stop.
     */
    static void interruptAndWait(long pid, Duration timeout) throws ClusterException {
        if (!isPostgres(pid)) {
            return;
        }
        ServerCommand.runAsJvmUser(List.of("kill", "-INT", String.valueOf(pid)), Duration.ofSeconds(10));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (isPostgres(pid)) {
            if (System.nanoTime() > deadline) {
                throw new ClusterException("postgres pid " + pid + " did not stop within " + timeout);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ClusterException("interrupted stopping postgres pid " + pid, e);
            }
        }
    }
}
