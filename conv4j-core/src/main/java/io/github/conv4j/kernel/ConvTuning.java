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
     * {@code -XX:UseAVX=2}: 16.9 against 25.1; 256 channels 14×14: 16.3 against 24.1); JDK 17 46–75 ms against 33
     * ms (its Vector API runs the transforms' lane rearranges slowly), so it is on from JDK 25, the newest measured;
     * versions in between keep im2col. Forcing {@code WINOGRAD} runs it on any JDK.
     */
    public static final boolean WINOGRAD_WEIGHT_GRADIENT = Runtime.version().feature() >= 25;

    /**
     * Fewer 2×2 output tiles than this (over the batch) leave Winograd's weight transform, O(C_in·C_out) per call,
     * unpaid for: the N=1 512-channel 7×7 layer has 16 tiles.
     */
    public static final long WINOGRAD_MIN_TILES = 64;

    /**
     * Bytes of transformed input and output one Winograd chunk holds at least (16 or 36 floats per tile and channel), so
     * that the input transform, the GEMMs and the output transform pass them through the cache; more when the
     * transformed weights are larger, so that each chunk streams them once.
     */
    public static final long WINOGRAD_CHUNK_BYTES = 2L << 20;
}
