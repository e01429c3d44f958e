package io.github.conv4j.kernel.fft;

import io.github.conv4j.spec.ConvGeometry;

/**
 * How an FFT convolution cuts its output into tiles (overlap-save): every output tile of {@code tileH × tileW} is
 * computed from one {@code nh × nw} FFT of the input rows and columns it reads, {@code tileH = nh − kh + 1}. The
 * choice is a cost model kept in this one place: small FFTs waste work on the {@code k − 1} halo every tile
 * recomputes, large ones cost {@code log n} per element and fall out of cache.
 *
 * <pre>{@code
 * FftTiling t = FftTiling.choose(g); // 512×512 ⊛ 31×31 valid: 128×128 FFTs, 98×98 outputs each, 5×5 tiles
 * }</pre>
 *
 * @param nh FFT height, a power of two
 * @param nw FFT width, a power of two
 * @param tileH output rows per tile
 * @param tileW output columns per tile
 * @param tilesH tiles down the output
 * @param tilesW tiles across the output
 */
record FftTiling(int nh, int nw, int tileH, int tileW, int tilesH, int tilesW) {
    /** Largest FFT side considered: bounds workspace and keeps the overflow guard of {@link FftConv2d} valid. */
    static final int MAX_SIDE = 2048;

    /** Workspace cap in floats (64 MiB): beyond it the kernel spectra alone would not stay in memory comfortably. */
    static final long MAX_WORKSPACE_FLOATS = 1L << 24;

    /** Per-element cost of a tile transform besides its {@code log2} butterfly stages: copy, untangle, transpose. */
    private static final double OVERHEAD_STAGES = 4;

    /** Cost of one complex multiply-accumulate of spectra, in units of one element-stage of a transform. */
    private static final double MAC_COST = 2;

    /**
     * Transforms larger than this many elements run slower per element-stage: a tile's buffers, its spectrum and
     * the kernel spectrum it meets no longer share L2 (512 KiB on the target). Measured on 512² ⊛ 31²: 128×128 tiles
     * beat 128×512 and 512×128 by 10-20 % although they do 5 % more element-stages.
     */
    private static final double CACHE_FRIENDLY_ELEMENTS = 1 << 14;

    /** Extra cost per doubling of the tile beyond {@link #CACHE_FRIENDLY_ELEMENTS}. */
    private static final double PER_DOUBLING = 0.25;

    /**
     * The cheapest tiling for {@code g} whose workspace fits the cap.
     *
     * @param g a geometry with stride 1 and dilation 1
     * @return the tiling, or {@code null} if none fits
     */
    static FftTiling choose(ConvGeometry g) {
        FftTiling best = null;
        double bestCost = Double.POSITIVE_INFINITY;
        for (int nh = minSide(g.kh(), 2); nh <= maxSide(g.outH(), g.kh(), 2); nh *= 2) {
            for (int nw = minSide(g.kw(), 1); nw <= maxSide(g.outW(), g.kw(), 1); nw *= 2) {
                int tileH = nh - g.kh() + 1;
                int tileW = nw - g.kw() + 1;
                FftTiling t = new FftTiling(nh, nw, tileH, tileW, ceilDiv(g.outH(), tileH), ceilDiv(g.outW(), tileW));
                if (t.workspaceFloats(g) > MAX_WORKSPACE_FLOATS) {
                    continue;
                }
                double cost = t.cost(g);
                if (cost < bestCost) {
                    bestCost = cost;
                    best = t;
                }
            }
        }
        return best;
    }

    /** @return floats in one spectrum array: {@code nw·(nh/2 + 1)} */
    long spectrumSize() {
        return (long) nw * (nh / 2 + 1);
    }

    /**
     * @param g the geometry
     * @return floats of workspace: kernel spectra, one group's input spectra, an accumulator and the tile buffers
     */
    long workspaceFloats(ConvGeometry g) {
        long spectra = (long) g.outC() * g.inCPerGroup() + g.inCPerGroup() + 1;
        return 2 * spectrumSize() * spectra + 2L * (nh / 2 + 1) * nw;
    }

    /**
     * @param g the geometry
     * @return the model's cost, in element-stages of a transform
     */
    double cost(ConvGeometry g) {
        double elements = (double) nh * nw;
        double perTransform = elements * (log2(nh) + log2(nw) + OVERHEAD_STAGES);
        if (elements > CACHE_FRIENDLY_ELEMENTS) {
            perTransform *= 1 + PER_DOUBLING * Math.log(elements / CACHE_FRIENDLY_ELEMENTS) / Math.log(2);
        }
        double tiles = (double) g.n() * tilesH * tilesW;
        double transforms = tiles * (g.inC() + g.outC()) + (double) g.outC() * g.inCPerGroup();
        double macs = tiles * g.outC() * g.inCPerGroup() * spectrumSize() * MAC_COST;
        return transforms * perTransform + macs;
    }

    private static int minSide(int k, int floor) {
        return Math.max(floor, ceilPow2(k));
    }

    private static int maxSide(int out, int k, int floor) {
        return Math.min(MAX_SIDE, Math.max(floor, ceilPow2(out + k - 1)));
    }

    static int ceilPow2(int v) {
        return v <= 1 ? 1 : Integer.highestOneBit(v - 1) << 1;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    private static int log2(int v) {
        return Integer.numberOfTrailingZeros(v);
    }
}
