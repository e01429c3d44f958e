package io.github.conv4j.kernel.im2col;

import io.github.conv4j.kernel.Workspace;
import io.github.conv4j.kernel.parallel.Parallel;
import io.github.conv4j.kernel.simd.PairSplit;
import io.github.conv4j.kernel.simd.Simd;
import io.github.conv4j.spec.ConvGeometry;

/**
 * Implicit im2col for convolutions with few input channels (the 3-channel 7×7 stride-2 stem of ResNet): the GEMM
 * micro-kernel's B operand is read straight from the input instead of from a built and packed column matrix, which for
 * the stem cost as much as the multiplication itself.
 *
 * <p>Each input plane is copied once per sample into a zero-bordered buffer split into {@code s_W} column phases
 * ({@code P_φ[t] = xpad[s_W·t + φ]}), so the input values that tap {@code (c, p, q)} contributes to consecutive outputs
 * of a row are consecutive in one phase row: {@code xpad[i·s_H + p·d_H][j·s_W + q·d_W] = P_{(q·d_W) mod s_W}[j +
 * (q·d_W) div s_W]}. A table of one offset per tap then drives a register block of 6 output channels × 2 or 3 vectors
 * of output positions with 32 vector registers ({@link VectorImplicitIm2col}), of 4 channels × 2 vectors with 16
 * ({@link VectorImplicitIm2colQuad}); every output is one fused multiply-add chain over the taps in order, plus the
 * bias, whatever the thread count and block.
 */
final class ImplicitIm2col {
    /** Input channels per group up to which the implicit path runs (the explicit column matrix is small above). */
    static final int MAX_CHANNELS = 4;

    /** Output channels per group from which the implicit path runs: at least one whole register block of rows. */
    static final int MIN_OUT_CHANNELS = 6;

    private ImplicitIm2col() {}

    /** Whether the implicit path runs this geometry: few input channels, the Vector API present. */
    static boolean applies(ConvGeometry g) {
        return Simd.available() && g.inCPerGroup() <= MAX_CHANNELS && g.outCPerGroup() >= MIN_OUT_CHANNELS;
    }

    /** {@code y = conv2d(x, w) + b} with zero padding; requires {@link #applies}. */
    static void forward(ConvGeometry g, float[] x, float[] w, float[] b, float[] y) {
        forward(g, x, w, b, y, VectorImplicitIm2col.defaultBlockRows());
    }

    /**
     * {@link #forward(ConvGeometry, float[], float[], float[], float[])} on register blocks of {@code mr} output
     * channels: {@link VectorImplicitIm2col#MR} or {@link VectorImplicitIm2colQuad#MR} (tests run both on any machine;
     * the bits are the same).
     */
    static void forward(ConvGeometry g, float[] x, float[] w, float[] b, float[] y, int mr) {
        if (mr != VectorImplicitIm2col.MR && mr != VectorImplicitIm2colQuad.MR) {
            // Any other height would pack the weights for a block no kernel reads that way.
            throw new IllegalArgumentException("register block of " + mr + " output channels: expected "
                    + VectorImplicitIm2col.MR + " or " + VectorImplicitIm2colQuad.MR);
        }
        int cpg = g.inCPerGroup();
        int opg = g.outCPerGroup();
        int kh = g.kh();
        int kw = g.kw();
        int taps = cpg * kh * kw;
        int sw = g.sw();
        int hp = g.inH() + g.padTop() + g.padBottom();
        int wp = g.inW() + g.padLeft() + g.padRight();
        int lanes = VectorImplicitIm2col.LANES;
        int wh = (wp + sw - 1) / sw + 2 * lanes;
        int planeFloats = hp * sw * wh;
        int[] tapOff = new int[taps];
        for (int c = 0; c < cpg; c++) {
            for (int p = 0; p < kh; p++) {
                for (int q = 0; q < kw; q++) {
                    int col = q * g.dw();
                    tapOff[(c * kh + p) * kw + q] = c * planeFloats + ((p * g.dh()) * sw + col % sw) * wh + col / sw;
                }
            }
        }
        int opgPad = (opg + mr - 1) / mr * mr;
        // Each group's weights padded with zero rows to whole register blocks, and packed per block tap by tap
        // ({@code mr} consecutive floats per tap) as the GEMM packs its A panels: the block's broadcasts read one
        // stream instead of mr rows a whole kernel apart.
        float[] wpad = new float[g.groups() * opgPad * taps];
        for (int grp = 0; grp < g.groups(); grp++) {
            for (int o = 0; o < opg; o++) {
                int block = grp * opgPad * taps + (o / mr) * mr * taps;
                for (int t = 0; t < taps; t++) {
                    wpad[block + t * mr + o % mr] = w[(grp * opg + o) * taps + t];
                }
            }
        }
        int rowStep = g.sh() * sw * wh;
        int outH = g.outH();
        int outW = g.outW();
        int planes = g.n() * g.groups();
        if (planes >= 2 * Parallel.threads() || Parallel.threads() == 1) {
            // Enough samples: each thread stages and computes whole (sample, group) pairs, no hand-off per row.
            Parallel.forRange(planes, 1, (p0, p1) -> {
                float[] phases = Workspace.floats(3, cpg * planeFloats);
                for (int pair = p0; pair < p1; pair++) {
                    int n = pair / g.groups();
                    int grp = pair % g.groups();
                    stage(g, x, (n * g.inC() + grp * cpg) * g.inH() * g.inW(), phases, planeFloats, wh);
                    rows(
                            mr,
                            phases,
                            tapOff,
                            taps,
                            wpad,
                            grp * opgPad * taps,
                            opg,
                            opgPad,
                            b,
                            grp * opg,
                            y,
                            (n * g.outC() + grp * opg) * outH * outW,
                            outH,
                            outW,
                            rowStep,
                            0,
                            outH);
                }
            });
            return;
        }
        float[] phases = Workspace.floats(3, cpg * planeFloats);
        int grain = Math.max(1, (int) Math.min(outH, (1L << 21) / Math.max(1L, (long) opgPad * taps * outW)));
        if (mr == VectorImplicitIm2col.MR && VectorImplicitIm2col.flat(outW)) {
            // Whole groups of rows, so that no task ends in the one-vector block (work still splits at fixed rows).
            grain = (grain + VectorImplicitIm2col.FLAT_ROWS - 1)
                    / VectorImplicitIm2col.FLAT_ROWS
                    * VectorImplicitIm2col.FLAT_ROWS;
        }
        for (int pair = 0; pair < planes; pair++) {
            int n = pair / g.groups();
            int grp = pair % g.groups();
            stage(g, x, (n * g.inC() + grp * cpg) * g.inH() * g.inW(), phases, planeFloats, wh);
            int yOff = (n * g.outC() + grp * opg) * outH * outW;
            int wOff = grp * opgPad * taps;
            int biasOff = grp * opg;
            Parallel.forRange(
                    outH,
                    grain,
                    (i0, i1) -> rows(
                            mr, phases, tapOff, taps, wpad, wOff, opg, opgPad, b, biasOff, y, yOff, outH, outW, rowStep,
                            i0, i1));
        }
    }

    /** Output rows {@code [i0, i1)} on the register block of {@code mr} output channels. */
    private static void rows(
            int mr,
            float[] phases,
            int[] tapOff,
            int taps,
            float[] wpad,
            int wOff,
            int opg,
            int opgPad,
            float[] bias,
            int biasOff,
            float[] y,
            int yOff,
            int outH,
            int outW,
            int rowStep,
            int i0,
            int i1) {
        if (mr == VectorImplicitIm2colQuad.MR) {
            VectorImplicitIm2colQuad.rows(
                    phases, tapOff, taps, wpad, wOff, opg, opgPad, bias, biasOff, y, yOff, outH, outW, rowStep, i0, i1);
        } else {
            VectorImplicitIm2col.rows(
                    phases, tapOff, taps, wpad, wOff, opg, opgPad, bias, biasOff, y, yOff, outH, outW, rowStep, i0, i1);
        }
    }

    /**
     * Copies the group's input planes into the zero-bordered phase buffers, padded rows in parallel (run on a pool
     * thread, serially): a whole-buffer fill and a serial copy took a fifth of the stem's time on two threads.
     */
    private static void stage(ConvGeometry g, float[] x, int xOff, float[] phases, int planeFloats, int wh) {
        int sw = g.sw();
        int rowFloats = sw * wh;
        int cpg = g.inCPerGroup();
        int rowsPerPlane = planeFloats / rowFloats;
        Parallel.forRange(cpg * rowsPerPlane, 64, (r0, r1) -> {
            for (int r = r0; r < r1; r++) {
                int c = r / rowsPerPlane;
                int hPadded = r % rowsPerPlane;
                int rowBase = c * planeFloats + hPadded * rowFloats;
                java.util.Arrays.fill(phases, rowBase, rowBase + rowFloats, 0f);
                int h = hPadded - g.padTop();
                if (h < 0 || h >= g.inH()) {
                    continue;
                }
                int src = xOff + (c * g.inH() + h) * g.inW();
                if (sw == 2) {
                    // Input column iw goes to phase (iw + padLeft) mod 2 at (iw + padLeft) / 2: the pairs (2i, 2i + 1)
                    // split into two rows, on whole vectors (the scalar split was a tenth of the stem at 2 threads).
                    int pl = g.padLeft();
                    int evenAt = rowBase + Math.floorMod(pl, 2) * wh + Math.floorDiv(pl, 2);
                    int oddAt = rowBase + Math.floorMod(pl + 1, 2) * wh + Math.floorDiv(pl + 1, 2);
                    int pairs = g.inW() / 2;
                    int done = PairSplit.split(x, src, phases, evenAt, oddAt, pairs);
                    for (int i = done; i < pairs; i++) {
                        phases[evenAt + i] = x[src + 2 * i];
                        phases[oddAt + i] = x[src + 2 * i + 1];
                    }
                    if (g.inW() % 2 == 1) {
                        phases[evenAt + pairs] = x[src + 2 * pairs];
                    }
                    continue;
                }
                for (int phase = 0; phase < sw; phase++) {
                    // Input columns iw with (iw + padLeft) mod sw = phase, to consecutive places of that phase.
                    int iw0 = Math.floorMod(phase - g.padLeft(), sw);
                    int dst = rowBase + phase * wh + (iw0 + g.padLeft()) / sw;
                    for (int iw = iw0; iw < g.inW(); iw += sw, dst++) {
                        phases[dst] = x[src + iw];
                    }
                }
            }
        });
    }
}
