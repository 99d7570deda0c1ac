package dev.lakebasemcp.emulator.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class PostgresBinariesTest {

    @Test
    void unpacksOnceEvenWhenTwoCallersRaceAndReusesTheCache() throws Exception {
        Path cache = TestClusters.newBase("binaries-test");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Path> unpack = () -> PostgresBinaries.unpack(cache).home();
            List<Future<Path>> racing = pool.invokeAll(List.of(unpack, unpack));
            Path home = racing.get(0).get();
            assertEquals(home, racing.get(1).get());
            Path postgres = home.resolve("bin/postgres");
            assertTrue(Files.getPosixFilePermissions(postgres).contains(PosixFilePermission.OTHERS_EXECUTE));
            assertTrue(Files.isSymbolicLink(home.resolve("lib/libpq.so")));
            assertTrue(Files.exists(home.resolve("lib/postgresql/basic_archive.so")));
            try (Stream<Path> entries = Files.list(cache)) {
                assertEquals(List.of(home), entries.toList(), "no temp directory left behind");
            }

            FileTime before = Files.getLastModifiedTime(postgres);
            long t = System.nanoTime();
            assertEquals(home, PostgresBinaries.unpack(cache).home());
            assertTrue((System.nanoTime() - t) / 1_000_000 < 1_000, "reused, not unpacked again");
            assertEquals(before, Files.getLastModifiedTime(postgres));
            assertTrue(home.getFileName().toString().equals("postgres-" + PostgresBinaries.indexedKey()), home.toString());
        } finally {
            pool.shutdownNow();
            TestClusters.deleteBase(cache);
        }
    }

    @Test
    void theCacheKeyFromTheJarIndexIsTheArchivesOwnCrcAndSize() throws Exception {
        String key = PostgresBinaries.indexedKey();
        assertNotNull(key, "the binaries come from a jar on the test class path, whose index gives the key");
        byte[] archive;
        try (InputStream in = PostgresBinaries.class.getResourceAsStream(PostgresBinaries.RESOURCE)) {
            archive = in.readAllBytes();
        }
        CRC32 crc = new CRC32();
        crc.update(archive);
        assertEquals(String.format("%08x-%x", crc.getValue(), archive.length), key);
    }
}
