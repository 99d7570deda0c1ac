package dev.lakebasemcp.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs bin/conformance, the MCP conformance suite over Streamable HTTP against the packaged jar with
 * --conformance-fixtures, so `mvn verify` (and CI) covers it. Needs npm; without it the script exits 2 and this
 * test fails with the script's message: it never skips.
 */
class ConformanceSuiteIT {

    /** 0.1.16 with --suite all: 32 server scenarios, 44 checks. Fewer would mean scenarios silently went missing. */
    private static final int SCENARIOS = 32;
    private static final int CHECKS = 44;

    @Test
    void passesEveryServerScenario() throws Exception {
        Path script = Paths.get("..", "bin", "conformance").toAbsolutePath().normalize();
        assertTrue(Files.isExecutable(script), script + " is missing or not executable");
        ProcessBuilder pb = new ProcessBuilder(script.toString()).redirectErrorStream(true);
        pb.environment().put("LAKEBASE_MCP_JAR", ServerProcess.jar().toString());
        Process p = pb.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread pump = new Thread(() -> copy(p.getInputStream(), out));
        pump.start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroy();
            p.waitFor(30, TimeUnit.SECONDS);
            throw new AssertionError("bin/conformance ran over 10 minutes:\n" + out.toString(StandardCharsets.UTF_8));
        }
        pump.join(10_000);
        String log = out.toString(StandardCharsets.UTF_8);
        System.out.println(log);
        assertEquals(0, p.exitValue(), "bin/conformance failed:\n" + log);
        assertTrue(log.contains("Running all suite (" + SCENARIOS + " scenarios)"), log);
        Matcher total = Pattern.compile("Total: (\\d+) passed, (\\d+) failed").matcher(log);
        assertTrue(total.find(), "no summary line:\n" + log);
        assertEquals("0", total.group(2), log);
        assertTrue(Integer.parseInt(total.group(1)) >= CHECKS, "only " + total.group(1) + " checks passed:\n" + log);
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try (in) {
            in.transferTo(out);
        } catch (Exception e) {
            // the process ended
        }
    }
}
