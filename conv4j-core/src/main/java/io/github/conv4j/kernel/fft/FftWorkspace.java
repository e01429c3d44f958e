package io.github.conv4j.kernel.fft;

import io.github.conv4j.spec.ConvGeometry;
import java.util.Arrays;

/**
 * Reusable scratch for {@link FftConv2d}: tile transforms and spectrum arrays that only grow, so repeated calls of
 * one shape allocate nothing (fresh memory costs a page fault per 4 KiB on the target machines). Not thread-safe:
 * use one per thread; {@link FftConv2d#forward(ConvGeometry, float[], float[], float[], float[])} keeps one per
 * thread for callers that do not pass their own. The first calls of a JVM run the Vector API uncompiled and
 * allocate heavily (about 190 MB on a first 512² call); once compiled a call allocates about 40 bytes.
 *
 * <pre>{@code
 * FftWorkspace ws = new FftWorkspace();
 * for (float[] img : images) FftConv2d.forward(g, img, w, null, y, ws);
 * }</pre>
 */
public final class FftWorkspace {
    private final boolean vector;
    private TileFft tile;
    private ConvGeometry lastGeometry;
    private FftTiling lastTiling;
    float[] kernelRe = new float[0];
    float[] kernelIm = new float[0];
    float[] inputRe = new float[0];
    float[] inputIm = new float[0];
    float[] accRe = new float[0];
    float[] accIm = new float[0];
    /** The weights whose spectra {@code kernelRe/Im} hold, and the shapes they were made for; {@code null}: none. */
    private float[] spectraOf;

    private int spectraLength;
    private long spectraShape;

    /** Creates an empty workspace; buffers are allocated on first use and then reused. */
    public FftWorkspace() {
        this(FftSimd.VECTOR);
    }

    /** @param vector whether the tile transforms use the Vector API loops (tests cover both) */
    FftWorkspace(boolean vector) {
        this.vector = vector;
    }

    /** @return whether the Vector API loops are used */
    boolean vector() {
        return vector;
    }

    /** The tiling for {@code g}, remembered for the last geometry so that a repeated call allocates nothing. */
    FftTiling tiling(ConvGeometry g) {
        if (!g.equals(lastGeometry)) {
            lastTiling = FftTiling.choose(g);
            lastGeometry = g;
        }
        return lastTiling;
    }

    TileFft tile(int nh, int nw) {
        if (tile == null || tile.height() != nh || tile.width() != nw) {
            tile = new TileFft(nh, nw, vector);
        }
        return tile;
    }

    /**
     * Whether the kernel spectra already hold the transforms of {@code w[0, len)} for this kernel and tile shape:
     * a layer applied to many inputs with fixed weights then skips {@code C_out·C_in/G} transforms per call. Compares
     * contents, not identity, so weights updated in place are noticed; the comparison is one vectorised pass over
     * the weights, cheap next to transforming them.
     */
    boolean kernelSpectraCurrent(float[] w, int len, int kh, int kw, int nh, int nw) {
        return spectraOf != null
                && spectraLength == len
                && spectraShape == shapeKey(kh, kw, nh, nw)
                && Arrays.equals(spectraOf, 0, len, w, 0, len);
    }

    void kernelSpectraComputed(float[] w, int len, int kh, int kw, int nh, int nw) {
        if (spectraOf == null || spectraOf.length < len) {
            spectraOf = new float[len];
        }
        System.arraycopy(w, 0, spectraOf, 0, len);
        spectraLength = len;
        spectraShape = shapeKey(kh, kw, nh, nw);
    }

    private static long shapeKey(int kh, int kw, int nh, int nw) {
        return ((long) kh << 48) ^ ((long) kw << 32) ^ ((long) nh << 16) ^ nw;
    }

    void ensure(int kernelFloats, int inputFloats, int accFloats) {
        if (kernelRe.length < kernelFloats) {
            spectraLength = -1;
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
