package io.github.conv4j.spec;

import io.github.conv4j.tensor.Shapes;

/**
 * A fully resolved, validated 2-D convolution problem: every size, stride, pad and dilation as plain ints. Kernels
 * receive this and flat arrays, never tensors or options. The same geometry describes a convolution ({@code x → y})
 * and its adjoint, the transposed convolution ({@code y → x}).
 *
 * <p>Output size per axis: {@code out = floor((in + padBefore + padAfter − d·(k − 1) − 1) / s) + 1}.
 *
 * <pre>{@code
 * ConvGeometry g = ConvGeometry.forConv2d(new int[] {1, 3, 32, 32}, new int[] {8, 3, 3, 3},
 *         Conv2dOptions.defaults().padding(1));
 * g.outH(); // 32
 * g.descriptor(); // "n1c3h32w32o8k3p1"
 * }</pre>
 *
 * @param n batch size
 * @param inC input channels
 * @param inH input height (unpadded)
 * @param inW input width (unpadded)
 * @param outC output channels
 * @param kh kernel height
 * @param kw kernel width
 * @param sh vertical stride
 * @param sw horizontal stride
 * @param padTop rows of padding above
 * @param padBottom rows of padding below
 * @param padLeft columns of padding on the left
 * @param padRight columns of padding on the right
 * @param dh vertical dilation
 * @param dw horizontal dilation
 * @param groups number of channel groups
 * @param outH output height
 * @param outW output width
 */
public record ConvGeometry(
        int n,
        int inC,
        int inH,
        int inW,
        int outC,
        int kh,
        int kw,
        int sh,
        int sw,
        int padTop,
        int padBottom,
        int padLeft,
        int padRight,
        int dh,
        int dw,
        int groups,
        int outH,
        int outW) {

    /**
     * Validates a {@code conv2d} call and resolves its geometry.
     *
     * @param inputShape {@code (N, C, H, W)}
     * @param weightShape {@code (C_out, C_in / groups, kH, kW)}
     * @param options the options
     * @return the geometry
     * @throws IllegalArgumentException naming the argument, the shapes and the rule, if anything is inconsistent
     */
    public static ConvGeometry forConv2d(int[] inputShape, int[] weightShape, Conv2dOptions options) {
        if (inputShape.length != 4) {
            throw new IllegalArgumentException("conv2d: expected 3-D (unbatched) or 4-D (batched) input, but got"
                    + " input of size " + Shapes.format(inputShape));
        }
        if (weightShape.length != 4) {
            throw new IllegalArgumentException("conv2d: weight must be 4-D (out_channels, in_channels/groups, kH,"
                    + " kW), but got weight of size " + Shapes.format(weightShape));
        }
        int groups = options.groups();
        int n = inputShape[0];
        int c = inputShape[1];
        int o = weightShape[0];
        checkGroups("conv2d", groups, c, o);
        if (weightShape[1] * groups != c) {
            throw new IllegalArgumentException("conv2d: Given groups=" + groups + ", weight of size "
                    + Shapes.format(weightShape) + ", expected input" + Shapes.format(inputShape) + " to have "
                    + (long) weightShape[1] * groups + " channels, but got " + c + " channels instead");
        }
        IntPair s = options.stride();
        IntPair d = options.dilation();
        s.requireAtLeast("conv2d: stride", 1);
        d.requireAtLeast("conv2d: dilation", 1);
        int kh = weightShape[2];
        int kw = weightShape[3];
        if (kh < 1 || kw < 1) {
            throw new IllegalArgumentException(
                    "conv2d: kernel size must be >= 1, got weight of size " + Shapes.format(weightShape));
        }
        int[] ph = options.padding().resolve(inputShape[2], kh, s.h(), d.h(), true);
        int[] pw = options.padding().resolve(inputShape[3], kw, s.w(), d.w(), false);
        int outH = outputSize(
                "conv2d", "height", inputShape[2], kh, s.h(), ph, d.h(), options.strict(), inputShape, weightShape);
        int outW = outputSize(
                "conv2d", "width", inputShape[3], kw, s.w(), pw, d.w(), options.strict(), inputShape, weightShape);
        ConvGeometry g = new ConvGeometry(
                n,
                c,
                inputShape[2],
                inputShape[3],
                o,
                kh,
                kw,
                s.h(),
                s.w(),
                ph[0],
                ph[1],
                pw[0],
                pw[1],
                d.h(),
                d.w(),
                groups,
                outH,
                outW);
        Shapes.numel("conv2d output", g.outputShape());
        return g;
    }

    static void checkGroups(String op, int groups, int inC, int outC) {
        if (groups < 1) {
            throw new IllegalArgumentException(op + ": groups must be >= 1, got " + groups);
        }
        if (inC % groups != 0) {
            throw new IllegalArgumentException(
                    op + ": in_channels (" + inC + ") must be divisible by groups (" + groups + ")");
        }
        if (outC % groups != 0) {
            throw new IllegalArgumentException(
                    op + ": out_channels (" + outC + ") must be divisible by groups (" + groups + ")");
        }
    }

    private static int outputSize(
            String op,
            String axis,
            int in,
            int k,
            int s,
            int[] pad,
            int d,
            boolean strict,
            int[] inputShape,
            int[] weightShape) {
        long padded = (long) in + pad[0] + pad[1];
        long effective = (long) d * (k - 1) + 1;
        if (padded < effective) {
            throw new IllegalArgumentException(op + ": Calculated padded input size per channel: (" + padded
                    + " along " + axis + "). Kernel size: (" + effective + " along " + axis + ", dilation " + d
                    + "). Kernel size can't be greater than actual input size (input " + Shapes.format(inputShape)
                    + ", weight " + Shapes.format(weightShape) + ")");
        }
        long span = padded - effective;
        if (strict && span % s != 0) {
            throw new IllegalArgumentException(op + ": strict mode: along " + axis + ", (in + padding − dilation·(k−1)"
                    + " − 1) = " + span + " is not divisible by stride " + s + "; the last " + span % s
                    + " row(s)/column(s) of the padded input would be ignored (input " + Shapes.format(inputShape)
                    + ", weight " + Shapes.format(weightShape) + ")");
        }
        return (int) (span / s + 1);
    }

    /** @return input channels per group */
    public int inCPerGroup() {
        return inC / groups;
    }

    /** @return output channels per group */
    public int outCPerGroup() {
        return outC / groups;
    }

    /** @return {@code {N, C_in, H, W}} */
    public int[] inputShape() {
        return new int[] {n, inC, inH, inW};
    }

    /** @return {@code {N, C_out, H_out, W_out}} */
    public int[] outputShape() {
        return new int[] {n, outC, outH, outW};
    }

    /** @return {@code {C_out, C_in / groups, kH, kW}} */
    public int[] weightShape() {
        return new int[] {outC, inCPerGroup(), kh, kw};
    }

    /** @return whether no padding is applied on any side */
    public boolean unpadded() {
        return padTop == 0 && padBottom == 0 && padLeft == 0 && padRight == 0;
    }

    /**
     * Multiply-add count times two: {@code 2·N·C_out·H_out·W_out·(C_in/G)·kH·kW}, the usual GFLOP/s numerator.
     *
     * @return the floating-point operations of the direct method
     */
    public long flops() {
        return 2L * n * outC * outH * outW * inCPerGroup() * kh * kw;
    }

    /**
     * The one-line text form used by tests, benchmarks and the CLI, e.g. {@code n8c64h56w56o64k3s1p1}; omitted
     * parts take their defaults.
     *
     * @return the descriptor
     */
    public String descriptor() {
        StringBuilder sb = new StringBuilder();
        sb.append('n')
                .append(n)
                .append('c')
                .append(inC)
                .append('h')
                .append(inH)
                .append('w')
                .append(inW);
        sb.append('o').append(outC).append('k').append(kh == kw ? Integer.toString(kh) : kh + "x" + kw);
        if (sh != 1 || sw != 1) {
            sb.append('s').append(sh == sw ? Integer.toString(sh) : sh + "x" + sw);
        }
        if (!unpadded()) {
            sb.append('p');
            if (padTop == padBottom && padLeft == padRight) {
                sb.append(padTop == padLeft ? Integer.toString(padTop) : padTop + "x" + padLeft);
            } else {
                sb.append(padTop)
                        .append('_')
                        .append(padBottom)
                        .append('_')
                        .append(padLeft)
                        .append('_')
                        .append(padRight);
            }
        }
        if (dh != 1 || dw != 1) {
            sb.append('d').append(dh == dw ? Integer.toString(dh) : dh + "x" + dw);
        }
        if (groups != 1) {
            sb.append('g').append(groups);
        }
        return sb.toString();
    }
}
