package io.github.conv4j.cli;

import static io.github.conv4j.ops.Functional.conv2d;
import static io.github.conv4j.ops.Functional.corr2d;

import io.github.conv4j.ops.Functional;
import io.github.conv4j.spec.Conv2dOptions;
import io.github.conv4j.spec.ConvolveMode;
import io.github.conv4j.spec.OutputShapes;
import io.github.conv4j.spec.Pool2dOptions;
import io.github.conv4j.tensor.NoGrad;
import io.github.conv4j.tensor.Slice;
import io.github.conv4j.tensor.Tensor;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;

/**
 * The seed tutorials' chapter on convolutional layers, replayed on its own built-in data with the numbers the
 * tutorials print: cross-correlation, the convolution layer, edge detection, learning a kernel, padding and stride,
 * several channels, pooling and the kernel flip.
 *
 * <pre>{@code
 * new SeedWalkthrough(out).run();
 * }</pre>
 */
final class SeedWalkthrough {
    private final PrintWriter out;

    SeedWalkthrough(PrintWriter out) {
        this.out = out;
    }

    void run() {
        crossCorrelation();
        convolutionLayer();
        Tensor x = edgeImage();
        edgeDetection(x);
        learnKernel(x);
        paddingAndStride();
        multipleChannels();
        pooling();
        kernelFlip();
    }

    private void section(String title) {
        out.println();
        out.println("== " + title + " ==");
    }

    private void crossCorrelation() {
        section("Cross-correlation: corr2d(X, K)");
        Tensor x = Tensor.arange(9).reshape(3, 3);
        Tensor k = Tensor.arange(4).reshape(2, 2);
        out.println("X = " + x);
        out.println("K = " + k);
        out.println("corr2d(X, K) = " + corr2d(x, k));
    }

    @SuppressWarnings("try") // the NoGrad scope is only entered and closed
    private void convolutionLayer() {
        section("Convolution layer: weight K, bias 1");
        try (NoGrad ignored = NoGrad.enter()) {
            Tensor x = Tensor.arange(9).reshape(1, 1, 3, 3);
            Tensor weight = Tensor.arange(4).reshape(1, 1, 2, 2);
            Tensor bias = Tensor.full(1, 1);
            out.println("conv2d(X, K) + 1 = "
                    + conv2d(x, weight, bias, Conv2dOptions.defaults()).reshape(2, 2));
        }
    }

    private static Tensor edgeImage() {
        Tensor x = Tensor.ones(6, 8);
        x.fill(0, Slice.all(), Slice.range(2, 6));
        return x;
    }

    private void edgeDetection(Tensor x) {
        section("Edge detection: a 6x8 image with a black band, kernel [[1, -1]]");
        Tensor k = Tensor.of(new float[][] {{1, -1}});
        out.println("X = " + x);
        out.println("K = " + k);
        out.println("Y = corr2d(X, K) = " + corr2d(x, k));
        out.println("(1 marks the white-to-black edge, -1 the black-to-white one)");
        out.println("corr2d(X.t(), K) = " + corr2d(x.t(), k));
        out.println("(all zeros: [1, -1] only sees vertical edges)");
    }

    @SuppressWarnings("try") // the NoGrad scope is only entered and closed
    private void learnKernel(Tensor image) {
        section("Learning the kernel from X and Y: Conv2d(1, 1, (1, 2), bias=False), lr 3e-2");
        Tensor x = image.reshape(1, 1, 6, 8);
        Tensor y = corr2d(image, Tensor.of(new float[][] {{1, -1}})).reshape(1, 1, 6, 7);
        // PyTorch's default initialisation for this layer: uniform in ±1/sqrt(fan_in), fan_in = 2. Fixed seed:
        // the demo prints the same numbers every run.
        double bound = 1 / Math.sqrt(2);
        Tensor weight = Tensor.uniform(7, -bound, bound, 1, 1, 1, 2).requiresGrad(true);
        double lr = 3e-2;
        for (int i = 0; i < 10; i++) {
            Tensor loss = conv2d(x, weight).sub(y).pow(2).sum();
            weight.zeroGrad();
            loss.backward();
            try (NoGrad ignored = NoGrad.enter()) {
                weight.subInPlace(weight.grad().mul(lr));
            }
            if ((i + 1) % 2 == 0) {
                out.printf(Locale.ROOT, "epoch %d, loss %.3f%n", i + 1, loss.item());
            }
        }
        out.println("learned kernel: " + weight.detach().reshape(1, 2));
    }

    private void paddingAndStride() {
        section("Padding and stride: 5x5 input, 3x3 kernel 1..9");
        Tensor x = Tensor.of(new float[][] {
                    {3, 4, 6, 5, 7}, {2, 4, 6, 8, 2}, {1, 6, 7, 8, 4}, {9, 7, 4, 6, 2}, {3, 7, 5, 4, 1}
                })
                .reshape(1, 1, 5, 5);
        Tensor k = Tensor.arange(1, 10, 1).reshape(1, 1, 3, 3);
        Tensor padded = conv2d(x, k, null, Conv2dOptions.defaults().padding(1));
        out.println("padding 1: shape " + Arrays.toString(padded.shape()) + " = " + padded.reshape(5, 5));
        Tensor strided = conv2d(x, k, null, Conv2dOptions.defaults().stride(2));
        out.println("stride 2: shape " + Arrays.toString(strided.shape()) + " = " + strided.reshape(2, 2));
    }

    private void multipleChannels() {
        section("Multiple channels: 5 -> 10 channels, 100x100 input, 3x3 kernel");
        int[] shape =
                OutputShapes.conv2d(new int[] {1, 5, 100, 100}, new int[] {10, 5, 3, 3}, Conv2dOptions.defaults());
        out.println("output size = floor((n + p_top + p_bottom - d(k - 1) - 1) / s) + 1 = (100 - 2 - 1) / 1 + 1 = 98");
        out.println("OutputShapes.conv2d([1, 5, 100, 100], [10, 5, 3, 3]) = " + Arrays.toString(shape));
        out.println("parameters: 10 x 5 x 3 x 3 weights + 10 biases = " + (10 * 5 * 3 * 3 + 10));
    }

    private void pooling() {
        section("Pooling: 2x2 window, stride 1, on arange(9) as 3x3");
        Tensor x = Tensor.arange(9).reshape(1, 1, 3, 3);
        Pool2dOptions options = Pool2dOptions.of(2).stride(1);
        out.println("max pool = " + Functional.maxPool2d(x, options).reshape(2, 2));
        out.println("avg pool = " + Functional.avgPool2d(x, options).reshape(2, 2));
    }

    private void kernelFlip() {
        section("Convolution vs cross-correlation");
        Tensor x = Tensor.randn(3, 6, 7);
        Tensor k = Tensor.randn(4, 3, 2);
        Tensor convolved = Functional.convolve2d(x, k, ConvolveMode.VALID);
        Tensor correlated = corr2d(x, Functional.flip2d(k));
        out.println("convolve2d(X, K) == corr2d(X, flip2d(K)) on a random 6x7 X and 3x2 K: "
                + convolved.contentEquals(correlated));
    }
}
