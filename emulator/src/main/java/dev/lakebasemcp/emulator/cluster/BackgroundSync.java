package dev.lakebasemcp.emulator.cluster;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flushes a freshly written data directory to disk off the caller's path. A copied data directory is
 * otherwise fsynced by postgres itself at its first start ("syncing data directory"), before recovery:
 * 0.6 s for 1 GB on an idle disk, seconds for 40 MB on a busy shared one, all of it on the branch's
 * critical path. Instead the first start of a copy runs with {@code fsync=off} and this flushes the same
 * files in the background. A kill -9 of any process loses nothing either way (the page cache survives);
 * only an OS crash within the seconds of this sync could damage the new cluster, never its parent.
 */
final class BackgroundSync {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundSync.class);

    /** One thread: a queue of flushes, not a storm of them. */
    private static final ExecutorService SYNCER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "lakebase-local-fsync");
        t.setDaemon(true);
        return t;
    });

    private BackgroundSync() {
    }

    static void submit(Path dataDir) {
        SYNCER.execute(() -> {
            long t = System.nanoTime();
            try (Stream<Path> all = Files.walk(dataDir)) {
                all.forEach(BackgroundSync::force);
                LOG.debug("flushed {} in {} ms", dataDir, (System.nanoTime() - t) / 1_000_000);
            } catch (IOException | RuntimeException e) {
                LOG.debug("could not flush {} (deleted meanwhile?): {}", dataDir, e.toString());
            }
        });
    }

    private static void force(Path p) {
        if (!Files.isRegularFile(p) && !Files.isDirectory(p)) {
            return;
        }
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // vanished (a file postgres removed) or unreadable: nothing of ours to flush
        }
    }
}
