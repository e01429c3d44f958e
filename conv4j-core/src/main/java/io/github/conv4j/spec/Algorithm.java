package io.github.conv4j.spec;

/**
 * Which kernel computes a convolution. {@link #AUTO} lets the library's selector choose from the problem's shape
 * (see {@code Convolutions.explain}); any other value forces that kernel, and the operation throws
 * {@link IllegalArgumentException} when the forced kernel cannot compute the problem (the message says why).
 *
 * <pre>{@code
 * Conv2dOptions.defaults().algorithm(Algorithm.REFERENCE); // the double-precision oracle
 * Conv2dOptions.defaults().algorithm(Algorithm.IM2COL);    // im2col + SIMD GEMM
 * }</pre>
 */
public enum Algorithm {
    /** Let the library choose. */
    AUTO,
    /** The naive reference loops with double accumulation: slow, exact to the float32 rounding of the result. */
    REFERENCE,
    /** im2col (in bounded chunks) and a packed SIMD GEMM; 1×1 convolutions skip the im2col. Any geometry. */
    IM2COL,
    /** Direct SIMD loops over each plane, taps in registers: single-channel filters (one input channel per group). */
    DIRECT,
    /** Direct SIMD depthwise convolution ({@code groups = C_in}). */
    DEPTHWISE,
    /** Two 1-D passes for a rank-1 (separable) kernel on single-channel planes. */
    SEPARABLE,
    /** FFT convolution with overlap-add: large kernels, stride 1, dilation 1, finite data. */
    FFT,
    /** Winograd minimal filtering for 3×3, stride 1 (a dilated kernel runs as dilation² undilated phase problems). */
    WINOGRAD
}
