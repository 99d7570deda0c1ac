package dev.lakebasemcp.emulator.cluster;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * {@code lakebase-cluster.properties} in a data directory: what kind of cluster it is and where it archives.
 * It is written last, after initdb or the whole copy, so its presence means the data directory is
 * complete; a directory without it is a half-done create to discard.
 */
record ClusterInfo(Kind kind, Path archiveDir) {

    static final String FILE = "lakebase-cluster.properties";

    enum Kind { PRIMARY, STANDBY }

    ClusterInfo {
        if (kind == Kind.PRIMARY && archiveDir == null) {
            throw new IllegalArgumentException("archiveDir is required for a primary");
        }
    }

    static Optional<ClusterInfo> read(Path dataDir) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(dataDir.resolve(FILE), StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        String archive = p.getProperty("archiveDir", "");
        return Optional.of(new ClusterInfo(Kind.valueOf(p.getProperty("kind")),
                archive.isEmpty() ? null : Path.of(archive)));
    }

    /** Writes the file atomically (temp then rename), owned by {@code user}. */
    void write(Path dataDir, ServerUser user) throws IOException {
        Properties p = new Properties();
        p.setProperty("kind", kind.name());
        p.setProperty("archiveDir", archiveDir == null ? "" : archiveDir.toString());
        StringWriter text = new StringWriter();
        p.store(text, "Lakebase Local cluster; its presence means the data directory is complete");
        Path temp = dataDir.resolve(FILE + ".tmp");
        user.writePrivateFile(temp, text.toString());
        Files.move(temp, dataDir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
