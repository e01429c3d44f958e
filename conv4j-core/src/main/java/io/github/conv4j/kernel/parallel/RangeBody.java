package io.github.conv4j.kernel.parallel;

/**
 * The work of a parallel loop over one contiguous chunk {@code [from, to)} of the index range.
 *
 * <p>A body must only write state that no other chunk writes (for example its own rows of an output array); the loop
 * gives no ordering between chunks. Example: {@code Parallel.forRange(rows, 8, (from, to) -> scaleRows(from, to))}.
 */
@FunctionalInterface
public interface RangeBody {
    /**
     * Processes indices {@code from} (inclusive) to {@code to} (exclusive).
     *
     * @param from first index of the chunk, {@code 0 <= from < to}
     * @param to one past the last index of the chunk, at most the loop's {@code n}
     */
    void run(int from, int to);
}
