package io.github.conv4j.kernel.fft;

/**
 * Reusable scratch for {@link FftConv2d}: tile transforms and spectrum arrays that only grow, so repeated calls of
 * one shape allocate nothing (fresh memory costs a page fault per 4 KiB on the target machines). Not thread-safe:
 * use one per thread; {@link FftConv2d#forward(io.github.conv4j.spec.ConvGeometry, float[], float[], float[],
 * float[])} keeps one per thread for callers that do not pass their own.
 *
 * <pre>{@code
 * FftWorkspace ws = new FftWorkspace();
 * for (float[] img : images) FftConv2d.forward(g, img, w, null, y, ws);
 * }</pre>
 */
public final class FftWorkspace {
    private final boolean vector;
    private TileFft tile;
    float[] kernelRe = new float[0];
    float[] kernelIm = new float[0];
    float[] inputRe = new float[0];
    float[] inputIm = new float[0];
    float[] accRe = new float[0];
    float[] accIm = new float[0];

    /** Creates an empty workspace; buffers are allocated on first use and then reused. */
    public FftWorkspace() {
        this(FftSimd.VECTOR);
    }

    /** @param vector whether the tile transforms use the Vector API loops (tests cover both) */
    FftWorkspace(boolean vector) {
        this.vector = vector;
    }

    TileFft tile(int nh, int nw) {
        if (tile == null || tile.height() != nh || tile.width() != nw) {
            tile = new TileFft(nh, nw, vector);
        }
        return tile;
    }

    void ensure(int kernelFloats, int inputFloats, int accFloats) {
        if (kernelRe.length < kernelFloats) {
            kernelRe = new float[kernelFloats];
            kernelIm = new float[kernelFloats];
        }
        if (inputRe.length < inputFloats) {
            inputRe = new float[inputFloats];
            inputIm = new float[inputFloats];
        }
        if (accRe.length < accFloats) {
            accRe = new float[accFloats];
            accIm = new float[accFloats];
        }
    }
}
