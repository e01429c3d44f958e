package io.github.conv4j.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.conv4j.spec.Conv2dOptions;
import io.github.conv4j.spec.ConvTranspose2dOptions;
import io.github.conv4j.spec.ConvolveMode;
import io.github.conv4j.spec.IntPair;
import io.github.conv4j.spec.Padding;
import io.github.conv4j.spec.PaddingMode;
import io.github.conv4j.tensor.DType;
import io.github.conv4j.tensor.Slice;
import io.github.conv4j.tensor.Tensor;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Algebraic identities of convolution on seeded random problems, in float64. Tolerance: the reference accumulates K
 * products in double, so each result is within K·2⁻⁵³·Σ|x||w| of the exact value; comparisons allow twice that
 * plus the same again for the other side, bounded by {@code 1e-12·scale} with {@code scale = Σ|x||w|} of the
 * largest output (K ≤ a few thousand here).
 */
class ConvIdentitiesTest {
    static final double EPS = 1e-12;

    static Stream<RandomConvCase> cases() {
        return RandomConvCase.cases(120, 1000, DType.FLOAT64);
    }

    static double maxAbs(Tensor t) {
        return t.numel() == 0 ? 0 : t.abs().max().item();
    }

    static void assertClose(Tensor actual, Tensor expected, double scale) {
        assertThat(actual.shape()).containsExactly(expected.shape());
        double diff = actual.numel() == 0 ? 0 : maxAbs(actual.sub(expected));
        assertThat(diff).isLessThanOrEqualTo(EPS * Math.max(1, scale));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void linearInTheInput(RandomConvCase c) {
        Tensor x2 = Tensor.randn(c.seed() + 7, c.input().shape()).to(DType.FLOAT64);
        Conv2dOptions linear = c.options().paddingValue(0);
        Tensor lhs = Functional.conv2d(c.input().mul(2).add(x2.mul(-3)), c.weight(), null, linear);
        Tensor rhs = Functional.conv2d(c.input(), c.weight(), null, linear)
                .mul(2)
                .add(Functional.conv2d(x2, c.weight(), null, linear).mul(-3));
        assertClose(lhs, rhs, 10 * maxAbs(rhs) + 10);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void matchesItsConvolutionMatrix(RandomConvCase c) {
        Conv2dOptions linear = c.options().paddingValue(0);
        Tensor x = c.input()
                .slice(Slice.at(0))
                .reshape(c.input().size(1), c.input().size(2), c.input().size(3));
        Tensor m = Functional.convolutionMatrix(x.shape(), c.weight(), linear);
        Tensor y = Functional.conv2d(x, c.weight(), null, linear);
        Tensor viaMatrix = matVec(m, x.flatten());
        assertClose(viaMatrix, y.flatten(), maxAbs(y) + 1);
    }

    static Tensor matVec(Tensor m, Tensor v) {
        int rows = m.size(0);
        int cols = m.size(1);
        double[] a = m.toDoubleArray();
        double[] x = v.toDoubleArray();
        double[] y = new double[rows];
        for (int i = 0; i < rows; i++) {
            double acc = 0;
            for (int j = 0; j < cols; j++) {
                acc += a[i * cols + j] * x[j];
            }
            y[i] = acc;
        }
        return Tensor.wrap(y, rows);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void strideIsStrideOneThenSubsampling(RandomConvCase c) {
        Conv2dOptions o = c.options();
        if (o.padding().isSame()) {
            return; // same padding depends on the stride by definition
        }
        Tensor strided = Functional.conv2d(c.input(), c.weight(), c.bias(), o);
        Tensor dense = Functional.conv2d(c.input(), c.weight(), c.bias(), o.stride(1));
        int sh = o.stride().h();
        int sw = o.stride().w();
        for (int n = 0; n < strided.size(0); n++) {
            for (int k = 0; k < strided.size(1); k++) {
                for (int i = 0; i < strided.size(2); i++) {
                    for (int j = 0; j < strided.size(3); j++) {
                        assertThat(strided.get(n, k, i, j)).isEqualTo(dense.get(n, k, i * sh, j * sw));
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void groupsAreConcatenatedPerGroupConvolutions(RandomConvCase c) {
        int groups = c.options().groups();
        Tensor full = Functional.conv2d(c.input(), c.weight(), c.bias(), c.options());
        int cpg = c.input().size(1) / groups;
        int opg = c.weight().size(0) / groups;
        for (int g = 0; g < groups; g++) {
            Tensor xg = c.input().slice(Slice.all(), Slice.range(g * cpg, (g + 1) * cpg));
            Tensor wg = c.weight().slice(Slice.range(g * opg, (g + 1) * opg));
            Tensor bg = c.bias() == null ? null : c.bias().slice(Slice.range(g * opg, (g + 1) * opg));
            Tensor yg = Functional.conv2d(xg, wg, bg, c.options().groups(1));
            Tensor part = full.slice(Slice.all(), Slice.range(g * opg, (g + 1) * opg));
            assertThat(part.contentEquals(yg)).as("group %d", g).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void transposedConvolutionIsTheAdjoint(RandomConvCase c) {
        Conv2dOptions o = c.options().paddingMode(PaddingMode.ZEROS);
        Tensor y = Functional.conv2d(c.input(), c.weight(), null, o);
        Tensor probe = Tensor.randn(c.seed() + 3, y.shape()).to(DType.FLOAT64);
        io.github.conv4j.spec.ConvGeometry g = io.github.conv4j.spec.ConvGeometry.forConv2d(
                c.input().shape(), c.weight().shape(), o);
        if (g.padTop() != g.padBottom() || g.padLeft() != g.padRight()) {
            return; // convTranspose2d's padding is symmetric per axis, as in PyTorch
        }
        int extraH = c.input().size(2) - ((y.size(2) - 1) * g.sh() - 2 * g.padTop() + g.dh() * (g.kh() - 1) + 1);
        int extraW = c.input().size(3) - ((y.size(3) - 1) * g.sw() - 2 * g.padLeft() + g.dw() * (g.kw() - 1) + 1);
        if (extraH >= Math.max(g.sh(), g.dh()) || extraW >= Math.max(g.sw(), g.dw())) {
            return; // needs an output padding PyTorch would refuse
        }
        Tensor back = Functional.convTranspose2d(
                probe,
                c.weight(),
                null,
                ConvTranspose2dOptions.defaults()
                        .stride(o.stride())
                        .padding(IntPair.of(g.padTop(), g.padLeft()))
                        .dilation(o.dilation())
                        .groups(o.groups())
                        .outputPadding(IntPair.of(extraH, extraW)));
        double lhs = y.mul(probe).sum().item();
        double rhs = c.input().mul(back).sum().item();
        double scale = c.input().abs().sum().item()
                        * maxAbs(c.weight())
                        * probe.abs().sum().item()
                + 1;
        assertThat(Math.abs(lhs - rhs)).isLessThanOrEqualTo(EPS * scale);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void unfoldTimesWeightIsConvolution(RandomConvCase c) {
        Conv2dOptions o = c.options().groups(1).paddingMode(PaddingMode.ZEROS);
        if (o.padding().isSame() || c.options().groups() != 1) {
            return;
        }
        io.github.conv4j.spec.ConvGeometry g = io.github.conv4j.spec.ConvGeometry.forConv2d(
                c.input().shape(), c.weight().shape(), o);
        if (g.padTop() != g.padBottom() || g.padLeft() != g.padRight()) {
            return; // unfold pads symmetrically, as in PyTorch
        }
        Tensor cols = Functional.unfold(
                c.input(), IntPair.of(g.kh(), g.kw()), o.dilation(), IntPair.of(g.padTop(), g.padLeft()), o.stride());
        Tensor y = Functional.conv2d(c.input(), c.weight(), null, o);
        int rows = cols.size(1);
        int l = cols.size(2);
        Tensor w2 = c.weight().reshape(g.outC(), rows);
        for (int n = 0; n < g.n(); n++) {
            double[] col = cols.slice(Slice.at(n)).toDoubleArray();
            for (int oc = 0; oc < g.outC(); oc++) {
                for (int k = 0; k < l; k++) {
                    double acc = 0;
                    for (int r = 0; r < rows; r++) {
                        acc += w2.get(oc, r) * col[r * l + k];
                    }
                    double expected = y.get(n, oc, k / g.outW(), k % g.outW());
                    assertThat(acc)
                            .isCloseTo(expected, org.assertj.core.data.Offset.offset(EPS * (Math.abs(expected) + 100)));
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void deltaKernelCopiesTheInput(RandomConvCase c) {
        int k = 1 + 2 * (int) (c.seed() % 3);
        Tensor delta = Tensor.zeros(1, 1, k, k).to(DType.FLOAT64);
        delta.fill(1, Slice.all(), Slice.all(), Slice.at(k / 2), Slice.at(k / 2));
        Tensor x = c.input().reshape(-1, 1, c.input().size(2), c.input().size(3));
        Tensor y = Functional.conv2d(
                x,
                delta,
                null,
                Conv2dOptions.defaults()
                        .padding(Padding.same())
                        .paddingMode(c.options().paddingModeH()));
        assertThat(y.contentEquals(x)).isTrue();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void convolve2dIsCorrelationWithTheFlippedKernel(RandomConvCase c) {
        Tensor x = c.input();
        Tensor k = c.weight()
                .slice(Slice.at(0), Slice.at(0))
                .reshape(c.weight().size(2), c.weight().size(3));
        if (k.size(0) > x.size(2) || k.size(1) > x.size(3)) {
            return;
        }
        Tensor viaConvolve = Functional.convolve2d(x, k, ConvolveMode.VALID);
        Tensor planes = x.reshape(-1, 1, x.size(2), x.size(3));
        Tensor viaCorrelate = Functional.conv2d(planes, Functional.flip2d(k).reshape(1, 1, k.size(0), k.size(1)));
        assertThat(viaConvolve.reshape(viaCorrelate.shape()).contentEquals(viaCorrelate))
                .isTrue();
    }
}
