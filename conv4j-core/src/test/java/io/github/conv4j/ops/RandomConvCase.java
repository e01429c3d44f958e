package io.github.conv4j.ops;

import io.github.conv4j.spec.Conv2dOptions;
import io.github.conv4j.spec.Padding;
import io.github.conv4j.spec.PaddingMode;
import io.github.conv4j.tensor.DType;
import io.github.conv4j.tensor.Tensor;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A random but valid convolution problem drawn from a seed: odd and even sizes, 1×1 and large kernels, strides,
 * asymmetric padding, dilation, groups (depthwise included) and every padding mode.
 */
record RandomConvCase(long seed, Tensor input, Tensor weight, Tensor bias, Conv2dOptions options) {

    static Stream<RandomConvCase> cases(int count, long baseSeed, DType dtype) {
        return IntStream.range(0, count).mapToObj(i -> draw(baseSeed + i, dtype));
    }

    static RandomConvCase draw(long seed, DType dtype) {
        SplittableRandom r = new SplittableRandom(seed);
        int groups = new int[] {1, 1, 1, 2, 3}[r.nextInt(5)];
        int n = 1 + r.nextInt(2);
        int cpg = 1 + r.nextInt(3);
        int c = groups * cpg;
        boolean depthwise = r.nextInt(6) == 0;
        if (depthwise) {
            groups = c;
            cpg = 1;
        }
        int o = groups * (1 + r.nextInt(2));
        int kh = r.nextInt(8) == 0 ? 1 + r.nextInt(9) : 1 + r.nextInt(4);
        int kw = r.nextInt(8) == 0 ? 1 + r.nextInt(9) : 1 + r.nextInt(4);
        int dh = 1 + (r.nextInt(4) == 0 ? r.nextInt(3) : 0);
        int dw = 1 + (r.nextInt(4) == 0 ? r.nextInt(3) : 0);
        int sh = 1 + r.nextInt(3);
        int sw = 1 + r.nextInt(3);
        int h = dh * (kh - 1) + 1 + r.nextInt(9);
        int w = dw * (kw - 1) + 1 + r.nextInt(9);
        PaddingMode mode = PaddingMode.values()[r.nextInt(PaddingMode.values().length)];
        Padding padding =
                switch (r.nextInt(4)) {
                    case 0 -> Padding.valid();
                    case 1 -> Padding.same();
                    case 2 -> Padding.of(r.nextInt(3), r.nextInt(3));
                    default -> Padding.of(r.nextInt(4), r.nextInt(4), r.nextInt(4), r.nextInt(4));
                };
        Conv2dOptions options = Conv2dOptions.defaults()
                .stride(sh, sw)
                .dilation(dh, dw)
                .groups(groups)
                .padding(padding)
                .paddingMode(mode)
                .paddingValue(mode == PaddingMode.CONSTANT ? r.nextDouble() * 2 - 1 : 0);
        Tensor input = Tensor.randn(r.nextLong(), n, c, h, w).to(dtype);
        Tensor weight = Tensor.randn(r.nextLong(), o, cpg, kh, kw).to(dtype);
        Tensor bias = r.nextBoolean() ? Tensor.randn(r.nextLong(), o).to(dtype) : null;
        return new RandomConvCase(seed, input, weight, bias, options);
    }

    @Override
    public String toString() {
        return "seed " + seed + ": input " + java.util.Arrays.toString(input.shape()) + " weight "
                + java.util.Arrays.toString(weight.shape()) + (bias != null ? " +bias " : " ") + options;
    }
}
