package io.github.conv4j.kernel.parallel;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The library's one parallel loop: splits an index range into fixed chunks and runs them on a private team of worker
 * threads plus the calling thread (workers poll for the next loop briefly before they sleep, so back-to-back loops
 * start in well under a microsecond instead of the 50–70 µs a parked thread took to wake here; see {@link Team}).
 *
 * <p><b>Determinism.</b> The chunks depend only on {@code n} and {@code grain}: chunk {@code c} is
 * {@code [c*grain, min(n, (c+1)*grain))}, whatever the thread count. Which thread runs a chunk, and when, varies; so a
 * kernel whose result for each output depends only on the chunk it falls in (and not on the thread or the order of
 * chunks) gives bit-identical results for every {@link #setThreads thread count}, including 1.
 *
 * <p><b>Threads.</b> {@link #threads()} starts at {@link Runtime#availableProcessors()}. With {@code t} threads the team
 * holds {@code t - 1} daemon workers and the caller works too, so {@code t = 1} runs everything on the caller thread
 * with no workers at all. A loop started from inside a body (on any thread) runs serially on that thread, which
 * avoids both deadlock and oversubscription when parallel kernels call each other; so does a loop started while
 * another thread's loop holds the team.
 *
 * <p><b>Failures.</b> If a body throws, chunks not yet started are skipped, the loop waits for the running ones, and
 * the first exception is rethrown to the caller (later ones are attached as suppressed). Unchecked exceptions and
 * errors are rethrown as they are.
 *
 * <pre>{@code
 * Parallel.setThreads(2);
 * float[] y = new float[x.length];
 * Parallel.forRange(x.length, 4096, (from, to) -> {
 *     for (int i = from; i < to; i++) y[i] = 2 * x[i];
 * });
 * }</pre>
 */
public final class Parallel {
    /** The most threads a loop may use: each is a started thread, and no machine this runs on has more cores. */
    private static final int MAX_THREADS = 1024;

    /** Set on the caller thread while it runs its share of a loop, and on workers, so a nested loop runs serially. */
    private static final ThreadLocal<Boolean> CALLER_IN_BODY = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private static volatile Config config = Config.create(Runtime.getRuntime().availableProcessors());

    private Parallel() {}

    /**
     * The number of threads a loop may use, the caller included: at least 1.
     *
     * @return the current thread count
     */
    public static int threads() {
        return config.threads;
    }

    /**
     * Sets the number of threads loops may use, the caller included; 1 runs every loop on the calling thread. The
     * worker team is rebuilt when the count changes (loops already running finish on the old team, whose workers then
     * exit).
     *
     * <p>Example: {@code Parallel.setThreads(1)} for a single-threaded benchmark run.
     *
     * @param threads the new thread count, from 1 to 1024
     * @throws IllegalArgumentException if {@code threads} is out of that range
     */
    public static synchronized void setThreads(int threads) {
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("threads (" + threads + ") must be between 1 and " + MAX_THREADS);
        }
        Config old = config;
        if (old.threads == threads) {
            return;
        }
        config = Config.create(threads);
        if (old.team != null) {
            old.team.shutdown();
        }
    }

    /**
     * The number of chunks {@link #forRange} splits {@code n} indices into with the given grain:
     * {@code ceil(n / grain)}.
     *
     * @param n the number of indices, at least 0
     * @param grain the chunk length, at least 1
     * @return the chunk count
     * @throws IllegalArgumentException if {@code n < 0} or {@code grain < 1}
     */
    public static int chunkCount(int n, int grain) {
        checkRange(n, grain);
        return n == 0 ? 0 : (n - 1) / grain + 1;
    }

    /**
     * Runs {@code body} over {@code [0, n)} in chunks of {@code grain} indices (the last chunk may be shorter), in
     * parallel when more than one thread is set and more than one chunk exists. Returns when every chunk has finished;
     * all writes made by the bodies are then visible to the caller.
     *
     * @param n the number of indices, at least 0 (0 runs nothing)
     * @param grain the chunk length, at least 1; a chunk is the unit of work one thread takes at a time
     * @param body the work for one chunk; it must not write state that another chunk writes
     * @throws IllegalArgumentException if {@code n < 0} or {@code grain < 1}
     * @throws NullPointerException if {@code body} is null
     * @throws RuntimeException (or {@link Error}) the first exception a body threw
     */
    public static void forRange(int n, int grain, RangeBody body) {
        int chunks = chunkCount(n, grain);
        Objects.requireNonNull(body, "body");
        Config c = config;
        if (chunks <= 1 || c.team == null || insideBody()) {
            for (int i = 0; i < chunks; i++) {
                int from = i * grain;
                body.run(from, from + Math.min(grain, n - from));
            }
            return;
        }
        Loop loop = new Loop(n, grain, chunks, body);
        if (!c.team.tryRun(loop)) {
            loop.drainOnCaller(); // another thread's loop holds the team: the same chunks, on this thread alone
        }
        loop.rethrowFailure();
    }

    private static void checkRange(int n, int grain) {
        if (n < 0) {
            throw new IllegalArgumentException("n (" + n + ") must be >= 0");
        }
        if (grain < 1) {
            throw new IllegalArgumentException("grain (" + grain + ") must be >= 1");
        }
    }

    private static boolean insideBody() {
        return CALLER_IN_BODY.get();
    }

    /** Marks the current thread as a worker for good, so loops started from its bodies run serially. */
    static void markWorker() {
        CALLER_IN_BODY.set(Boolean.TRUE);
    }

    /** One immutable thread setting, so a loop sees a consistent count and team while setThreads swaps them. */
    private static final class Config {
        final int threads;
        final Team team;

        private Config(int threads, Team team) {
            this.threads = threads;
            this.team = team;
        }

        static Config create(int threads) {
            return new Config(threads, threads == 1 ? null : new Team(threads - 1));
        }
    }

    /** One running loop: threads claim chunk numbers from a shared counter until none are left. */
    static final class Loop {
        private final int n;
        private final int grain;
        private final int chunks;
        private final RangeBody body;
        private final AtomicInteger nextChunk = new AtomicInteger();
        private final List<Throwable> failures = new ArrayList<>(1);
        private volatile boolean failed;

        Loop(int n, int grain, int chunks, RangeBody body) {
            this.n = n;
            this.grain = grain;
            this.chunks = chunks;
            this.body = body;
        }

        /** The caller's share: marked as inside a body, so loops it starts from there run serially. */
        void drainOnCaller() {
            CALLER_IN_BODY.set(Boolean.TRUE);
            try {
                drain();
            } finally {
                CALLER_IN_BODY.set(Boolean.FALSE);
            }
        }

        /** Runs chunks until none are left or a body has failed. */
        void drain() {
            while (!failed) {
                int chunk = nextChunk.getAndIncrement();
                if (chunk >= chunks) {
                    return;
                }
                int from = chunk * grain;
                try {
                    body.run(from, from + Math.min(grain, n - from));
                } catch (Throwable t) {
                    synchronized (failures) {
                        failures.add(t);
                    }
                    failed = true;
                    return;
                }
            }
        }

        void rethrowFailure() {
            Throwable first;
            synchronized (failures) {
                if (failures.isEmpty()) {
                    return;
                }
                first = failures.get(0);
                for (int i = 1; i < failures.size(); i++) {
                    if (failures.get(i) != first) { // a body may throw one shared instance from several chunks
                        first.addSuppressed(failures.get(i));
                    }
                }
            }
            if (first instanceof RuntimeException) {
                throw (RuntimeException) first;
            }
            if (first instanceof Error) {
                throw (Error) first;
            }
            throw new CompletionException(first);
        }
    }
}
