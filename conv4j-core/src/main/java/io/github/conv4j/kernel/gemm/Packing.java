package io.github.conv4j.kernel.gemm;

import io.github.conv4j.kernel.simd.BlockTranspose;
import io.github.conv4j.kernel.simd.Simd;
import java.util.Arrays;

/**
 * Copies blocks of op(A) and op(B) into the layouts the micro-kernels read.
 *
 * <p>A becomes a row-major block of whole register blocks of rows, {@code kc} floats per row; only transposed A and
 * the last, partial row panel of a plain A need it, since plain A already has that layout in the caller's array. B
 * becomes panels of width {@code nr}: for each depth step p, {@code nr} consecutive floats, so the kernel's vector
 * loads are sequential whatever the transposition and leading dimension of B. Padding rows and columns are zero: they
 * contribute exact zeros to results that are never written back.
 */
final class Packing {
    private static final boolean BLOCKS = Simd.blockTransposePays();

    private Packing() {}

    /**
     * Packs op(A) rows {@code [i0, i0 + rows)}, depth {@code [p0, p0 + kc)} as a row-major block with row length
     * {@code kc}: op(A)(i0 + r, p0 + p) goes to {@code dstOff + r * kc + p}, and rows from {@code rows} up to the next
     * multiple of {@code mr} are zero.
     */
    static void packA(
            boolean transA,
            float[] a,
            int aOff,
            int lda,
            int i0,
            int rows,
            int p0,
            int kc,
            int mr,
            float[] dst,
            int dstOff) {
        if (transA) {
            // op(A)(i, p) = A(p, i): stored row p holds depth step p for all rows i, so it is gathered across.
            gatherPanel(a, aOff + p0 * lda + i0, lda, kc, rows, dst, dstOff, kc);
        } else {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(a, aOff + (i0 + r) * lda + p0, dst, dstOff + r * kc, kc);
            }
        }
        int padded = GemmTuning.roundUp(rows, mr);
        Arrays.fill(dst, dstOff + rows * kc, dstOff + padded * kc, 0f);
    }

    /**
     * Packs op(B) depth {@code [p0, p0 + kc)}, columns {@code [j0, j0 + cols)}: the panel holding columns {@code jr ..
     * jr + nr - 1} starts at {@code dstOff + jr * kc}, with op(B)(p0 + p, j0 + jr + jj) at
     * {@code dstOff + jr * kc + p * nr + jj}. A last, partial panel of at most {@code narrowNr} columns is packed
     * {@code narrowNr} wide instead (for the narrow micro-kernel; {@link #panelWidth}); pass {@code narrowNr = nr}
     * for none.
     */
    static void packB(
            boolean transB,
            float[] b,
            int bOff,
            int ldb,
            int p0,
            int kc,
            int j0,
            int cols,
            int nr,
            int narrowNr,
            float[] dst,
            int dstOff) {
        if (transB) {
            for (int jr = 0; jr < cols; jr += nr) {
                int lanes = Math.min(nr, cols - jr);
                gatherPanel(
                        b,
                        bOff + (j0 + jr) * ldb + p0,
                        ldb,
                        lanes,
                        kc,
                        dst,
                        dstOff + jr * kc,
                        panelWidth(lanes, nr, narrowNr));
            }
        } else {
            copyPanels(b, bOff + p0 * ldb + j0, ldb, cols, kc, dst, dstOff, nr, narrowNr);
        }
    }

    /**
     * The packed width of a panel of {@code lanes} columns: {@code narrowNr} for a partial panel that fits it, else
     * {@code nr}. The driver picks the micro-kernel by the same rule, so kernel and panel always agree.
     */
    static int panelWidth(int lanes, int nr, int narrowNr) {
        return lanes < nr && lanes <= narrowNr ? narrowNr : nr;
    }

    /**
     * Transposing copy: {@code dst[base + step * w + lane] = src[s0 + lane * ld + step]} for {@code lane < lanes},
     * {@code step < steps}, so each lane is a contiguous source row; lanes from {@code lanes} to {@code w} are zero.
     */
    private static void gatherPanel(float[] src, int s0, int ld, int lanes, int steps, float[] dst, int base, int w) {
        // Whole groups of eight lanes as 8 × 8 blocks in registers where that pays (a tenth of the backward pass of the
        // 64-channel layer went to this copy).
        int lane = BLOCKS ? BlockTranspose.rows(src, s0, ld, dst, base, w, lanes, steps) : 0;
        // Four source rows at a time: four sequential read streams and four adjacent writes per step, where one row
        // at a time writes a single float per destination row (measured about twice as slow).
        for (; lane + 4 <= lanes; lane += 4) {
            int r0 = s0 + lane * ld;
            int r1 = r0 + ld;
            int r2 = r1 + ld;
            int r3 = r2 + ld;
            int d = base + lane;
            for (int step = 0; step < steps; step++, d += w) {
                dst[d] = src[r0 + step];
                dst[d + 1] = src[r1 + step];
                dst[d + 2] = src[r2 + step];
                dst[d + 3] = src[r3 + step];
            }
        }
        for (; lane < lanes; lane++) {
            int r = s0 + lane * ld;
            int d = base + lane;
            for (int step = 0; step < steps; step++, d += w) {
                dst[d] = src[r + step];
            }
        }
        zeroPad(lanes, steps, dst, base, w);
    }

    /**
     * All panels of width {@code w} over {@code count} lanes whose lane l, step p comes from
     * {@code src[s0 + p * ld + l]}: each step is a contiguous source run across every panel. Walking the source row
     * by row keeps its reads sequential (prefetch-friendly) where panel by panel would jump a whole row per step.
     */
    private static void copyPanels(
            float[] src, int s0, int ld, int count, int kc, float[] dst, int dstOff, int w, int narrowW) {
        int full = count / w * w;
        for (int p = 0; p < kc; p++) {
            int s = s0 + p * ld;
            int d = dstOff + p * w;
            for (int l = 0; l < full; l += w) {
                copyRun(src, s + l, dst, d + l * kc, w);
            }
        }
        if (full < count) {
            int base = dstOff + full * kc;
            int lastW = panelWidth(count - full, w, narrowW);
            for (int p = 0; p < kc; p++) {
                copyRun(src, s0 + p * ld + full, dst, base + p * lastW, count - full);
            }
            zeroPad(count - full, kc, dst, base, lastW);
        }
    }

    private static void copyRun(float[] src, int s, float[] dst, int d, int len) {
        if (len >= 8) {
            System.arraycopy(src, s, dst, d, len);
        } else {
            // arraycopy's fixed cost dominates for runs this short.
            for (int l = 0; l < len; l++) {
                dst[d + l] = src[s + l];
            }
        }
    }

    private static void zeroPad(int lanes, int kc, float[] dst, int base, int w) {
        if (lanes == w) {
            return;
        }
        for (int p = 0; p < kc; p++) {
            int d = base + p * w;
            for (int l = lanes; l < w; l++) {
                dst[d + l] = 0f;
            }
        }
    }
}
