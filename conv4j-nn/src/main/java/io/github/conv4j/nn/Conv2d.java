package io.github.conv4j.nn;

import io.github.conv4j.ops.Functional;
import io.github.conv4j.spec.Conv2dOptions;
import io.github.conv4j.spec.IntPair;
import io.github.conv4j.tensor.Tensor;

/**
 * A learnable 2-D convolution, PyTorch's {@code nn.Conv2d}: weight {@code (out, in/groups, kH, kW)} and optional
 * bias {@code (out)}, both initialised {@code U(±1/√fan_in)} with {@code fan_in = in/groups·kH·kW} (PyTorch's
 * {@code kaiming_uniform_(a=√5)}), from a seed. Stride, padding (amounts, {@code same}, {@code valid}), dilation,
 * groups and padding mode travel in a {@link Conv2dOptions}.
 *
 * <pre>{@code
 * // nn.Conv2d(1, 1, kernel_size=(1, 2), bias=False)
 * Conv2d conv = new Conv2d(1, 1, IntPair.of(1, 2), false, 42);
 * // nn.Conv2d(3, 8, 3, stride=2, padding=1, padding_mode='reflect')
 * Conv2d c2 = new Conv2d(3, 8, IntPair.of(3), Conv2dOptions.defaults().stride(2).padding(1)
 *         .paddingMode(PaddingMode.REFLECT), true, 7);
 * }</pre>
 */
public final class Conv2d extends Module {
    private final int inChannels;
    private final int outChannels;
    private final IntPair kernelSize;
    private final Conv2dOptions options;
    private final Tensor weight;
    private final Tensor bias;

    /**
     * Creates the layer with every PyTorch constructor argument.
     *
     * @param inChannels input channels, {@code >= 1}, divisible by {@code options.groups()}
     * @param outChannels output channels, {@code >= 1}, divisible by {@code options.groups()}
     * @param kernelSize kernel height and width, {@code >= 1}
     * @param options stride, padding, dilation, groups, padding mode (validated against the input in forward)
     * @param bias whether to learn a bias
     * @param seed the seed of the initial weights
     * @throws IllegalArgumentException if a size is not positive or the channels are not divisible by groups
     */
    public Conv2d(int inChannels, int outChannels, IntPair kernelSize, Conv2dOptions options, boolean bias, long seed) {
        String layer = "Conv2d";
        LayerChecks.positive(layer, "in_channels", inChannels);
        LayerChecks.positive(layer, "out_channels", outChannels);
        LayerChecks.positive(layer, "kernel_size", kernelSize);
        LayerChecks.notNull(layer, "options", options);
        LayerChecks.groups(layer, inChannels, outChannels, options.groups());
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernelSize = kernelSize;
        this.options = options;
        int fanIn = inChannels / options.groups() * kernelSize.h() * kernelSize.w();
        this.weight = registerParameter(
                "weight",
                Parameter.of(Init.uniformFanIn(
                        seed, fanIn, outChannels, inChannels / options.groups(), kernelSize.h(), kernelSize.w())));
        this.bias = bias
                ? registerParameter("bias", Parameter.of(Init.uniformFanIn(Init.biasSeed(seed), fanIn, outChannels)))
                : null;
    }

    /**
     * A layer with default options (stride 1, no padding) and a bias, {@code nn.Conv2d(in, out, k)}.
     *
     * @param inChannels input channels
     * @param outChannels output channels
     * @param kernelSize square kernel size
     * @param seed the seed of the initial weights
     */
    public Conv2d(int inChannels, int outChannels, int kernelSize, long seed) {
        this(inChannels, outChannels, IntPair.of(kernelSize), Conv2dOptions.defaults(), true, seed);
    }

    /**
     * A layer with default options, {@code nn.Conv2d(in, out, (kh, kw), bias=bias)}.
     *
     * @param inChannels input channels
     * @param outChannels output channels
     * @param kernelSize kernel height and width
     * @param bias whether to learn a bias
     * @param seed the seed of the initial weights
     */
    public Conv2d(int inChannels, int outChannels, IntPair kernelSize, boolean bias, long seed) {
        this(inChannels, outChannels, kernelSize, Conv2dOptions.defaults(), bias, seed);
    }

    /**
     * Convolves the input.
     *
     * @param input {@code (N, in, H, W)} or {@code (in, H, W)}
     * @return {@code (N, out, H_out, W_out)} (or unbatched)
     * @throws IllegalArgumentException if the input's channels or size do not fit
     */
    @Override
    public Tensor forward(Tensor input) {
        return Functional.conv2d(input, weight, bias, options);
    }

    /**
     * Returns the live weight parameter.
     *
     * @return {@code (out, in/groups, kH, kW)}
     */
    public Tensor weight() {
        return weight;
    }

    /**
     * Returns the live bias parameter.
     *
     * @return {@code (out)}, or {@code null} when created without bias
     */
    public Tensor bias() {
        return bias;
    }

    /**
     * Returns the kernel size.
     *
     * @return {@code (kH, kW)}
     */
    public IntPair kernelSize() {
        return kernelSize;
    }

    /**
     * Returns the convolution options.
     *
     * @return stride, padding, dilation, groups and padding mode
     */
    public Conv2dOptions options() {
        return options;
    }

    @Override
    protected String describe() {
        return "Conv2d(" + inChannels + ", " + outChannels + ", kernel_size=" + kernelSize + ", " + options
                + (bias == null ? ", bias=False" : "") + ")";
    }
}
