package org.jspt.exec;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ThreadExecutorTest {
    @Test
    void mapKeepsIndexOrder() {
        try (ThreadExecutor ex = new ThreadExecutor(3)) {
            List<Integer> r = ex.map(100, i -> i * i);
            assertEquals(IntStream.range(0, 100).map(i -> i * i).boxed().toList(), r);
        }
    }

    @Test
    void reduceGivesTheSameBitsWhateverTheThreadCount() {
        // Float sums depend on order; chunked, ordered merging makes them thread-count independent.
        double[] values = new java.util.Random(5).doubles(1001).map(x -> x * 1e8 - 5e7).toArray();
        double one, three;
        try (ThreadExecutor ex = new ThreadExecutor(1)) {
            one = ex.reduce(values.length, () -> new double[1], (a, i) -> { a[0] += values[i]; return a; }, (a, b) -> { a[0] += b[0]; return a; })[0];
        }
        try (ThreadExecutor ex = new ThreadExecutor(3)) {
            three = ex.reduce(values.length, () -> new double[1], (a, i) -> { a[0] += values[i]; return a; }, (a, b) -> { a[0] += b[0]; return a; })[0];
        }
        assertEquals(Double.doubleToLongBits(one), Double.doubleToLongBits(three));
    }

    @Test
    void aFailureInAWorkerReachesTheCaller() {
        try (ThreadExecutor ex = new ThreadExecutor(2)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> ex.map(40, i -> {
                if (i == 33) throw new IllegalStateException("particle 33 failed");
                return i;
            }));
            assertEquals("particle 33 failed", e.getMessage());
        }
    }

    @Test
    void whileOneWorkerIsHeldTheOthersTakeEveryOtherIndex() throws InterruptedException {
        // Fixed chunks of 16 would leave indices 1–15 queued behind index 0 on its worker, and index 0 would wait in vain.
        int n = 20;
        java.util.concurrent.CountDownLatch others = new java.util.concurrent.CountDownLatch(n - 1);
        try (ThreadExecutor ex = new ThreadExecutor(2)) {
            List<Boolean> r = ex.map(n, i -> {
                if (i > 0) {
                    others.countDown();
                    return true;
                }
                try {
                    return others.await(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertTrue(r.get(0), "index 0 waited for the other 19 indices, which no other worker ran");
            assertEquals(n, r.size());
        }
    }

    @Test
    void theFailureOfTheLowestIndexIsTheOneThrown() {
        for (int round = 0; round < 20; round++) {
            try (ThreadExecutor ex = new ThreadExecutor(3)) {
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> ex.map(64, i -> {
                    if (i == 7 || i == 40) throw new IllegalStateException("particle " + i + " failed");
                    return i;
                }));
                assertEquals("particle 7 failed", e.getMessage());
            }
        }
    }
}
