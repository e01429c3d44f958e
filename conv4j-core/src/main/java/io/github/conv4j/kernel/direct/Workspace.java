package io.github.conv4j.kernel.direct;

/**
 * Per-thread scratch of the plane kernel, grown on demand and kept: fresh memory costs a page fault per 4 KiB on
 * first touch (~2.45 µs here), so steady-state calls must not allocate.
 */
final class Workspace {
    private static final ThreadLocal<Workspace> CURRENT = ThreadLocal.withInitial(Workspace::new);

    private float[] dense = new float[0];
    private int[] offs = new int[0];
    private float[] taps = new float[0];
    private float[] padded = new float[0];
    private float[] flat = new float[0];

    static Workspace get() {
        return CURRENT.get();
    }

    float[] dense(int length) {
        if (dense.length < length) {
            dense = new float[length];
        }
        return dense;
    }

    int[] offs(int length) {
        if (offs.length < length) {
            offs = new int[length];
        }
        return offs;
    }

    /** The zero-bordered copy of a small plane (see {@code SmallPlanes}). */
    float[] padded(int length) {
        if (padded.length < length) {
            padded = new float[length];
        }
        return padded;
    }

    /** The flat, row-padded output of a small plane before compaction. */
    float[] flat(int length) {
        if (flat.length < length) {
            flat = new float[length];
        }
        return flat;
    }

    float[] taps(int length) {
        if (taps.length < length) {
            taps = new float[length];
        }
        return taps;
    }
}
