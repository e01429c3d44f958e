package io.github.conv4j.kernel;

import io.github.conv4j.kernel.depthwise.DepthwiseConv;
import io.github.conv4j.kernel.depthwise.DepthwiseInputGradient;
import io.github.conv4j.kernel.depthwise.DepthwiseWeightGradient;
import io.github.conv4j.kernel.direct.DirectPlaneConv;
import io.github.conv4j.kernel.fft.FftConv2d;
import io.github.conv4j.kernel.im2col.Im2colConv;
import io.github.conv4j.kernel.separable.SeparableConv;
import io.github.conv4j.kernel.winograd.WinogradConv;
import io.github.conv4j.kernel.winograd.WinogradWeightGradient;
import io.github.conv4j.spec.Algorithm;
import io.github.conv4j.spec.ConvGeometry;
import io.github.conv4j.tensor.DType;

/**
 * The one place that decides which kernel computes a convolution's forward product, from the problem's shape, the
 * weights (a rank-1 kernel is separable) and the options' forced algorithm. Thresholds live in {@link ConvTuning}.
 * Gradients reuse forward kernels where the mathematics allows (see {@code ConvCompute}).
 *
 * <pre>{@code
 * AlgorithmSelector.explain(ConvSpec.parse("n1c64h56w56o64k3p1")); // "n1c64h56w56o64k3p1 -> IM2COL: ..."
 * }</pre>
 */
public final class AlgorithmSelector {
    private AlgorithmSelector() {}

    /**
     * Chooses the kernel when the weights are not known (explain, shape-only questions): kernels are assumed not
     * separable and data finite.
     *
     * @param g the geometry
     * @param forced the options' algorithm, {@link Algorithm#AUTO} to choose
     * @param dtype the element type
     * @return the choice
     * @throws IllegalArgumentException if a forced algorithm cannot compute the problem
     */
    public static Choice choose(ConvGeometry g, Algorithm forced, DType dtype) {
        return choose(g, forced, dtype, null, false);
    }

    /**
     * Chooses the kernel for a forward product.
     *
     * @param g the geometry
     * @param forced the options' algorithm, {@link Algorithm#AUTO} to choose
     * @param dtype the element type
     * @param weight the float32 weights, or {@code null} if unknown (then nothing is assumed separable)
     * @param directOnly whether FFT or Winograd declined these data (non-finite or huge values, which their transforms
     *     would smear or overflow), so that neither may be chosen
     * @return the choice
     * @throws IllegalArgumentException if a forced algorithm cannot compute the problem
     */
    public static Choice choose(ConvGeometry g, Algorithm forced, DType dtype, float[] weight, boolean directOnly) {
        if (forced != Algorithm.AUTO) {
            String refusal = refusal(g, forced, dtype, weight);
            if (refusal != null) {
                throw new IllegalArgumentException(
                        "algorithm " + forced + " cannot compute " + g.descriptor() + ": " + refusal);
            }
            return new Choice(forced, "forced by the options");
        }
        if (dtype == DType.FLOAT64) {
            return new Choice(Algorithm.REFERENCE, "float64 runs the double-precision reference loops");
        }
        long macs = g.flops() / 2;
        if (macs < ConvTuning.TINY_MACS) {
            return new Choice(
                    Algorithm.REFERENCE,
                    macs + " multiply-adds: too small to repay packing a GEMM (< " + ConvTuning.TINY_MACS + ")");
        }
        int taps = g.kh() * g.kw();
        // A rank-1 kernel costs kH + kW multiply-adds per output in two passes: less than any FFT (a 31×31 Gaussian:
        // 62 against the FFT's tile transforms), so it is checked first.
        boolean separable = g.inCPerGroup() == 1
                && weight != null
                && taps >= ConvTuning.SEPARABLE_MIN_TAPS
                && SeparableConv.supports(g, weight);
        if (separable) {
            return new Choice(
                    Algorithm.SEPARABLE,
                    "rank-1 " + g.kh() + "×" + g.kw() + " kernel: two 1-D passes, " + (g.kh() + g.kw()) + " instead of "
                            + taps + " multiply-adds per output");
        }
        if (!directOnly && taps >= ConvTuning.FFT_MIN_TAPS && FftConv2d.supports(g)) {
            return new Choice(
                    Algorithm.FFT,
                    g.kh() + "×" + g.kw() + " kernel (>= " + ConvTuning.FFT_MIN_TAPS
                            + " taps), stride 1: FFT with overlap-save costs O(log) per output instead of O(taps)");
        }
        if (g.inCPerGroup() == 1) {
            if (DepthwiseConv.supports(g)) {
                return new Choice(
                        Algorithm.DEPTHWISE,
                        "depthwise (groups = C_in = " + g.inC() + "): direct SIMD loops per channel");
            }
            return new Choice(
                    Algorithm.DIRECT,
                    "one input channel per group: direct SIMD loops over each plane, taps" + " in registers");
        }
        if (!directOnly
                && ConvTuning.WINOGRAD_AUTO
                && WinogradConv.supports(g)
                && winogradPays(g, ConvTuning.WINOGRAD_MIN_TILES)) {
            ConvGeometry dense = WinogradConv.undilated(g);
            long tiles = twoByTwoTiles(dense);
            int m = WinogradConv.tileFor(g);
            String shape = dense == g
                    ? "3×3, stride 1, undilated"
                    : "3×3, stride 1, dilation " + g.dh() + "×" + g.dw() + " (as " + g.dh() * g.dw()
                            + " undilated phase problems)";
            return new Choice(
                    Algorithm.WINOGRAD,
                    shape + " with " + g.inCPerGroup() + "→" + g.outCPerGroup() + " channels per group and "
                            + tiles + " 2×2 output tiles: Winograd F(" + m + "×" + m + ", 3×3) needs "
                            + (m == 4 ? "4" : "2.25") + "× fewer multiplies");
        }
        if (Im2colConv.implicit(g)) {
            return new Choice(
                    Algorithm.IM2COL,
                    g.inCPerGroup() + " input channels per group: implicit im2col, the GEMM micro-kernel reading"
                            + " the input in place");
        }
        return new Choice(
                Algorithm.IM2COL,
                "general convolution: im2col in chunks of at most " + (Workspace.BUDGET_BYTES >> 20)
                        + " MiB and a packed SIMD GEMM");
    }

    /**
     * Chooses the kernel for a float32 input gradient that is not itself a forward convolution (a strided layer's;
     * stride-1 input gradients run as forward convolutions on rotated weights, chosen by {@link #choose}): the
     * depthwise kernel ({@code DepthwiseInputGradient}) for depthwise 3×3 stride-2 padding-1 layers with one output
     * channel per input channel unless im2col is forced, im2col's scatter (col2im) otherwise.
     *
     * @param g the forward geometry
     * @param forced the options' algorithm
     * @return {@link Algorithm#DEPTHWISE} or {@link Algorithm#IM2COL}
     */
    public static Algorithm inputGradient(ConvGeometry g, Algorithm forced) {
        return DepthwiseInputGradient.supports(g) && forced != Algorithm.IM2COL
                ? Algorithm.DEPTHWISE
                : Algorithm.IM2COL;
    }

    /**
     * Chooses the kernel for a float32 weight gradient: the depthwise kernel ({@code DepthwiseWeightGradient}) for
     * depthwise 3×3 layers of stride 1 or 2 and padding 1 unless im2col is forced; Winograd F(2×2, 3×3)
     * ({@code WinogradWeightGradient}) for 3×3 stride-1 undilated layers when forced, or automatically on layers as
     * large as those the forward product runs on Winograd (while {@link ConvTuning#WINOGRAD_WEIGHT_GRADIENT} holds:
     * measured faster than im2col on JDK 17 and 25); im2col (the column matrix times the output gradient) otherwise,
     * including every other forced algorithm.
     *
     * @param g the geometry
     * @param forced the options' algorithm
     * @return {@link Algorithm#DEPTHWISE}, {@link Algorithm#WINOGRAD} or {@link Algorithm#IM2COL}
     */
    public static Algorithm weightGradient(ConvGeometry g, Algorithm forced) {
        if (DepthwiseWeightGradient.supports(g) && forced != Algorithm.IM2COL) {
            return Algorithm.DEPTHWISE;
        }
        if (!WinogradWeightGradient.supports(g)) {
            return Algorithm.IM2COL;
        }
        if (forced == Algorithm.WINOGRAD) {
            return Algorithm.WINOGRAD;
        }
        return forced == Algorithm.AUTO
                        && ConvTuning.WINOGRAD_WEIGHT_GRADIENT
                        && winogradPays(g, ConvTuning.WINOGRAD_WEIGHT_GRADIENT_MIN_TILES)
                ? Algorithm.WINOGRAD
                : Algorithm.IM2COL;
    }

    /**
     * Whether a 3×3 stride-1 layer is large enough for Winograd's transforms to pay: enough channels per group both
     * ways and at least {@code minTiles} 2×2 output tiles (a dilated layer's counted on its phase problems).
     */
    private static boolean winogradPays(ConvGeometry g, long minTiles) {
        return g.inCPerGroup() >= ConvTuning.WINOGRAD_MIN_CHANNELS
                && g.outCPerGroup() >= ConvTuning.WINOGRAD_MIN_CHANNELS
                && twoByTwoTiles(WinogradConv.undilated(g)) >= minTiles;
    }

    private static long twoByTwoTiles(ConvGeometry g) {
        return (long) g.n() * ((g.outH() + 1) / 2) * ((g.outW() + 1) / 2);
    }

    /** Why a forced algorithm cannot run, or {@code null} if it can. */
    private static String refusal(ConvGeometry g, Algorithm a, DType dtype, float[] weight) {
        if (a == Algorithm.REFERENCE) {
            return null;
        }
        if (dtype != DType.FLOAT32) {
            return "the fast kernels compute float32 only; float64 runs on REFERENCE";
        }
        return switch (a) {
            case IM2COL -> Im2colConv.supports(g) ? null : "unsupported geometry";
            case WINOGRAD -> WinogradConv.supports(g) ? null : "Winograd needs a 3×3 kernel and stride 1";
            case DIRECT ->
                DirectPlaneConv.supports(g)
                        ? null
                        : "the direct plane kernel needs one input channel per" + " group (C_in / groups = "
                                + g.inCPerGroup() + ")";
            case DEPTHWISE ->
                DepthwiseConv.supports(g)
                        ? null
                        : "depthwise needs groups = C_in (groups = " + g.groups() + ", C_in = " + g.inC() + ")";
            case SEPARABLE ->
                g.inCPerGroup() != 1
                        ? "separable passes need one input channel per group"
                        : weight != null && !SeparableConv.supports(g, weight) ? "a kernel is not rank-1" : null;
            case FFT ->
                FftConv2d.supports(g)
                        ? null
                        : "the FFT needs stride 1, dilation 1 and a tiling within the" + " workspace budget";
            default -> "unknown algorithm";
        };
    }

    /**
     * Says which kernel runs a float32 problem and why (weights unknown: a rank-1 kernel would run SEPARABLE).
     *
     * @param g the geometry
     * @return e.g. {@code "n1c64h56w56o64k3p1 -> IM2COL: general convolution ..."}
     */
    public static String explain(ConvGeometry g) {
        return g.descriptor() + " -> " + choose(g, Algorithm.AUTO, DType.FLOAT32);
    }
}
