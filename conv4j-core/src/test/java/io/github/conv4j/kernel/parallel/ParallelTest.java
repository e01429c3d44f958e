package io.github.conv4j.kernel.parallel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParallelTest {
    private int savedThreads;

    @BeforeEach
    void saveThreads() {
        savedThreads = Parallel.threads();
    }

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(savedThreads);
    }

    @Test
    void defaultsToAvailableProcessors() {
        // The default is set once per JVM; tests restore whatever they change, so it must still be there.
        assertThat(savedThreads).isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4})
    void chunksAreFixedByNAndGrainAndCoverTheRangeOnce(int threads) {
        Parallel.setThreads(threads);
        int n = 103;
        int grain = 10;
        List<int[]> chunks = Collections.synchronizedList(new ArrayList<>());
        int[] hits = new int[n];
        Parallel.forRange(n, grain, (from, to) -> {
            chunks.add(new int[] {from, to});
            for (int i = from; i < to; i++) {
                synchronized (hits) {
                    hits[i]++;
                }
            }
        });
        List<String> seen = new ArrayList<>();
        for (int[] c : chunks) {
            seen.add(c[0] + ".." + c[1]);
        }
        List<String> expected = new ArrayList<>();
        for (int from = 0; from < n; from += grain) {
            expected.add(from + ".." + Math.min(n, from + grain));
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(hits).containsOnly(1);
        assertThat(Parallel.chunkCount(n, grain)).isEqualTo(expected.size());
    }

    @Test
    void emptyRangeRunsNothing() {
        Parallel.forRange(0, 5, (from, to) -> {
            throw new AssertionError("must not run");
        });
        assertThat(Parallel.chunkCount(0, 5)).isZero();
    }

    @Test
    void oneThreadRunsOnTheCaller() {
        Parallel.setThreads(1);
        Thread caller = Thread.currentThread();
        Set<Thread> used = ConcurrentHashMap.newKeySet();
        Parallel.forRange(64, 1, (from, to) -> used.add(Thread.currentThread()));
        assertThat(used).containsExactly(caller);
    }

    @Test
    void severalThreadsUseDaemonWorkers() throws InterruptedException {
        Parallel.setThreads(2);
        Set<Thread> used = ConcurrentHashMap.newKeySet();
        // Chunks that wait a little give the worker time to take some, even on a loaded machine.
        for (int attempt = 0; attempt < 50 && used.size() < 2; attempt++) {
            Parallel.forRange(8, 1, (from, to) -> {
                used.add(Thread.currentThread());
                sleep(2);
            });
        }
        assertThat(used).hasSize(2);
        for (Thread t : used) {
            if (t != Thread.currentThread()) {
                assertThat(t.isDaemon()).isTrue();
                assertThat(t.getName()).startsWith("conv4j-parallel-");
            }
        }
    }

    @Test
    void workersThatHaveParkedStillJoinLaterLoops() {
        Parallel.setThreads(2);
        // Each loop starts after the worker has stopped polling and parked (20 ms > Team.SPIN_NANOS): a lost wake-up
        // would leave every chunk to the caller. The assertion asks for the worker in most loops, not all, as a
        // loaded machine may let the caller finish alone now and then.
        int withWorker = 0;
        for (int loop = 0; loop < 10; loop++) {
            sleep(20);
            Set<Thread> used = ConcurrentHashMap.newKeySet();
            Parallel.forRange(6, 1, (from, to) -> {
                used.add(Thread.currentThread());
                sleep(3);
            });
            withWorker += used.size() == 2 ? 1 : 0;
        }
        assertThat(withWorker).isGreaterThanOrEqualTo(5);
    }

    @Test
    void concurrentCallersEachGetEveryChunkOnce() throws InterruptedException {
        Parallel.setThreads(2);
        // One loop holds the team at a time; the others run on their own threads. Every loop must still cover its
        // range exactly once and return only when it is done.
        int callers = 4;
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        Thread[] threads = new Thread[callers];
        for (int c = 0; c < callers; c++) {
            threads[c] = new Thread(() -> {
                try {
                    for (int loop = 0; loop < 300; loop++) {
                        int[] hits = new int[257];
                        Parallel.forRange(hits.length, 7, (from, to) -> {
                            for (int i = from; i < to; i++) {
                                hits[i]++;
                            }
                        });
                        for (int h : hits) {
                            if (h != 1) {
                                throw new AssertionError("an index ran " + h + " times");
                            }
                        }
                    }
                } catch (Throwable t) {
                    failures.add(t);
                }
            });
            threads[c].start();
        }
        for (Thread t : threads) {
            t.join(60_000);
        }
        assertThat(failures).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4})
    void exceptionFromABodyReachesTheCaller(int threads) {
        Parallel.setThreads(threads);
        IllegalStateException boom = new IllegalStateException("boom");
        assertThatThrownBy(() -> Parallel.forRange(100, 1, (from, to) -> {
                    if (from == 37) {
                        throw boom;
                    }
                }))
                .isSameAs(boom);
    }

    @Test
    void errorFromABodyReachesTheCallerAndLaterChunksAreSkipped() {
        Parallel.setThreads(2);
        AtomicInteger ran = new AtomicInteger();
        assertThatThrownBy(() -> Parallel.forRange(10_000, 1, (from, to) -> {
                    ran.incrementAndGet();
                    throw new AssertionError("chunk " + from);
                }))
                .isInstanceOf(AssertionError.class);
        // At most one chunk per thread starts before the failure is seen.
        assertThat(ran.get()).isBetween(1, 2);
    }

    @Test
    void nestedLoopsRunSeriallyOnTheSameThreadWithoutDeadlock() {
        Parallel.setThreads(2);
        AtomicInteger inner = new AtomicInteger();
        Set<String> mismatches = ConcurrentHashMap.newKeySet();
        assertTimeoutPreemptively(
                Duration.ofSeconds(20),
                () -> Parallel.forRange(16, 1, (from, to) -> {
                    Thread outer = Thread.currentThread();
                    Parallel.forRange(16, 1, (f, t) -> {
                        inner.incrementAndGet();
                        if (Thread.currentThread() != outer) {
                            mismatches.add(outer.getName() + " -> "
                                    + Thread.currentThread().getName());
                        }
                    });
                }));
        assertThat(inner.get()).isEqualTo(256);
        assertThat(mismatches).isEmpty();
    }

    @Test
    void threadCountCanChangeBetweenLoops() {
        int[] sum = new int[1];
        for (int threads : new int[] {3, 1, 2, 2, 4}) {
            Parallel.setThreads(threads);
            assertThat(Parallel.threads()).isEqualTo(threads);
            AtomicInteger total = new AtomicInteger();
            Parallel.forRange(1000, 7, (from, to) -> total.addAndGet(to - from));
            sum[0] += total.get();
        }
        assertThat(sum[0]).isEqualTo(5000);
    }

    @Test
    void rejectsInvalidArguments() {
        assertThatThrownBy(() -> Parallel.setThreads(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("threads (0)");
        assertThatThrownBy(() -> Parallel.setThreads(1025))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("threads (1025) must be between 1 and 1024");
        assertThatThrownBy(() -> Parallel.forRange(-1, 1, (f, t) -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("n (-1)");
        assertThatThrownBy(() -> Parallel.forRange(10, 0, (f, t) -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("grain (0)");
        assertThatThrownBy(() -> Parallel.forRange(10, 1, null)).isInstanceOf(NullPointerException.class);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
