package dev.lakebasemcp.tools.lakebase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Reads side by side: results in the order given, truly at once, failures thrown as they were thrown. */
class ReadsTest {

    @Test
    void readsRunAtOnceAndComeBackInOrder() {
        // Each read waits until all of them are running: done one after another, the first would time out.
        int n = Reads.THREADS;
        CyclicBarrier allRunning = new CyclicBarrier(n);
        List<Supplier<Integer>> reads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = i;
            reads.add(() -> {
                try {
                    allRunning.await(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("the reads did not run at once", e);
                }
                return k * k;
            });
        }
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            expected.add(i * i);
        }
        assertEquals(expected, Reads.all(reads));
    }

    /** A call whose reads find every pool thread busy with other calls' reads runs them itself. */
    @Test
    void aCallDoesNotWaitBehindOtherCallsReads() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        List<Reads.Pending<String>> blockers = new ArrayList<>();
        try {
            for (int i = 0; i < Reads.THREADS * 2; i++) {
                blockers.add(Reads.start(() -> {
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return "blocker";
                }));
            }
            Thread.sleep(50); // the pool's threads take the first blockers
            List<Supplier<String>> quick = List.of(() -> "a", () -> "b", () -> "c");
            java.util.concurrent.CompletableFuture<List<String>> done =
                    java.util.concurrent.CompletableFuture.supplyAsync(() -> Reads.all(quick));
            assertEquals(List.of("a", "b", "c"), done.get(5, TimeUnit.SECONDS));
        } finally {
            release.countDown();
        }
        for (Reads.Pending<String> b : blockers) {
            assertEquals("blocker", b.get());
        }
    }

    @Test
    void theFirstFailureInOrderIsThrownAsItWas() {
        IllegalArgumentException second = new IllegalArgumentException("second");
        UnsupportedOperationException third = new UnsupportedOperationException("third");
        List<Supplier<String>> reads = List.of(() -> "ok", () -> {
            throw second;
        }, () -> {
            throw third;
        });
        assertSame(second, assertThrows(IllegalArgumentException.class, () -> Reads.all(reads)));

        IllegalStateException first = new IllegalStateException("first, on the calling thread");
        List<Supplier<String>> failingFirst = List.of(() -> {
            throw first;
        }, () -> "ok");
        assertSame(first, assertThrows(IllegalStateException.class, () -> Reads.all(failingFirst)));

        Reads.Pending<String> pending = Reads.start(() -> {
            throw third;
        });
        assertSame(third, assertThrows(UnsupportedOperationException.class, pending::get));
        assertEquals(List.of(), Reads.all(List.<Supplier<String>>of()));
    }
}
