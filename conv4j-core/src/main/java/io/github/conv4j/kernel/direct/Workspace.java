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
    private float[] tail = new float[0];

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

    /** The layout {@link #zeroedOnce} last zeroed {@code padded} for. */
    private final int[] paddedLayout = new int[10];

    /**
     * The zero-bordered copy of a small plane (see {@code SmallPlanes}), zeroed only when the layout differs from the
     * previous call's: planes of one layout overwrite the same interior cells, so the border stays zero between them
     * and only the interior rows need copying per plane.
     */
    float[] bordered(int length, int wp, int hp, int pt, int pl, int inW, int inH) {
        return zeroedOnce(length, wp, hp, pt, pl, inW, inH, 1, 1, 0);
    }

    /**
     * The phase planes of a strided small plane (see {@code PhasePlanes}), zeroed on the same terms as
     * {@link #bordered}: every plane of one layout writes the same cells.
     */
    float[] phases(int length, int he, int rows, int pt, int pl, int inW, int inH, int sh, int sw) {
        return zeroedOnce(length, he, rows, pt, pl, inW, inH, sh, sw, 1);
    }

    private float[] zeroedOnce(
            int length, int pitch, int rows, int pt, int pl, int inW, int inH, int sh, int sw, int kind) {
        int[] l = paddedLayout;
        boolean same = l[0] == length
                && l[1] == pitch
                && l[2] == rows
                && l[3] == pt
                && l[4] == pl
                && l[5] == inW
                && l[6] == inH
                && l[7] == sh
                && l[8] == sw
                && l[9] == kind;
        if (padded.length < length) {
            padded = new float[length];
        } else if (!same) {
            java.util.Arrays.fill(padded, 0, length, 0f);
        }
        l[0] = length;
        l[1] = pitch;
        l[2] = rows;
        l[3] = pt;
        l[4] = pl;
        l[5] = inW;
        l[6] = inH;
        l[7] = sh;
        l[8] = sw;
        l[9] = kind;
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

    /** Scratch for an output row whose last vector would pass the plane's end ({@code VectorStride2Planes} on JDK 17). */
    float[] tail(int length) {
        if (tail.length < length) {
            tail = new float[length];
        }
        return tail;
    }
}
