package io.github.conv4j.kernel.fft;

import io.github.conv4j.kernel.simd.BlockTranspose;
import io.github.conv4j.kernel.simd.Simd;
import java.util.Arrays;

/**
 * The 2-D real FFT of one {@code nh × nw} tile and its inverse, with the scratch they need. A real tile is
 * transformed along its height as a complex FFT of half the length (even rows as real parts, odd rows as imaginary
 * parts, untangled afterwards), then along its width; the spectrum keeps the {@code nh/2 + 1} non-redundant
 * frequencies of the height axis.
 *
 * <p>Spectrum layout: {@code nw} rows of {@link #rowStride()} complex values, of which the first {@code nh/2 + 1}
 * are the height frequencies, the width frequencies (rows) in bit-reversed order. Products of spectra do not care about the order, and the inverse starts from bit-reversed input, so no
 * permutation pass is ever made. Both passes are {@link FftPlan} transforms along axis 0 with contiguous lanes; a
 * transpose between them turns the width axis into axis 0.
 *
 * <p>Not thread-safe: one instance per thread (see {@link FftWorkspace}).
 *
 * <pre>{@code
 * TileFft t = new TileFft(64, 64);
 * t.load(x, 0, h, w, -pad, -pad); // rows -pad..63-pad, zero outside the image
 * t.forward(specRe, specIm, 0);
 * t.inverse(specRe, specIm, 0);   // destroys the spectrum
 * t.store(y, 0, outW, rows, cols, 1f / (64 * 64), 0f);
 * }</pre>
 */
final class TileFft {
    private final int nh;
    private final int nw;
    private final boolean vector;
    private final int m;
    private final int hs;
    private final FftPlan heightPlan;
    private final FftPlan widthPlan;
    /** {@code cos(2πk/nh)} and {@code sin(2πk/nh)} for {@code k ≤ m/2}: the twiddles that untangle the packing. */
    private final float[] cosH;

    private final float[] sinH;
    /** {@code (m + 1) × nw} complex: the height-axis working buffer, lanes are columns. */
    private final float[] zr;

    private final float[] zi;

    /**
     * @param nh tile height, a power of two ≥ 2
     * @param nw tile width, a power of two ≥ 1
     */
    TileFft(int nh, int nw) {
        this(nh, nw, FftSimd.VECTOR);
    }

    /**
     * @param nh tile height, a power of two ≥ 2
     * @param nw tile width, a power of two ≥ 1
     * @param vector whether to use the Vector API loops (tests run both)
     */
    TileFft(int nh, int nw, boolean vector) {
        this.vector = vector;
        if (nh < 2) {
            throw new IllegalArgumentException("tile height must be >= 2, got " + nh);
        }
        this.nh = nh;
        this.nw = nw;
        this.m = nh / 2;
        this.hs = m + 1;
        this.heightPlan = vector ? FftPlan.of(m) : FftPlan.scalar(m);
        this.widthPlan = vector ? FftPlan.of(nw) : FftPlan.scalar(nw);
        cosH = new float[m / 2 + 1];
        sinH = new float[m / 2 + 1];
        for (int k = 0; k <= m / 2; k++) {
            double a = 2 * Math.PI * k / nh;
            cosH[k] = (float) Math.cos(a);
            sinH[k] = (float) Math.sin(a);
        }
        zr = new float[(m + 1) * nw];
        zi = new float[(m + 1) * nw];
    }

    /** @return tile height */
    int height() {
        return nh;
    }

    /** @return tile width */
    int width() {
        return nw;
    }

    /** @return distance between spectrum rows: {@code nh/2 + 1} */
    int rowStride() {
        return hs;
    }

    /**
     * @return floats in one of the two arrays of a spectrum, {@code nw·rowStride()}. (Padding rows to whole vectors,
     *     to spare the width pass its one scalar remainder lane, measured no faster.)
     */
    int spectrumSize() {
        return nw * hs;
    }

    /**
     * Copies rows {@code row0 .. row0+nh−1} and columns {@code col0 .. col0+nw−1} of an {@code h × w} plane into the
     * tile, zero outside the plane, in the packed and bit-reversed order the forward transform starts from.
     */
    void load(float[] x, int xOff, int h, int w, int row0, int col0) {
        int cFrom = Math.max(0, -col0);
        int cTo = Math.min(nw, w - col0);
        for (int k = 0; k < m; k++) {
            int dst = heightPlan.reverse(k) * nw;
            loadRow(x, xOff, h, w, row0 + 2 * k, col0, cFrom, cTo, zr, dst);
            loadRow(x, xOff, h, w, row0 + 2 * k + 1, col0, cFrom, cTo, zi, dst);
        }
    }

    private void loadRow(float[] x, int xOff, int h, int w, int row, int col0, int cFrom, int cTo, float[] dst, int d) {
        if (row < 0 || row >= h || cFrom >= cTo) {
            Arrays.fill(dst, d, d + nw, 0f);
            return;
        }
        Arrays.fill(dst, d, d + cFrom, 0f);
        System.arraycopy(x, xOff + row * w + col0 + cFrom, dst, d + cFrom, cTo - cFrom);
        Arrays.fill(dst, d + cTo, d + nw, 0f);
    }

    /** Transforms the loaded tile into {@code (sr, si)} at {@code off} (layout in the class comment). */
    void forward(float[] sr, float[] si, int off) {
        heightPlan.dit(zr, zi, 0, nw, nw, -1);
        untangle();
        transpose(zr, 0, nw, sr, off, hs, m + 1, nw, vector);
        transpose(zi, 0, nw, si, off, hs, m + 1, nw, vector);
        widthPlan.dif(sr, si, off, hs, hs, -1);
    }

    /** Inverts the spectrum at {@code off} (overwriting it) into the tile, scaled by {@code nh·nw}. */
    void inverse(float[] sr, float[] si, int off) {
        widthPlan.dit(sr, si, off, hs, hs, +1);
        transpose(sr, off, hs, zr, 0, nw, nw, m + 1, vector);
        transpose(si, off, hs, zi, 0, nw, nw, m + 1, vector);
        tangle();
        heightPlan.dif(zr, zi, 0, nw, nw, +1);
    }

    /**
     * Writes {@code y[yOff + i·yW + j] = scale·tile[i][j] + bias} for {@code i < rows, j < cols}.
     */
    void store(float[] y, int yOff, int yW, int rows, int cols, float scale, float bias) {
        for (int i = 0; i < rows; i++) {
            float[] src = (i & 1) == 0 ? zr : zi;
            int s = heightPlan.reverse(i >> 1) * nw;
            int d = yOff + i * yW;
            for (int j = 0; j < cols; j++) {
                y[d + j] = src[s + j] * scale + bias;
            }
        }
    }

    /** Turns the half-length complex spectra of the packed columns into the {@code m + 1} real-input spectra. */
    void untangle() {
        int last = m * nw;
        for (int c = 0; c < nw; c++) {
            float r = zr[c];
            float i = zi[c];
            zr[c] = r + i;
            zi[c] = 0f;
            zr[last + c] = r - i;
            zi[last + c] = 0f;
        }
        for (int k = 1; k <= m / 2; k++) {
            if (vector) {
                VectorButterflies.untangle(zr, zi, k * nw, (m - k) * nw, nw, cosH[k], -sinH[k]);
            } else {
                Butterflies.untangle(zr, zi, k * nw, (m - k) * nw, nw, cosH[k], -sinH[k]);
            }
        }
    }

    /** The inverse of {@link #untangle}, times two: packs {@code m + 1} spectra into {@code m} complex ones. */
    void tangle() {
        int last = m * nw;
        for (int c = 0; c < nw; c++) {
            float a = zr[c];
            float b = zr[last + c];
            zr[c] = a + b;
            zi[c] = a - b;
        }
        for (int k = 1; k <= m / 2; k++) {
            if (vector) {
                VectorButterflies.tangle(zr, zi, k * nw, (m - k) * nw, nw, cosH[k], sinH[k]);
            } else {
                Butterflies.tangle(zr, zi, k * nw, (m - k) * nw, nw, cosH[k], sinH[k]);
            }
        }
    }

    /**
     * {@code d[dOff + c·dStride + k] = s[sOff + k·sStride + c]} for a {@code rows × cols} source: with {@code vector},
     * whole 8 × 8 blocks in registers where they pay ({@link Simd#blockTransposePays()}: JDK 25) or else whole vectors
     * of rows by gathers where those are instructions ({@link VectorTranspose}: JDK 17, where the blocks' rearranges ran
     * 3× slower than the scalar loop); the rest by
     * {@link #scalarTranspose}. The scalar loop was 28 % of a 512×512 ⊛ 31×31 filter (1 thread, JDK 25: 2.01 ms,
     * gathers 1.67–1.74, blocks 1.39; JDK 17: 1.94–1.97, gathers 1.70–1.80).
     */
    static void transpose(
            float[] s, int sOff, int sStride, float[] d, int dOff, int dStride, int rows, int cols, boolean vector) {
        int done = 0;
        if (vector && Simd.blockTransposePays()) {
            done = BlockTranspose.rows(s, sOff, sStride, d, dOff, dStride, rows, cols);
        } else if (vector && VectorTranspose.PAYS) {
            done = VectorTranspose.gatherRows(s, sOff, sStride, d, dOff, dStride, rows, cols);
        }
        scalarTranspose(s, sOff + done * sStride, sStride, d, dOff + done, dStride, rows - done, cols);
    }

    /**
     * {@code d[dOff + c·dStride + k] = s[sOff + k·sStride + c]} for a {@code rows × cols} source. Blocked so that both
     * sides stay in L1; the inner loop writes contiguously, which measured 10-15 % faster than reading contiguously.
     */
    static void scalarTranspose(
            float[] s, int sOff, int sStride, float[] d, int dOff, int dStride, int rows, int cols) {
        final int b = 32;
        for (int c0 = 0; c0 < cols; c0 += b) {
            int c1 = Math.min(cols, c0 + b);
            for (int k0 = 0; k0 < rows; k0 += b) {
                int k1 = Math.min(rows, k0 + b);
                for (int c = c0; c < c1; c++) {
                    int at = dOff + c * dStride;
                    int src = sOff + c;
                    for (int k = k0; k < k1; k++) {
                        d[at + k] = s[src + k * sStride];
                    }
                }
            }
        }
    }
}
