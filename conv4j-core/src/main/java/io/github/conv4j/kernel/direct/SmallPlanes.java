package io.github.conv4j.kernel.direct;

import io.github.conv4j.kernel.ConvTuning;
import io.github.conv4j.kernel.simd.ShortRowCopy;
import io.github.conv4j.kernel.simd.Simd;
import io.github.conv4j.spec.ConvGeometry;

/**
 * Small planes (MobileNet's 14×14 and 7×7 depthwise layers) leave the row kernel almost nothing but scalar border
 * columns, and planes up to a few hundred pixels wide fit the caches whole. Here a plane is copied once into a zero-bordered buffer of row pitch {@code Wp = W + left + right}; then
 * every tap is one flat multiply-add sweep over {@code H_out·Wp} consecutive positions, as if the plane were one long
 * row (positions {@code j ≥ W_out} of each row are computed and dropped). Every output is the same fixed chain of
 * fused multiply-adds — bias, then the taps in row-major order — on the vector and scalar paths alike.
 */
final class SmallPlanes {
    /** Output rows per band of {@link #rowBands}: even, so that the sweep's row pairs stay within a band. */
    static final int BAND_ROWS = 8;

    private SmallPlanes() {}

    /**
     * Whether the flat path computes this geometry (any stride and dilation; horizontal strides through
     * {@link PhasePlanes}).
     */
    static boolean applies(ConvGeometry g) {
        return g.inW() + g.padLeft() + g.padRight() <= ConvTuning.SMALL_PLANE_MAX_WIDTH;
    }

    /** One whole output plane. */
    static void plane(
            ConvGeometry g, float[] x, int xOff, float[] w, int wOff, float bias, float[] y, int yOff, boolean vector) {
        int inH = g.inH();
        int inW = g.inW();
        int pt = g.padTop();
        int pl = g.padLeft();
        int wp = inW + pl + g.padRight();
        int denseH = (g.outH() - 1) * g.sh() + 1;
        int hp = denseH + (g.kh() - 1) * g.dh();
        int reach = (g.kw() - 1) * g.dw();
        boolean simd = vector && Simd.available();
        if (g.sw() > 1) {
            if (simd && VectorStride2Planes.applies(g) && VectorStride2Planes.inside(g, x, xOff, y, yOff)) {
                VectorStride2Planes.plane(g, x, xOff, w, wOff, bias, y, yOff);
            } else {
                PhasePlanes.plane(g, x, xOff, w, wOff, bias, y, yOff, simd);
            }
            return;
        }
        if (simd && VectorNarrowPlanes.applies(g) && VectorNarrowPlanes.inside(g, x, xOff, y, yOff)) {
            VectorNarrowPlanes.plane(g, x, xOff, w, wOff, bias, y, yOff);
            return;
        }
        if (simd && VectorNarrowPlanes5x5.applies(g) && VectorNarrowPlanes5x5.inside(g, x, xOff, y, yOff)) {
            VectorNarrowPlanes5x5.plane(g, x, xOff, w, wOff, bias, y, yOff);
            return;
        }
        Workspace ws = Workspace.get();
        if (simd && g.outW() >= VectorSmallPlanes.ROW_BLOCK) {
            rowBands(g, x, xOff, w, wOff, bias, y, yOff, ws);
            return;
        }
        float[] padded = ws.bordered(hp * wp + reach + 64, wp, hp, pt, pl, inW, inH);
        int firstRow = Math.max(0, pt);
        int lastRow = Math.min(hp, pt + inH);
        if (simd) {
            // Short rows cost System.arraycopy a call each: a third of a 512-channel 14×14 depthwise layer (wider
            // rows still go to it).
            ShortRowCopy.rowsMasked(
                    x, xOff + (firstRow - pt) * inW, inW, padded, firstRow * wp + pl, wp, inW, lastRow - firstRow);
        } else {
            for (int r = firstRow; r < lastRow; r++) {
                System.arraycopy(x, xOff + (r - pt) * inW, padded, r * wp + pl, inW);
            }
        }
        if (simd && VectorSmallPlanes.narrowRows3x3(g)) {
            // Straight into the output rows: the flat sweep's compaction took as long as the sweep (14×14 planes).
            VectorSmallPlanes.sweepRows3x3Narrow(g, padded, wp, w, wOff, bias, y, yOff);
            return;
        }
        int length = denseH * wp;
        float[] flat = ws.flat(length + (simd ? ShortRowCopy.SLACK : 0));
        if (simd) {
            VectorSmallPlanes.sweep(g, padded, wp, w, wOff, bias, flat, length, ws.offs(g.kh() * g.kw()));
        } else {
            int[] offs = ws.offs(g.kh() * g.kw());
            tapOffsets(g, wp, offs);
            scalarSweep(g.kh() * g.kw(), padded, offs, w, wOff, bias, flat, length);
        }
        int outW = g.outW();
        if (simd) {
            ShortRowCopy.rows(flat, 0, g.sh() * wp, y, yOff, outW, g.outH());
            return;
        }
        for (int i = 0; i < g.outH(); i++) {
            System.arraycopy(flat, i * g.sh() * wp, y, yOff + i * outW, outW);
        }
    }

    /**
     * Rows of four vectors or more go straight to the output ({@link VectorSmallPlanes#sweepRows}; the flat buffer's
     * compaction was a fifth of the 32-channel 112×112 depthwise layer), a band of {@link #BAND_ROWS} output rows at a
     * time: the band's input rows are copied into a zero-bordered buffer small enough to stay in the first-level cache
     * until the sweep has read it (the whole 112×112 plane's copy, 52 KB, had left it).
     */
    private static void rowBands(
            ConvGeometry g, float[] x, int xOff, float[] w, int wOff, float bias, float[] y, int yOff, Workspace ws) {
        int inH = g.inH();
        int inW = g.inW();
        int pt = g.padTop();
        int pl = g.padLeft();
        int sh = g.sh();
        int wp = inW + pl + g.padRight();
        int reach = (g.kw() - 1) * g.dw();
        int span = (g.kh() - 1) * g.dh() + 1;
        int bandRows = (BAND_ROWS - 1) * sh + span;
        float[] band = ws.bordered(bandRows * wp + reach + 64, wp, bandRows, pt, pl, inW, inH);
        int[] offs = ws.offs(g.kh() * g.kw());
        for (int i0 = 0; i0 < g.outH(); i0 += BAND_ROWS) {
            int i1 = Math.min(g.outH(), i0 + BAND_ROWS);
            int rows = (i1 - 1 - i0) * sh + span;
            for (int k = 0; k < rows; k++) {
                // Row k of the band is row i0·sh + k of the padded plane.
                int r = i0 * sh + k - pt;
                if (r >= 0 && r < inH) {
                    System.arraycopy(x, xOff + r * inW, band, k * wp + pl, inW);
                } else {
                    java.util.Arrays.fill(band, k * wp + pl, k * wp + pl + inW, 0f);
                }
            }
            VectorSmallPlanes.sweepRows(g, band, wp, w, wOff, bias, y, yOff, offs, i0, i1);
        }
    }

    /** Fills {@code offs} with each tap's offset in a bordered plane of row pitch {@code wp}, row-major over the taps. */
    static void tapOffsets(ConvGeometry g, int wp, int[] offs) {
        for (int p = 0; p < g.kh(); p++) {
            for (int q = 0; q < g.kw(); q++) {
                offs[p * g.kw() + q] = p * g.dh() * wp + q * g.dw();
            }
        }
    }

    /** The scalar twin of {@link VectorSmallPlanes#sweepTaps}: the same chains, position by position. */
    static void scalarSweep(
            int taps, float[] src, int[] offs, float[] w, int wOff, float bias, float[] flat, int length) {
        java.util.Arrays.fill(flat, 0, length, bias);
        for (int t = 0; t < taps; t++) {
            float tap = w[wOff + t];
            int off = offs[t];
            for (int f = 0; f < length; f++) {
                flat[f] = Math.fma(tap, src[off + f], flat[f]);
            }
        }
    }
}
