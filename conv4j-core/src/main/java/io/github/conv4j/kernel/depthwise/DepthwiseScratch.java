package io.github.conv4j.kernel.depthwise;

/**
 * Per-thread scratch of the depthwise gradient kernels, grown on demand and kept (fresh memory costs a page fault per
 * 4 KiB on first touch). One kernel runs at a time on a thread, so they share it.
 */
final class DepthwiseScratch {
    private static final ThreadLocal<float[][]> CURRENT = ThreadLocal.withInitial(() -> new float[1][0]);

    private DepthwiseScratch() {}

    /** At least {@code length} floats, contents unspecified. */
    static float[] floats(int length) {
        float[][] holder = CURRENT.get();
        if (holder[0].length < length) {
            holder[0] = new float[length];
        }
        return holder[0];
    }
}
