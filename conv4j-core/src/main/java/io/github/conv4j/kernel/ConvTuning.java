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
     * Whether AUTO may pick Winograd. Off: its scalar transforms made it slower than im2col in the first
     * measurement (N=8 64→64 56×56: 127.6 ms against 58.8 ms, JDK 17, 1 thread, on a loaded machine). It stays
     * available through {@code Algorithm.WINOGRAD} and is tested like every kernel.
     */
    public static final boolean WINOGRAD_AUTO = false;
}
