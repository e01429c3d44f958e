package io.github.conv4j.kernel.depthwise;

/**
 * Per-thread scratch of the depthwise gradient kernels, grown on demand and kept (fresh memory costs a page fault per
 * 4 KiB on first touch). One kernel runs at a time on a thread, so they share it: slot 0 for a kernel's own rows or
 * sums, slots 1 and 2 for the planes a kernel copies into margins ({@link #MARGIN}).
 */
final class DepthwiseScratch {
    /**
     * Floats kept free before and after a plane copied into a slot: more than any vector's lanes, so every
     * whole-vector window of the vector kernels lies inside the copy.
     */
    static final int MARGIN = 64;

    private static final int SLOTS = 3;

    private static final ThreadLocal<float[][]> CURRENT = ThreadLocal.withInitial(() -> new float[SLOTS][0]);

    private DepthwiseScratch() {}

    /** At least {@code length} floats of slot {@code slot} (0, 1 or 2), contents unspecified. */
    static float[] floats(int slot, int length) {
        float[][] holder = CURRENT.get();
        if (holder[slot].length < length) {
            holder[slot] = new float[length];
        }
        return holder[slot];
    }

    /**
     * Copies {@code count} floats from {@code src[from]} to slot {@code slot} at {@link #MARGIN}, with a margin after
     * them too, and returns the slot's array.
     */
    static float[] withMargins(int slot, float[] src, int from, int count) {
        float[] copy = floats(slot, count + 2 * MARGIN);
        System.arraycopy(src, from, copy, MARGIN, count);
        return copy;
    }
}
