package io.github.conv4j.ops;

import static io.github.conv4j.ops.Functional.conv2d;
import static io.github.conv4j.ops.Functional.corr2d;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.conv4j.spec.Conv2dOptions;
import io.github.conv4j.spec.OutputShapes;
import io.github.conv4j.spec.Pool2dOptions;
import io.github.conv4j.tensor.NoGrad;
import io.github.conv4j.tensor.Slice;
import io.github.conv4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Every worked example of the seed texts, with the numbers they print. */
class SeedExamplesTest {

    @Test
    void corr2dOfTheThreeByThreeExample() {
        Tensor x = Tensor.arange(9).reshape(3, 3);
        Tensor k = Tensor.arange(4).reshape(2, 2);
        Tensor y = corr2d(x, k);
        assertThat(y.toString()).isEqualTo("tensor([[19., 25.],\n        [37., 43.]])");
    }

    @Test
    void convolutionLayerAddsTheBias() {
        Tensor x = Tensor.arange(9).reshape(1, 1, 3, 3);
        Tensor weight = Tensor.arange(4).reshape(1, 1, 2, 2).requiresGrad(true);
        Tensor bias = Tensor.full(1, 1).requiresGrad(true);
        Tensor y = conv2d(x, weight, bias, Conv2dOptions.defaults()).reshape(2, 2);
        assertThat(y.toString()).isEqualTo("tensor([[20., 26.],\n        [38., 44.]], grad_fn=<ViewBackward0>)");
    }

    static Tensor edgeImage() {
        Tensor x = Tensor.ones(6, 8);
        x.fill(0, Slice.all(), Slice.range(2, 6));
        return x;
    }

    @Test
    void edgeImageAndItsVerticalEdges() {
        Tensor x = edgeImage();
        assertThat(x.toString())
                .isEqualTo("tensor([[1., 1., 0., 0., 0., 0., 1., 1.],\n"
                        + "        [1., 1., 0., 0., 0., 0., 1., 1.],\n"
                        + "        [1., 1., 0., 0., 0., 0., 1., 1.],\n"
                        + "        [1., 1., 0., 0., 0., 0., 1., 1.],\n"
                        + "        [1., 1., 0., 0., 0., 0., 1., 1.],\n"
                        + "        [1., 1., 0., 0., 0., 0., 1., 1.]])");
        Tensor y = corr2d(x, Tensor.of(new float[][] {{1, -1}}));
        String row = "[ 0.,  1.,  0.,  0.,  0., -1.,  0.]";
        assertThat(y.toString())
                .isEqualTo("tensor([" + row + ",\n        " + row + ",\n        " + row + ",\n        " + row
                        + ",\n        " + row + ",\n        " + row + "])");
        Tensor onTranspose = corr2d(x.t(), Tensor.of(new float[][] {{1, -1}}));
        assertThat(onTranspose.shape()).containsExactly(8, 5);
        assertThat(onTranspose.abs().max().item()).isZero();
    }

    @Test
    void learnsTheEdgeKernelByGradientDescent() {
        Tensor x = edgeImage().reshape(1, 1, 6, 8);
        Tensor y = corr2d(edgeImage(), Tensor.of(new float[][] {{1, -1}})).reshape(1, 1, 6, 7);
        // PyTorch's default initialisation of Conv2d(1, 1, (1, 2)): uniform in ±1/sqrt(fan_in).
        Tensor weight =
                Tensor.uniform(7, -Math.sqrt(0.5), Math.sqrt(0.5), 1, 1, 1, 2).requiresGrad(true);
        double first = 0;
        double last = 0;
        for (int i = 0; i < 10; i++) {
            Tensor loss = conv2d(x, weight).sub(y).pow(2).sum();
            weight.zeroGrad();
            loss.backward();
            try (NoGrad ignored = NoGrad.enter()) {
                weight.subInPlace(weight.grad().mul(3e-2));
            }
            if (i == 0) {
                first = loss.item();
            }
            last = loss.item();
        }
        assertThat(first).isGreaterThan(last * 10);
        assertThat(last).isLessThan(0.5);
        assertThat(weight.get(0, 0, 0, 0)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.2));
        assertThat(weight.get(0, 0, 0, 1)).isCloseTo(-1.0, org.assertj.core.data.Offset.offset(0.2));
    }

    static Tensor fiveByFive() {
        return Tensor.of(new float[][] {
                    {3, 4, 6, 5, 7}, {2, 4, 6, 8, 2}, {1, 6, 7, 8, 4}, {9, 7, 4, 6, 2}, {3, 7, 5, 4, 1}
                })
                .reshape(1, 1, 5, 5);
    }

    @Test
    void paddingKeepsTheSizeAndStrideHalvesIt() {
        Tensor kernel = Tensor.arange(1, 10, 1).reshape(1, 1, 3, 3);
        Tensor padded =
                conv2d(fiveByFive(), kernel, null, Conv2dOptions.defaults().padding(1));
        assertThat(padded.toFloatArray())
                .containsExactly(
                        91, 168, 224, 215, 127, 114, 211, 295, 262, 149, 192, 259, 282, 214, 122, 194, 251, 253, 169,
                        86, 96, 112, 110, 68, 31);
        Tensor strided =
                conv2d(fiveByFive(), kernel, null, Conv2dOptions.defaults().stride(2));
        assertThat(strided.shape()).containsExactly(1, 1, 2, 2);
        assertThat(strided.toFloatArray()).containsExactly(211, 262, 251, 169);
    }

    @Test
    void maxPoolTwoByTwoStrideOne() {
        Tensor x = Tensor.arange(9).reshape(1, 1, 3, 3);
        Tensor y = Functional.maxPool2d(x, Pool2dOptions.of(2).stride(1));
        assertThat(y.reshape(2, 2).toString()).isEqualTo("tensor([[4., 5.],\n        [7., 8.]])");
        Tensor avg = Functional.avgPool2d(x, Pool2dOptions.of(2).stride(1));
        assertThat(avg.toFloatArray()).containsExactly(2, 3, 5, 6);
    }

    @Test
    void multiChannelOutputShape() {
        int[] out = OutputShapes.conv2d(new int[] {1, 5, 100, 100}, new int[] {10, 5, 3, 3}, Conv2dOptions.defaults());
        assertThat(out).containsExactly(1, 10, 98, 98);
        Tensor y = conv2d(Tensor.randn(1, 1, 5, 100, 100), Tensor.randn(2, 10, 5, 3, 3));
        assertThat(y.shape()).containsExactly(1, 10, 98, 98);
    }

    @Test
    void crossCorrelationWithFlippedKernelIsConvolution() {
        Tensor x = Tensor.randn(3, 6, 7);
        Tensor k = Tensor.randn(4, 3, 2);
        Tensor viaConvolve = Functional.convolve2d(x, k, io.github.conv4j.spec.ConvolveMode.VALID);
        Tensor viaCorr = corr2d(x, Functional.flip2d(k));
        assertThat(viaConvolve.contentEquals(viaCorr)).isTrue();
    }
}
