package io.github.conv4j.kernel;

/**
 * Per-thread scratch arrays that grow to the largest size requested and are then reused, so that steady-state calls
 * allocate nothing beyond their outputs (first-touch page faults cost ~2.5 µs per 4 KiB page on these machines).
 * Each slot is independent so a kernel can hold several buffers at once.
 */
public final class Workspace {
    /** Bytes a kernel may keep in one scratch buffer; larger problems are processed in chunks. */
    public static final long BUDGET_BYTES = 64L << 20;

    private static final int SLOTS = 7;
    private static final ThreadLocal<float[][]> BUFFERS = ThreadLocal.withInitial(() -> new float[SLOTS][]);

    private Workspace() {}

    /**
     * Returns this thread's scratch array for {@code slot}, with at least {@code size} elements (contents
     * unspecified).
     *
     * @param slot which buffer, {@code 0..6}: kernels use 0 to 3, the ops layer 4 for data it hands to a kernel, and
     *     5 and 6 hold a reshaped problem that a kernel hands to another (Winograd's dilation phases)
     * @param size minimum length
     * @return the array
     */
    public static float[] floats(int slot, int size) {
        float[][] buffers = BUFFERS.get();
        float[] b = buffers[slot];
        if (b == null || b.length < size) {
            b = new float[size];
            buffers[slot] = b;
        }
        return b;
    }

    /** Drops this thread's buffers (tests and memory-conscious callers). */
    public static void release() {
        BUFFERS.remove();
    }
}
