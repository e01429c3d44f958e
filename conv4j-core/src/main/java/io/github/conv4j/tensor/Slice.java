package io.github.conv4j.tensor;

/**
 * A selection along one dimension, as in Python's {@code X[:, 2:6]}: {@link #all()} for {@code :}, {@link
 * #range(int, int)} for {@code start:end} and {@link #at(int)} for a single index. Negative indices count from the
 * end.
 *
 * <pre>{@code
 * Tensor x = Tensor.ones(6, 8);
 * x.fill(0, Slice.all(), Slice.range(2, 6)); // X[:, 2:6] = 0
 * }</pre>
 *
 * @param start first index (inclusive), may be negative
 * @param end last index (exclusive), may be negative; {@link Integer#MAX_VALUE} means the end of the dimension
 */
public record Slice(int start, int end) {
    /**
     * Selects a whole dimension ({@code :}).
     *
     * @return the slice
     */
    public static Slice all() {
        return new Slice(0, Integer.MAX_VALUE);
    }

    /**
     * Selects {@code start:end}.
     *
     * @param start first index, inclusive
     * @param end last index, exclusive
     * @return the slice
     */
    public static Slice range(int start, int end) {
        return new Slice(start, end);
    }

    /**
     * Selects one index ({@code i}); the dimension is kept with size one.
     *
     * @param index the index, negative counts from the end
     * @return the slice
     */
    public static Slice at(int index) {
        return new Slice(index, index == -1 ? Integer.MAX_VALUE : index + 1);
    }

    /**
     * Resolves this slice against a dimension of the given size, clamping like Python does for ranges.
     *
     * @param size the size of the dimension
     * @return {@code {from, to}} with {@code 0 <= from <= to <= size}
     */
    int[] resolve(int size) {
        int from = start < 0 ? Math.max(0, start + size) : Math.min(start, size);
        int to = end == Integer.MAX_VALUE ? size : end < 0 ? Math.max(0, end + size) : Math.min(end, size);
        return new int[] {from, Math.max(from, to)};
    }
}
