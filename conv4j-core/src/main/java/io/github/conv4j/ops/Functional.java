package io.github.conv4j.ops;

import io.github.conv4j.spec.Boundary;
import io.github.conv4j.spec.Conv2dOptions;
import io.github.conv4j.spec.ConvTranspose2dOptions;
import io.github.conv4j.spec.ConvolveMode;
import io.github.conv4j.spec.IntPair;
import io.github.conv4j.spec.Padding;
import io.github.conv4j.spec.PaddingMode;
import io.github.conv4j.spec.Pool2dOptions;
import io.github.conv4j.tensor.Tensor;

/**
 * The functional API, conv4j's {@code torch.nn.functional}: convolution, transposed convolution, true convolution,
 * padding, pooling and im2col. Every method validates all arguments before computing, never modifies its inputs,
 * returns a new tensor of the input's {@link io.github.conv4j.tensor.DType}, and records its backward when an input
 * requires a gradient.
 *
 * <pre>{@code
 * import static io.github.conv4j.ops.Functional.*;
 *
 * Tensor x = Tensor.arange(9).reshape(3, 3);
 * Tensor k = Tensor.arange(4).reshape(2, 2);
 * corr2d(x, k);  // tensor([[19., 25.],
 *                //         [37., 43.]])
 * }</pre>
 */
public final class Functional {
    private Functional() {}

    /**
     * The seeds' {@code corr2d}: 2-D cross-correlation of a plain matrix with a kernel, no padding, stride 1.
     *
     * @param x the input, {@code (H, W)}
     * @param k the kernel, {@code (kH, kW)}, no larger than {@code x}
     * @return {@code (H − kH + 1, W − kW + 1)}
     * @throws IllegalArgumentException if either is not 2-D or the kernel is larger than the input
     */
    public static Tensor corr2d(Tensor x, Tensor k) {
        return Convolve2dOp.corr2d(x, k);
    }

    /**
     * PyTorch's {@code F.conv2d} with default options (stride 1, no padding).
     *
     * @param input {@code (N, C_in, H, W)} or unbatched {@code (C_in, H, W)}
     * @param weight {@code (C_out, C_in, kH, kW)}
     * @return {@code (N, C_out, H − kH + 1, W − kW + 1)}
     */
    public static Tensor conv2d(Tensor input, Tensor weight) {
        return conv2d(input, weight, null, Conv2dOptions.defaults());
    }

    /**
     * PyTorch's {@code F.conv2d}: {@code y[n,o,i,j] = b[o] + Σ x[n, g·C_in/G + c, i·sh + p·dh − top, j·sw + q·dw −
     * left]·w[o,c,p,q]}, plus padding modes beyond zeros (an explicit pad, then the convolution) and TensorFlow-style
     * {@code same} padding for any stride.
     *
     * @param input {@code (N, C_in, H, W)} or unbatched {@code (C_in, H, W)}
     * @param weight {@code (C_out, C_in / groups, kH, kW)}
     * @param bias {@code (C_out)} or {@code null}
     * @param options stride, padding, dilation, groups, padding mode, strictness, algorithm
     * @return {@code (N, C_out, H_out, W_out)} (3-D for unbatched input)
     * @throws IllegalArgumentException naming the argument and shapes when they are inconsistent, e.g. "Given
     *     groups=1, weight of size [4, 2, 3, 3], expected input[1, 3, 5, 5] to have 2 channels, but got 3 channels
     *     instead"
     */
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, Conv2dOptions options) {
        return Conv2dOp.conv2d(input, weight, bias, options);
    }

    /**
     * {@link #conv2d(Tensor, Tensor, Tensor, Conv2dOptions)} written into an existing tensor instead of a new one
     * (PyTorch's {@code out=}, OpenCV's {@code dst}): repeated calls, such as filtering the frames of a video, then
     * allocate nothing. The values are the same bits as the allocating call's. Nothing is recorded for autograd, so no
     * argument may require a gradient (outside a {@link io.github.conv4j.tensor.NoGrad} scope). Every check runs
     * before {@code out} is written, so on an exception it is unchanged.
     *
     * <pre>{@code
     * Tensor out = Tensor.empty(DType.FLOAT32, 1, 8, 32, 32);
     * Functional.conv2d(x, w, null, Conv2dOptions.defaults().padding(1), out); // x (1, 3, 32, 32), w (8, 3, 3, 3)
     * }</pre>
     *
     * @param input {@code (N, C_in, H, W)} or unbatched {@code (C_in, H, W)}
     * @param weight {@code (C_out, C_in / groups, kH, kW)}
     * @param bias {@code (C_out)} or {@code null}
     * @param options stride, padding, dilation, groups, padding mode, strictness, algorithm
     * @param out the result's shape ({@code (N, C_out, H_out, W_out)}, 3-D for unbatched input) and the input's dtype,
     *     sharing no memory with the arguments; overwritten
     * @return {@code out}
     * @throws IllegalArgumentException as the allocating call, or when {@code out} is null, of another shape or dtype,
     *     shares memory with an argument, or an argument (or {@code out}) requires a gradient
     */
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, Conv2dOptions options, Tensor out) {
        return Conv2dOp.conv2dInto(input, weight, bias, options, out);
    }

    /**
     * PyTorch's {@code F.conv_transpose2d}: the adjoint of {@code conv2d}, plus bias. Output size per axis
     * {@code (H − 1)·s − 2p + d·(k − 1) + outputPadding + 1}.
     *
     * @param input {@code (N, C_in, H, W)} or {@code (C_in, H, W)}
     * @param weight {@code (C_in, C_out / groups, kH, kW)}
     * @param bias {@code (C_out)} or {@code null}
     * @param options stride, padding, output padding, dilation, groups
     * @return {@code (N, C_out, H_out, W_out)}
     * @throws IllegalArgumentException if the shapes or options are inconsistent
     */
    public static Tensor convTranspose2d(Tensor input, Tensor weight, Tensor bias, ConvTranspose2dOptions options) {
        return ConvTranspose2dOp.convTranspose2d(input, weight, bias, options);
    }

    /**
     * SciPy's {@code scipy.signal.convolve2d}: true convolution (the kernel is rotated by 180°) of every
     * {@code (H, W)} plane of the input.
     *
     * @param input {@code (..., H, W)}
     * @param kernel {@code (kH, kW)}
     * @param mode output size: full, same or valid
     * @param boundary border handling: fill (with {@code fillValue}), wrap or symm
     * @param fillValue the border value for {@link Boundary#FILL}
     * @return the convolution, {@code (..., H_out, W_out)}
     * @throws IllegalArgumentException for empty inputs or, in valid mode, when neither array contains the other
     */
    public static Tensor convolve2d(
            Tensor input, Tensor kernel, ConvolveMode mode, Boundary boundary, double fillValue) {
        return Convolve2dOp.convolve2d(input, kernel, mode, boundary, fillValue);
    }

    /**
     * {@link #convolve2d(Tensor, Tensor, ConvolveMode, Boundary, double)} with zero fill.
     *
     * @param input {@code (..., H, W)}
     * @param kernel {@code (kH, kW)}
     * @param mode the output size
     * @return the convolution
     */
    public static Tensor convolve2d(Tensor input, Tensor kernel, ConvolveMode mode) {
        return convolve2d(input, kernel, mode, Boundary.FILL, 0);
    }

    /**
     * Pads the last two dimensions. Note the argument order: top, bottom, left, right (PyTorch's {@code F.pad}
     * takes {@code (left, right, top, bottom)}). Negative amounts crop. Pads wider than the input extend periodically
     * like NumPy's {@code np.pad}.
     *
     * @param input a tensor with at least two dimensions
     * @param top rows added above
     * @param bottom rows added below
     * @param left columns added on the left
     * @param right columns added on the right
     * @param mode the padding mode
     * @param value the constant for {@link PaddingMode#CONSTANT} (ignored otherwise)
     * @return the padded tensor
     * @throws IllegalArgumentException if the input has fewer than two dimensions or a non-constant mode pads an
     *     empty dimension
     */
    public static Tensor pad(Tensor input, int top, int bottom, int left, int right, PaddingMode mode, double value) {
        return PadOp.pad(input, top, bottom, left, right, mode, mode, value);
    }

    /**
     * Pads the last two dimensions with a mode per axis.
     *
     * @param input a tensor with at least two dimensions
     * @param padding explicit amounts ({@code same}/{@code valid} are refused: they need a kernel)
     * @param modeH mode for the top and bottom
     * @param modeW mode for the left and right
     * @param value the constant for {@link PaddingMode#CONSTANT}
     * @return the padded tensor
     */
    public static Tensor pad(Tensor input, Padding padding, PaddingMode modeH, PaddingMode modeW, double value) {
        if (padding == null || padding.isSame() || padding.equals(Padding.valid())) {
            if (padding != null && padding.equals(Padding.valid())) {
                return PadOp.pad(input, 0, 0, 0, 0, modeH, modeW, value);
            }
            throw new IllegalArgumentException("pad: padding must be explicit amounts, got " + padding);
        }
        int[] h = padding.resolve(0, 1, 1, 1, true);
        int[] w = padding.resolve(0, 1, 1, 1, false);
        return PadOp.pad(input, h[0], h[1], w[0], w[1], modeH, modeW, value);
    }

    /**
     * PyTorch's {@code F.max_pool2d}. Padding is −∞; a window containing NaN gives NaN.
     *
     * @param input {@code (N, C, H, W)} or {@code (C, H, W)}
     * @param options kernel size, stride (default: kernel), padding, dilation, ceil mode
     * @return the pooled tensor
     * @throws IllegalArgumentException if the options are invalid for the input
     */
    public static Tensor maxPool2d(Tensor input, Pool2dOptions options) {
        return PoolOps.maxPool2d(input, options, false).output();
    }

    /**
     * {@code F.max_pool2d(..., return_indices=True)}.
     *
     * @param input {@code (N, C, H, W)} or {@code (C, H, W)}
     * @param options the pooling options
     * @return the pooled tensor and the flat argmax positions within each plane
     */
    public static MaxPool2dResult maxPool2dWithIndices(Tensor input, Pool2dOptions options) {
        return PoolOps.maxPool2d(input, options);
    }

    /**
     * PyTorch's {@code F.avg_pool2d}, with {@code ceilMode}, {@code countIncludePad} and {@code divisorOverride}.
     *
     * @param input {@code (N, C, H, W)} or {@code (C, H, W)}
     * @param options the pooling options (dilation must be 1)
     * @return the pooled tensor
     */
    public static Tensor avgPool2d(Tensor input, Pool2dOptions options) {
        return PoolOps.avgPool2d(input, options);
    }

    /**
     * PyTorch's {@code F.adaptive_avg_pool2d}: window {@code i} spans {@code [floor(i·H/out), ceil((i+1)·H/out))}.
     *
     * @param input {@code (N, C, H, W)} or {@code (C, H, W)}
     * @param outH output height
     * @param outW output width
     * @return {@code (..., outH, outW)}
     */
    public static Tensor adaptiveAvgPool2d(Tensor input, int outH, int outW) {
        return PoolOps.adaptiveAvgPool2d(input, outH, outW);
    }

    /**
     * PyTorch's {@code F.adaptive_max_pool2d}.
     *
     * @param input {@code (N, C, H, W)} or {@code (C, H, W)}
     * @param outH output height
     * @param outW output width
     * @return {@code (..., outH, outW)}
     */
    public static Tensor adaptiveMaxPool2d(Tensor input, int outH, int outW) {
        return PoolOps.adaptiveMaxPool2d(input, outH, outW).output();
    }

    /**
     * Adaptive max pooling with argmax positions.
     *
     * @param input {@code (N, C, H, W)} or {@code (C, H, W)}
     * @param outH output height
     * @param outW output width
     * @return the pooled tensor and argmaxes
     */
    public static MaxPool2dResult adaptiveMaxPool2dWithIndices(Tensor input, int outH, int outW) {
        return PoolOps.adaptiveMaxPool2d(input, outH, outW);
    }

    /**
     * Global average pooling: the mean of every plane, {@code (N, C, 1, 1)}.
     *
     * @param input {@code (N, C, H, W)} or {@code (C, H, W)}
     * @return the means
     */
    public static Tensor globalAvgPool2d(Tensor input) {
        return adaptiveAvgPool2d(input, 1, 1);
    }

    /**
     * Global max pooling: the maximum of every plane, {@code (N, C, 1, 1)}.
     *
     * @param input {@code (N, C, H, W)} or {@code (C, H, W)}
     * @return the maxima
     */
    public static Tensor globalMaxPool2d(Tensor input) {
        return adaptiveMaxPool2d(input, 1, 1);
    }

    /**
     * PyTorch's {@code F.unfold} (im2col): every sliding block becomes a column.
     *
     * @param input {@code (N, C, H, W)}
     * @param kernelSize block size
     * @param dilation tap spacing
     * @param padding zero padding per axis
     * @param stride block step
     * @return {@code (N, C·kH·kW, L)} with {@code L = H_out·W_out}; row {@code (c·kH + p)·kW + q}
     */
    public static Tensor unfold(Tensor input, IntPair kernelSize, IntPair dilation, IntPair padding, IntPair stride) {
        return UnfoldOps.unfold(input, kernelSize, dilation, padding, stride);
    }

    /**
     * {@link #unfold(Tensor, IntPair, IntPair, IntPair, IntPair)} with dilation 1, no padding and stride 1.
     *
     * @param input {@code (N, C, H, W)}
     * @param kernelSize square block size
     * @return the columns
     */
    public static Tensor unfold(Tensor input, int kernelSize) {
        return unfold(input, IntPair.of(kernelSize), IntPair.of(1), IntPair.of(0), IntPair.of(1));
    }

    /**
     * PyTorch's {@code F.fold} (col2im): sums the columns back into an image; the adjoint of {@code unfold}.
     *
     * @param input {@code (N, C·kH·kW, L)}
     * @param outputSize {@code (H, W)} of the result
     * @param kernelSize block size
     * @param dilation tap spacing
     * @param padding padding per axis
     * @param stride block step
     * @return {@code (N, C, H, W)}
     */
    public static Tensor fold(
            Tensor input, IntPair outputSize, IntPair kernelSize, IntPair dilation, IntPair padding, IntPair stride) {
        return UnfoldOps.fold(input, outputSize, kernelSize, dilation, padding, stride);
    }

    /**
     * The matrix {@code M} with {@code vec(conv2d(x, w)) = M · vec(x)} for one sample {@code x} of shape
     * {@code (C, H, W)}: doubly block Toeplitz for zero padding (the seeds' "convolution as matrix multiplication").
     * Bias is not included.
     *
     * @param inputShape {@code (C, H, W)}
     * @param weight {@code (C_out, C / groups, kH, kW)}
     * @param options the convolution options (constant padding with a non-zero value is refused: not linear)
     * @return {@code (C_out·H_out·W_out, C·H·W)}
     */
    public static Tensor convolutionMatrix(int[] inputShape, Tensor weight, Conv2dOptions options) {
        return ConvolutionMatrix.build(inputShape, weight, options);
    }

    /**
     * Rotates every plane by 180° (flips the last two dimensions), turning cross-correlation into convolution.
     *
     * @param input a tensor with at least two dimensions
     * @return the flipped tensor
     */
    public static Tensor flip2d(Tensor input) {
        return FlipOp.flip2d(input);
    }

    /**
     * The matrix product of two matrices ({@code torch.mm}), accumulated in double.
     *
     * <pre>{@code
     * Tensor c = Functional.matmul(Tensor.of(new float[][] {{1, 2}}), Tensor.of(new float[][] {{3}, {4}})); // [[11.]]
     * }</pre>
     *
     * @param a {@code (M, K)}
     * @param b {@code (K, N)}, same dtype as {@code a}
     * @return {@code (M, N)}
     * @throws IllegalArgumentException if either is not 2-D, the inner sizes differ or the dtypes differ
     */
    public static Tensor matmul(Tensor a, Tensor b) {
        return LinearOps.matmul(a, b);
    }

    /**
     * PyTorch's {@code F.linear}: {@code y = x·Wᵀ + b}.
     *
     * <pre>{@code
     * Tensor y = Functional.linear(x, weight, bias); // x (32, 120), weight (10, 120), bias (10) -> (32, 10)
     * }</pre>
     *
     * @param input {@code (N, in)} or a single sample {@code (in)}
     * @param weight {@code (out, in)}
     * @param bias {@code (out)} or {@code null}
     * @return {@code (N, out)}, or {@code (out)} for a single sample
     * @throws IllegalArgumentException if the feature counts or dtypes disagree
     */
    public static Tensor linear(Tensor input, Tensor weight, Tensor bias) {
        return LinearOps.linear(input, weight, bias);
    }

    /**
     * PyTorch's {@code F.softmax}: {@code exp(x) / Σ exp(x)} along {@code dim}, computed after subtracting the
     * slice's maximum so that large inputs do not overflow.
     *
     * <pre>{@code
     * Tensor p = Functional.softmax(logits, 1); // every row of (N, C) logits sums to 1
     * }</pre>
     *
     * @param input any tensor with at least one dimension
     * @param dim the dimension normalised (negative counts from the end)
     * @return a tensor of the input's shape
     * @throws IllegalArgumentException if {@code dim} is out of range
     */
    public static Tensor softmax(Tensor input, int dim) {
        return SoftmaxOps.softmax(input, dim, false);
    }

    /**
     * PyTorch's {@code F.log_softmax}: {@code x − log Σ exp(x)} along {@code dim}, computed as
     * {@code x − max − log Σ exp(x − max)}, finite even where {@code log(softmax(x))} would give {@code -inf}.
     *
     * <pre>{@code
     * Tensor logp = Functional.logSoftmax(Tensor.of(1000f, 0f), 0); // [0., -1000.]
     * }</pre>
     *
     * @param input any tensor with at least one dimension
     * @param dim the dimension normalised (negative counts from the end)
     * @return a tensor of the input's shape
     * @throws IllegalArgumentException if {@code dim} is out of range
     */
    public static Tensor logSoftmax(Tensor input, int dim) {
        return SoftmaxOps.softmax(input, dim, true);
    }

    /**
     * Inverted dropout ({@code F.dropout}): in training, zeroes each element with probability {@code p} and scales
     * the rest by {@code 1/(1−p)}; otherwise returns {@code input} itself. The mask is drawn from {@code seed}, so a
     * call is reproducible; pass a different seed per step to draw fresh masks.
     *
     * <pre>{@code
     * Tensor h = Functional.dropout(x, 0.5, true, step); // about half zeroed, the rest doubled
     * }</pre>
     *
     * @param input any tensor
     * @param p the drop probability in {@code [0, 1]}
     * @param training whether to drop; {@code false} is the identity
     * @param seed the seed of the mask
     * @return the masked tensor (or {@code input} when not training or {@code p = 0})
     * @throws IllegalArgumentException if {@code p} is outside {@code [0, 1]}
     */
    public static Tensor dropout(Tensor input, double p, boolean training, long seed) {
        return DropoutOp.dropout(input, p, training, seed);
    }

    /**
     * PyTorch's {@code F.mse_loss}: the squared differences, reduced by mean, sum or not at all.
     *
     * <pre>{@code
     * Tensor loss = Functional.mseLoss(conv.forward(x), y, Reduction.MEAN);
     * }</pre>
     *
     * @param input the prediction
     * @param target the target, with the same shape and dtype (no broadcasting)
     * @param reduction {@link Reduction#MEAN}, {@link Reduction#SUM} or {@link Reduction#NONE}
     * @return a 0-dimensional tensor, or the per-element losses for {@code NONE}
     * @throws IllegalArgumentException if the shapes or dtypes differ or {@code reduction} is null
     */
    public static Tensor mseLoss(Tensor input, Tensor target, Reduction reduction) {
        return LossOps.mseLoss(input, target, reduction);
    }

    /**
     * PyTorch's {@code F.cross_entropy} for class indices: {@code −log softmax(logits)[n, target[n]]}, through a
     * stable log-sum-exp.
     *
     * <pre>{@code
     * Tensor loss = Functional.crossEntropy(logits, new int[] {2, 0, 1}, Reduction.MEAN); // logits (3, C)
     * }</pre>
     *
     * @param logits {@code (N, C)} unnormalised scores
     * @param targets {@code N} class indices in {@code [0, C)}
     * @param reduction mean over samples, sum, or none (a tensor {@code (N)})
     * @return the loss
     * @throws IllegalArgumentException if a target is out of range or the counts disagree
     */
    public static Tensor crossEntropy(Tensor logits, int[] targets, Reduction reduction) {
        return LossOps.crossEntropy(logits, targets, reduction);
    }

    /**
     * {@link #crossEntropy(Tensor, int[], Reduction)} with the class indices held in a tensor of integral values.
     *
     * @param logits {@code (N, C)} unnormalised scores
     * @param targets {@code (N)} integral class indices in {@code [0, C)}
     * @param reduction mean over samples, sum, or none
     * @return the loss
     * @throws IllegalArgumentException if {@code targets} is not 1-D or holds a non-integral or out-of-range value
     */
    public static Tensor crossEntropy(Tensor logits, Tensor targets, Reduction reduction) {
        return LossOps.crossEntropy(logits, targets, reduction);
    }
}
