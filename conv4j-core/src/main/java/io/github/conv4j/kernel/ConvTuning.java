package io.github.conv4j.kernel;

/**
 * Every threshold the algorithm selector uses, in one place, each with the measurement behind it (see
 * {@code BENCHMARKS.md}). Change a number here, not in the kernels.
 */
public final class ConvTuning {
    private ConvTuning() {}

    /**
     * Below this many multiply-adds the reference loops win: fast kernels pay for packing and dispatch (the seeds'
     * 6×8 example has 84).
     */
    public static final long TINY_MACS = 2_048;

    /**
     * Winograd's transforms cost O(C) per tile; with fewer channels than this on either side the GEMMs are too thin
     * to amortise them and im2col wins.
     */
    public static final int WINOGRAD_MIN_CHANNELS = 16;

    /**
     * Kernels with at least this many taps (11×11) run by FFT when the geometry allows: the anchor 512×512 ⊛ 31×31
     * takes about 1.8 ms CPU by FFT against a direct-method lower bound of 4.4 ms at full FMA peak.
     */
    public static final int FFT_MIN_TAPS = 121;

    /**
     * Rank-1 kernels with at least this many taps run as two 1-D passes: a 5×5 costs 10 instead of 25 multiply-adds
     * per output. A 3×3 (Sobel, box, binomial) stays on the direct kernel: the image filters are memory-bound and the
     * second pass's round trip through an intermediate plane cost more than the 3 multiply-adds it saves (2160×3840
     * Sobel, JDK 25: direct 6.6 ms against separable 7.8 ms at 1 thread, 4.8 against 6.7 at 2).
     */
    public static final int SEPARABLE_MIN_TAPS = 15;

    /**
     * Planes whose padded width is at most this run the direct kernels as one flat sweep per tap over a bordered
     * copy (whole plane in cache, four vectors in registers) instead of row by row. Measured at 1 thread, JDK 17,
     * kernel only: depthwise 32×112×112 3×3 0.19 ms flat against 0.94 ms by rows; 512×14×14 0.10 ms against 1.58 ms.
     * Wider planes (2160×3840 images) stay on the row kernel, whose working set is a few rows.
     */
    public static final int SMALL_PLANE_MAX_WIDTH = 256;

    /**
     * Bytes of weight copies and Winograd-transformed weights kept for weight arrays used again unchanged. The
     * transform of a 512→512 layer (16 MiB) took 3.2 of 12.3 ms of an N=8 forward pass at 1 thread (JDK 25); 64 MiB
     * holds the transforms of two such layers with their copies.
     */
    public static final long WINOGRAD_WEIGHT_CACHE_BYTES = 64L << 20;

    /**
     * Whether AUTO may pick Winograd for 3×3, stride-1 layers with enough channels and tiles. See
     * {@code BENCHMARKS.md} for the measurements.
     */
    public static final boolean WINOGRAD_AUTO = true;

    /**
     * Whether AUTO may compute the weight gradient of such layers with Winograd F(2×2, 3×3). Measured at 1 thread,
     * N=8 64→64 56×56, weight gradient alone: JDK 25 15.7 ms against 21.0 ms for im2col (with 256-bit vectors,
     * {@code -XX:UseAVX=2}: 16.9 against 25.1; 256 channels 14×14: 16.3 against 24.1). JDK 17 first ran it slower (46–75
     * against 33 ms, its rearranges) and kept im2col; with the vector untransform and gradient tiles of later commits
     * the whole N=8 backward pass on JDK 17 is faster with it for every ResNet width, in alternating processes: 1
     * thread 64/128/256/512 channels 31.6/29.1/29.7/45.0 against 36.7/33.5/34.4/47.4 ms, 2 threads
     * 16.5/15.6/16.6/19.4 against 20.6/20.8/20.4/26.3, {@code -XX:UseAVX=2} 47.8 and 32.8 against 49.5 and 38.8 (64
     * and 256). So it is on for every JDK, which also makes the weight gradient's bits the same on JDK 17 and 25.
     */
    public static final boolean WINOGRAD_WEIGHT_GRADIENT = true;

    /**
     * Fewer 2×2 output tiles than this (over the batch) leave Winograd's per-call weight traffic unpaid for (its
     * transformed weights, 16/9 of the weights, are read once per call, and the weights are compared with the cached
     * copy): the N=1 512-channel 7×7 layer has 16 tiles and runs faster on im2col (3.0–3.2 against 3.7–4.2 ms). From
     * 32 tiles on Winograd won every layer measured (1 thread, JDK 25, AMD EPYC with AVX-512, 2026-12-07): 512
     * channels 7×7 at N=2 (32 tiles) 4.7–4.9 against 6.1–6.2 ms on im2col, N=3 7.0–7.6 against 9.3–9.5; 256 channels
     * 7×7 at N=2 1.1–1.4 against 1.6; 256 channels 14×14 at N=1 (49 tiles) 1.7–2.0 against 2.5 ms (2 threads: 1.0–1.1
     * against 1.35–1.7).
     */
    public static final long WINOGRAD_MIN_TILES = 32;

    /**
     * Fewer 4×4 output tiles than this (over the batch) make {@code WinogradConv.tileFor} pick F(2×2, 3×3) even where
     * the output is large enough for F(4×4, 3×3): F(4×4)'s transformed weights are 4× the weights, read once per
     * call, and a one-sample 14×14 layer has only 16 such tiles. 256 channels 14×14 at N=1: F(2×2) 1.7–2.0 ms against
     * F(4×4) 2.1–2.2 at 1 thread (at 2 threads F(4×4) was ahead, 0.83–1.0 against 1.0–1.1; the choice may not depend
     * on the thread count, and F(2×2) also rounds less).
     */
    public static final long WINOGRAD_F4_MIN_TILES = 32;

    /**
     * The {@link #WINOGRAD_MIN_TILES} of the weight gradient: 2×2 tiles over the batch from which AUTO computes it
     * with Winograd (while {@link #WINOGRAD_WEIGHT_GRADIENT} holds). Kept at the value it was measured with
     * (the eight-sample layers); smaller one-sample problems stay on im2col.
     */
    public static final long WINOGRAD_WEIGHT_GRADIENT_MIN_TILES = 64;

    /**
     * Bytes of transformed input and output one Winograd chunk holds at least (16 or 36 floats per tile and channel), so
     * that the input transform, the GEMMs and the output transform pass them through the cache; more when the
     * transformed weights are larger, so that each chunk streams them once.
     */
    public static final long WINOGRAD_CHUNK_BYTES = 2L << 20;
}
