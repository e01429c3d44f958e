package io.github.conv4j.kernel.parallel;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The worker threads of {@link Parallel}: {@code size} daemon threads that, after a loop, keep polling for the next one
 * for {@link #SPIN_NANOS} before they park, as OpenMP runtimes do.
 *
 * <p>Why not a {@link java.util.concurrent.ForkJoinPool}: its idle workers park at once, and waking a parked thread
 * on these virtual machines took 50–70 µs per loop (measured: an empty two-thread loop, back to back), more than the
 * whole of a 0.1 ms depthwise layer and several times over for a layer with an im2col, a packing and a GEMM phase.
 * A polling worker starts a loop in well under a microsecond. The cost is CPU time: each worker polls for at most
 * {@link #SPIN_NANOS} after each loop, then sleeps until the next one.
 *
 * <p>With more threads than cores the workers park at once (polling would take the core from the thread that has
 * work), as the pool did.
 *
 * <p>One loop runs at a time; a caller that finds the team busy (another thread's loop) runs its loop alone, which
 * gives the same bits as the chunks do not depend on the threads.
 *
 * <p>Example: {@code Team t = new Team(1); t.tryRun(loop); t.shutdown();}
 */
final class Team {
    /** How long an idle worker polls for the next loop before it parks. */
    static final long SPIN_NANOS = 200_000;

    private static final AtomicInteger WORKER_NAMES = new AtomicInteger();

    private final Worker[] workers;
    /** {@link #SPIN_NANOS}, or 0 when the team and the caller outnumber the cores (polling would steal their time). */
    private final long spinNanos;

    private final AtomicBoolean busy = new AtomicBoolean();
    private volatile Job job;
    private volatile long generation;
    private volatile boolean shutdown;

    /**
     * Starts {@code size} daemon workers.
     *
     * @param size the number of workers, at least 1
     */
    Team(int size) {
        spinNanos = size + 1 <= Runtime.getRuntime().availableProcessors() ? SPIN_NANOS : 0;
        workers = new Worker[size];
        for (int i = 0; i < size; i++) {
            workers[i] = new Worker();
            workers[i].start();
        }
    }

    /**
     * Runs {@code body} over the chunks of {@code loop} on the caller and every worker that joins before the caller
     * has finished its share.
     *
     * @param loop the chunks and the body
     * @return false, without running anything, when another loop holds the team
     */
    boolean tryRun(Parallel.Loop loop) {
        if (!busy.compareAndSet(false, true)) {
            return false;
        }
        try {
            Job current = new Job(loop);
            job = current;
            generation++; // one writer at a time: busy is held
            for (Worker w : workers) {
                if (w.parked) {
                    LockSupport.unpark(w);
                }
            }
            loop.drainOnCaller();
            current.closeAndAwaitHelpers();
            job = null;
        } finally {
            busy.set(false);
        }
        return true;
    }

    /** Stops the workers once they have left the loop they may be in. */
    void shutdown() {
        shutdown = true;
        for (Worker w : workers) {
            LockSupport.unpark(w);
        }
    }

    /**
     * One loop as the workers see it: helpers enter while it is open; the caller closes it after its own share, so a
     * worker that wakes late never touches a loop that has returned.
     */
    private static final class Job {
        private static final int CLOSED = 1 << 30;

        private final Parallel.Loop loop;
        /** Helpers inside the loop, plus {@link #CLOSED} once the caller is done. */
        private final AtomicInteger state = new AtomicInteger();

        Job(Parallel.Loop loop) {
            this.loop = loop;
        }

        void help() {
            int s;
            do {
                s = state.get();
                if ((s & CLOSED) != 0) {
                    return;
                }
            } while (!state.compareAndSet(s, s + 1));
            try {
                loop.drain();
            } finally {
                state.decrementAndGet();
            }
        }

        void closeAndAwaitHelpers() {
            int s = state.getAndUpdate(v -> v | CLOSED);
            // Helpers inside are running their last chunks; poll, then yield the core if that takes long (more
            // threads than cores).
            long start = System.nanoTime();
            while ((s & ~CLOSED) != 0) {
                if (System.nanoTime() - start < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
                s = state.get();
            }
        }
    }

    private final class Worker extends Thread {
        volatile boolean parked;

        Worker() {
            super("conv4j-parallel-" + WORKER_NAMES.incrementAndGet());
            setDaemon(true);
        }

        @Override
        public void run() {
            Parallel.markWorker();
            long seen = generation;
            while (!shutdown) {
                long g = awaitGeneration(seen);
                if (g == seen) {
                    continue; // shut down, or a spurious wake-up
                }
                seen = g;
                Job j = job;
                if (j != null) {
                    j.help();
                }
            }
        }

        /** Polls for a generation after {@code seen}, then parks; returns the generation it found. */
        private long awaitGeneration(long seen) {
            long start = System.nanoTime();
            long g;
            while ((g = generation) == seen && !shutdown) {
                if (System.nanoTime() - start < spinNanos) {
                    Thread.onSpinWait();
                    continue;
                }
                // Set the flag before the last look: the caller bumps the generation before it reads the flag, so
                // either this look sees the new loop or the caller sees the flag and unparks.
                parked = true;
                if (generation == seen && !shutdown) {
                    LockSupport.park(this);
                }
                parked = false;
                start = System.nanoTime();
            }
            return g;
        }
    }
}
