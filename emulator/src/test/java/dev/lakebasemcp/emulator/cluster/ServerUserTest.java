package dev.lakebasemcp.emulator.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ids read from /proc and /etc/passwd are the ones `id` gives. */
class ServerUserTest {

    @Test
    void theResolvedUserHasTheIdsThatIdGives() throws Exception {
        ServerUser user = ServerUser.current();
        String name = user.switchFromRoot() ? user.name() : null;
        List<String> uid = name == null ? List.of("id", "-u") : List.of("id", "-u", name);
        List<String> gid = name == null ? List.of("id", "-g") : List.of("id", "-g", name);
        assertEquals(id(uid), user.uid(), "uid of " + (name == null ? "the JVM" : name));
        assertEquals(id(gid), user.gid(), "gid of " + (name == null ? "the JVM" : name));
    }

    @Test
    void passwdLinesAreMatchedOnTheWholeName(@TempDir Path dir) throws Exception {
        Path passwd = dir.resolve("passwd");
        Files.writeString(passwd, String.join("\n",
                "root:x:0:0:root:/root:/bin/bash",
                "nobody2:x:7001:7002::/nonexistent:/usr/sbin/nologin",
                "nobody:x:65534:65533:nobody:/nonexistent:/usr/sbin/nologin",
                "broken:x:notanumber:1::/:/bin/false", ""), StandardCharsets.UTF_8);
        assertArrayEquals(new int[] {65534, 65533}, ServerUser.passwdIds(passwd, "nobody"));
        assertArrayEquals(new int[] {7001, 7002}, ServerUser.passwdIds(passwd, "nobody2"));
        assertNull(ServerUser.passwdIds(passwd, "nobod"), "a prefix is not the name");
        assertNull(ServerUser.passwdIds(passwd, "broken"), "a malformed line falls back to id");
        assertNull(ServerUser.passwdIds(dir.resolve("missing"), "nobody"));
    }

    private static int id(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor();
        return Integer.parseInt(out);
    }
}
