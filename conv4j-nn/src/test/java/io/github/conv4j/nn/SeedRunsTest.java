package io.github.conv4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.conv4j.nn.optim.Sgd;
import io.github.conv4j.ops.Functional;
import io.github.conv4j.spec.IntPair;
import io.github.conv4j.tensor.Slice;
import io.github.conv4j.tensor.Tensor;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The seeds' learning runs ("learn the kernel [1, -1] from the input and output images"), over several seeds. */
class SeedRunsTest {
    static LongStream seeds() {
        return LongStream.range(0, 8).map(i -> 100 + 17 * i);
    }

    /** The seeds' 6x8 image: ones, with columns 2..5 zero. */
    static Tensor edgeImage() {
        return Tensor.ones(6, 8).fill(0, Slice.all(), Slice.range(2, 6));
    }

    /** The seeds' hand-written {@code Conv2D}: a weight and a scalar bias applied with {@code corr2d}. */
    static final class HandConv2D extends Module {
        final Tensor weight;
        final Tensor bias;

        HandConv2D(int kh, int kw, long seed) {
            weight = registerParameter("weight", Parameter.of(Tensor.rand(seed, kh, kw)));
            bias = registerParameter("bias", Parameter.of(Tensor.zeros(1)));
        }

        @Override
        public Tensor forward(Tensor x) {
            return Functional.corr2d(x, weight).add(bias);
        }
    }

    /** Plain gradient descent on the summed squared loss; returns the loss of every step. */
    private static double[] train(HandConv2D net, boolean learnBias, double lr, int steps) {
        Tensor x = edgeImage();
        Tensor y = Functional.corr2d(x, Tensor.of(new float[][] {{1, -1}}));
        double[] losses = new double[steps];
        for (int step = 0; step < steps; step++) {
            Tensor loss = net.forward(x).sub(y).pow(2).sum();
            net.zeroGrad();
            loss.backward();
            net.weight.data().subInPlace(net.weight.grad().mul(lr));
            if (learnBias) {
                net.bias.data().subInPlace(net.bias.grad().mul(lr));
            }
            losses[step] = loss.item();
        }
        return losses;
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void handWrittenLayerLearnsTheEdgeKernelAtTheSeedsRate(long seed) {
        HandConv2D net = new HandConv2D(1, 2, seed);
        double[] losses = train(net, false, 3e-2, 10);
        // The seed (nn.Conv2d without bias, lr 3e-2) prints loss 6.6 -> 0.13 and ends at [1.03, -0.96]. The
        // Hessian of the summed loss in the two weights has eigenvalues 12 and 60, so each step shrinks the error
        // by at least |1 - 0.03·60| = 0.8: after 10 steps by 0.8^10 ≈ 0.11, the loss (quadratic) by ~80x. From
        // rand in [0, 1) the weights end within 0.3 of [1, -1].
        assertThat(losses[9]).isLessThan(losses[0] / 10);
        assertThat(net.weight.get(0, 0)).isCloseTo(1, within(0.3));
        assertThat(net.weight.get(0, 1)).isCloseTo(-1, within(0.3));
        assertThat(net.bias.item()).isZero();
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void handWrittenLayerWithBiasNeedsASmallerRate(long seed) {
        // Learning the bias too adds the all-ones column: the largest Hessian eigenvalue becomes 124.3 > 2/0.03,
        // so the seeds' rate diverges (PyTorch does the same); below 2/124.3 ≈ 0.016 it converges.
        double[] diverging = train(new HandConv2D(1, 2, seed), true, 3e-2, 10);
        assertThat(diverging[9]).isGreaterThan(diverging[0]);
        HandConv2D net = new HandConv2D(1, 2, seed);
        double[] losses = train(net, true, 1e-2, 80);
        assertThat(losses[79]).isLessThan(1e-4);
        assertThat(net.weight.toDoubleArray()).containsExactly(new double[] {1, -1}, within(0.01));
        assertThat(net.bias.item()).isCloseTo(0, within(0.01));
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void conv2dWithSgdAndMseLossLearnsTheKernel(long seed) {
        Tensor x = edgeImage().reshape(1, 1, 6, 8);
        Tensor y = Functional.corr2d(edgeImage(), Tensor.of(new float[][] {{-1, 1}}))
                .reshape(1, 1, 6, 7);
        Conv2d conv = new Conv2d(1, 1, IntPair.of(1, 2), false, seed);
        Sgd opt = new Sgd(conv.parameters(), 0.1);
        MseLoss mse = new MseLoss();
        double loss = Double.NaN;
        for (int step = 0; step < 100; step++) {
            Tensor l = mse.forward(conv.forward(x), y);
            opt.zeroGrad();
            l.backward();
            opt.step();
            loss = l.item();
        }
        // The seed reaches loss 0.00275 and [-0.93, 0.93] after 100 steps.
        assertThat(loss).isLessThan(0.01);
        assertThat(conv.weight().get(0, 0, 0, 0)).isCloseTo(-1, within(0.1));
        assertThat(conv.weight().get(0, 0, 0, 1)).isCloseTo(1, within(0.1));
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void fitKernelRecoversTheEdgeKernelAndSobelInClosedForm(long seed) {
        Tensor x = edgeImage();
        Tensor y = Functional.corr2d(x, Tensor.of(new float[][] {{1, -1}}));
        KernelFit.Result edge = KernelFit.fitKernel(x, y, 1, 2, false, 0);
        // Exact data and a well-conditioned 2x2 system: the only error is float32 rounding of the result.
        assertThat(edge.kernel2d().toDoubleArray()).containsExactly(new double[] {1, -1}, within(1e-6));
        assertThat(edge.rmsResidual()).isLessThan(1e-9);

        Tensor sobel = Tensor.of(new float[][] {{-1, 0, 1}, {-2, 0, 2}, {-1, 0, 1}});
        Tensor images = Tensor.rand(seed, 3, 1, 12, 12);
        Tensor out = Functional.conv2d(images, sobel.reshape(1, 1, 3, 3));
        KernelFit.Result fit = KernelFit.fitKernel(images, out, 3, 3, true, 0);
        assertThat(fit.kernel2d().toDoubleArray()).containsExactly(sobel.toDoubleArray(), within(1e-4));
        assertThat(fit.bias().item()).isCloseTo(0, within(1e-4));
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void fitKernelHandlesSeveralChannelsAndABias(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int cin = 1 + r.nextInt(3);
        int cout = 1 + r.nextInt(3);
        Tensor w = Tensor.randn(r.nextLong(), cout, cin, 2, 3);
        Tensor b = Tensor.randn(r.nextLong(), cout);
        Tensor x = Tensor.randn(r.nextLong(), 2, cin, 9, 10);
        Tensor y = Functional.conv2d(x, w, b, io.github.conv4j.spec.Conv2dOptions.defaults());
        KernelFit.Result fit = KernelFit.fitKernel(x, y, 2, 3, true, 0);
        // float32 inputs and outputs: about 1e-7 relative noise, amplified by a modest condition number.
        assertThat(fit.weight().toDoubleArray()).containsExactly(w.toDoubleArray(), within(1e-4));
        assertThat(fit.bias().toDoubleArray()).containsExactly(b.toDoubleArray(), within(1e-4));
    }
}
