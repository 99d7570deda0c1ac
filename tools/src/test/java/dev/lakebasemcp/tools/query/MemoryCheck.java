package dev.lakebasemcp.tools.query;

import dev.lakebasemcp.tools.call.CallContext;
import dev.lakebasemcp.tools.call.ToolResult;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Not a test: a 1,000,000-row {@code SELECT *} through run_sql against Lakebase Local, printing heap growth
 * (peak while the call runs, sampled every millisecond, and what stays after GC). Target: under 64 MB.
 * Run it with a small heap to make the claim hard: {@code java -Xmx96m -cp ... MemoryCheck}.
 */
public final class MemoryCheck {

    private MemoryCheck() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        try (LocalFixture fx = new LocalFixture("memory", c -> c); SqlTools tools = new SqlTools(fx.lakebase, false)) {
            var runSql = fx.handlers(tools).get("run_sql");
            LocalFixture.ok(runSql.call(fx.args("sql", "create table big as select i as id, md5(i::text) as name, "
                    + "(i * 1.5)::numeric(14,2) as amount, now() as at from generate_series(1, " + rows + ") i",
                    "statement_timeout_ms", 300_000), CallContext.NONE));
            for (Object[] caps : new Object[][] {{}, {"max_rows", 10_000, "max_bytes", 1024 * 1024}}) {
                Object[] kv = new Object[caps.length + 2];
                kv[0] = "sql";
                kv[1] = "select * from big";
                System.arraycopy(caps, 0, kv, 2, caps.length);
                runSql.call(fx.args(kv), CallContext.NONE); // warm up
                System.gc();
                Thread.sleep(200);
                long base = memory.getHeapMemoryUsage().getUsed();
                AtomicLong peak = new AtomicLong(base);
                Thread sampler = new Thread(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                        try {
                            Thread.sleep(1);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
                sampler.setDaemon(true);
                sampler.start();
                long t0 = System.nanoTime();
                ToolResult.Ok ok = LocalFixture.ok(runSql.call(fx.args(kv), CallContext.NONE));
                long millis = (System.nanoTime() - t0) / 1_000_000;
                sampler.interrupt();
                sampler.join();
                System.gc();
                Thread.sleep(200);
                long after = memory.getHeapMemoryUsage().getUsed();
                Map<String, Object> s = ok.structured();
                System.out.printf("SELECT * of %,d rows %s: %d rows returned (truncated=%s, total_rows=%s), %d ms, "
                        + "text %,d bytes; heap growth peak %.1f MB, retained after GC %.1f MB (JDK %s, -Xmx %d MB)%n",
                        rows, caps.length == 0 ? "(default caps)" : "(ceiling caps)",
                        ((java.util.List<?>) s.get("rows")).size(), s.get("truncated"), s.get("total_rows"), millis,
                        ok.text().length(), (peak.get() - base) / 1e6, (after - base) / 1e6,
                        System.getProperty("java.version"), Runtime.getRuntime().maxMemory() / (1024 * 1024));
            }
        }
    }
}
