package io.github.conv4j.kernel.direct;

import io.github.conv4j.kernel.simd.ShortRowCopy;
import io.github.conv4j.spec.ConvGeometry;

/**
 * Small planes with a horizontal stride (MobileNet's stride-2 depthwise layers): the zero-padded plane is split into
 * {@code sh·sw} phase planes, phase {@code (a, b)} holding the padded pixels {@code (r·sh + a, c·sw + b)}. Tap
 * {@code (p, q)} of output {@code (i, j)} reads padded pixel {@code (i·sh + p·dh, j·sw + q·dw)}, which is pixel
 * {@code (i + ⌊p·dh/sh⌋, j + ⌊q·dw/sw⌋)} of phase {@code (p·dh mod sh, q·dw mod sw)}: a fixed offset from the output
 * position, so the strided convolution becomes one flat stride-1 sweep per tap over the phase planes
 * ({@link VectorSmallPlanes#sweepTaps}). Strided rows had gone through the row kernel, which computed every column of a
 * stride-1 row and kept every {@code sw}-th, with the border columns of such short rows on the scalar path: 2–0.5
 * GFLOP/s.
 *
 * <p>Each output is the same chain as every other path of the plane kernel, bias then the taps row by row, padding taps
 * included as products with zero; the scalar path ({@code vector == false}) computes the same bits.
 */
final class PhasePlanes {
    private PhasePlanes() {}

    /**
     * One output plane.
     *
     * @param g the geometry; {@link SmallPlanes#applies} must hold
     * @param x the input array
     * @param xOff the input plane's first element
     * @param w the weight array
     * @param wOff the kernel's first tap
     * @param bias added to every output
     * @param y the output array
     * @param yOff the output plane's first element
     * @param simd whether the Vector API may be used
     */
    static void plane(
            ConvGeometry g, float[] x, int xOff, float[] w, int wOff, float bias, float[] y, int yOff, boolean simd) {
        int sh = g.sh();
        int sw = g.sw();
        int outH = g.outH();
        int outW = g.outW();
        int wp = g.inW() + g.padLeft() + g.padRight();
        // Phase rows: every output row plus the rows its lowest tap reaches down, plus one that the sweep's positions
        // past an output row's end (computed and dropped) may read into. With the Vector API each phase plane is
        // followed by a vector of room: the vector split writes zeros past a row's last value, and the sweep runs up
        // to a whole vector past the last output position instead of ending on scalar positions.
        int he = (wp + sw - 1) / sw;
        int rows = outH + (g.kh() - 1) * g.dh() / sh + 1;
        int room = simd ? ShortRowCopy.SLACK : 0;
        int phaseSize = rows * he + room;
        int taps = g.kh() * g.kw();
        Workspace ws = Workspace.get();
        float[] phases =
                ws.phases(sh * sw * phaseSize + room, he, rows, g.padTop(), g.padLeft(), g.inW(), g.inH(), sh, sw);
        split(g, x, xOff, phases, he, rows, phaseSize, simd);
        int[] offs = ws.offs(taps);
        for (int p = 0; p < g.kh(); p++) {
            for (int q = 0; q < g.kw(); q++) {
                int down = p * g.dh();
                int right = q * g.dw();
                int phase = (down % sh) * sw + right % sw;
                offs[p * g.kw() + q] = phase * phaseSize + (down / sh) * he + right / sw;
            }
        }
        int length = outH * he;
        float[] flat = ws.flat(length + 2 * room);
        if (simd) {
            int swept = (length + room - 1) / room * room;
            VectorSmallPlanes.sweepTaps(taps, phases, offs, w, wOff, bias, flat, 0, swept);
            ShortRowCopy.rows(flat, 0, he, y, yOff, outW, outH);
        } else {
            SmallPlanes.scalarSweep(taps, phases, offs, w, wOff, bias, flat, length);
            for (int i = 0; i < outH; i++) {
                System.arraycopy(flat, i * he, y, yOff + i * outW, outW);
            }
        }
    }

    /**
     * Copies the input plane into the phase planes: input pixel {@code (r, c)} is padded pixel
     * {@code (r + pt, c + pl)}. Rows below the last phase row are never read and not copied. The same cells are written
     * for every plane of a layout, so the padding cells stay zero ({@link Workspace#phases}).
     */
    private static void split(
            ConvGeometry g, float[] x, int xOff, float[] phases, int he, int rows, int phaseSize, boolean simd) {
        int sh = g.sh();
        int sw = g.sw();
        int inW = g.inW();
        int pl = g.padLeft();
        for (int r = 0; r < g.inH(); r++) {
            int rp = r + g.padTop();
            int t = rp / sh;
            if (t >= rows) {
                break;
            }
            int rowStart = (rp % sh) * sw * phaseSize + t * he;
            int src = xOff + r * inW;
            int c = 0;
            if (simd && sw == 2) {
                // Input columns 2k and 2k + 1 land in phases pl mod 2 and (pl + 1) mod 2, at k + ⌊pl/2⌋ and
                // k + ⌊(pl + 1)/2⌋.
                int evenAt = rowStart + (pl & 1) * phaseSize + (pl >> 1);
                int oddAt = rowStart + ((pl + 1) & 1) * phaseSize + ((pl + 1) >> 1);
                c = VectorPhasePlanes.split(x, src, inW, phases, evenAt, oddAt);
            }
            // The rest phase by phase, so that no column needs a division: in phase b, the columns c ≡ b − pl (mod sw)
            // from the first such c at or after the vector part, at consecutive positions ⌊(c + pl)/sw⌋.
            for (int b = 0; b < sw; b++) {
                int first = c + Math.floorMod(b - pl - c, sw);
                int at = rowStart + b * phaseSize + (first + pl) / sw;
                for (int col = first; col < inW; col += sw, at++) {
                    phases[at] = x[src + col];
                }
            }
        }
    }
}
