package io.github.conv4j.kernel;

import io.github.conv4j.kernel.im2col.Im2colConv;
import io.github.conv4j.kernel.winograd.WinogradConv;
import io.github.conv4j.spec.Algorithm;
import io.github.conv4j.spec.ConvGeometry;
import io.github.conv4j.tensor.DType;

/**
 * The one place that decides which kernel computes a convolution, from the problem's shape (and the options' forced
 * algorithm). Thresholds live in {@link ConvTuning}. {@link #explain(ConvGeometry)} tells a user what runs and why.
 *
 * <pre>{@code
 * AlgorithmSelector.explain(ConvSpec.parse("n1c64h56w56o64k3p1")); // "IM2COL: ..."
 * }</pre>
 */
public final class AlgorithmSelector {
    private AlgorithmSelector() {}

    /**
     * Chooses the kernel for a float32 convolution (float64 always runs the reference).
     *
     * @param g the geometry
     * @param forced the options' algorithm, {@link Algorithm#AUTO} to choose
     * @param dtype the element type
     * @return the choice
     * @throws IllegalArgumentException if a forced algorithm cannot compute the problem
     */
    public static Choice choose(ConvGeometry g, Algorithm forced, DType dtype) {
        if (forced != Algorithm.AUTO) {
            String refusal = refusal(g, forced, dtype);
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
        return new Choice(
                Algorithm.IM2COL,
                "general convolution: im2col in chunks of at most " + (Workspace.BUDGET_BYTES >> 20)
                        + " MiB and a packed SIMD GEMM");
    }

    /** Why a forced algorithm cannot run, or {@code null} if it can. */
    private static String refusal(ConvGeometry g, Algorithm a, DType dtype) {
        if (a == Algorithm.REFERENCE) {
            return null;
        }
        if (dtype != DType.FLOAT32) {
            return "the fast kernels compute float32 only; float64 runs on REFERENCE";
        }
        return switch (a) {
            case IM2COL -> Im2colConv.supports(g) ? null : "unsupported geometry";
            case WINOGRAD ->
                WinogradConv.supports(g)
                        ? null
                        : "Winograd F(2×2, 3×3) needs a 3×3 kernel, stride 1 and" + " dilation 1";
            default -> "the " + a + " kernel is not available in this build";
        };
    }

    /**
     * Says which kernel runs a float32 problem and why.
     *
     * @param g the geometry
     * @return e.g. {@code "n1c64h56w56o64k3p1 -> IM2COL: general convolution ..."}
     */
    public static String explain(ConvGeometry g) {
        return g.descriptor() + " -> " + choose(g, Algorithm.AUTO, DType.FLOAT32);
    }
}
