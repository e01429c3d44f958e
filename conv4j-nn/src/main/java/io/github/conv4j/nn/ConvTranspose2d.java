package io.github.conv4j.nn;

import io.github.conv4j.ops.Functional;
import io.github.conv4j.spec.ConvTranspose2dOptions;
import io.github.conv4j.spec.IntPair;
import io.github.conv4j.tensor.Tensor;

/**
 * A learnable transposed convolution, PyTorch's {@code nn.ConvTranspose2d}: weight {@code (in, out/groups, kH, kW)},
 * optional bias {@code (out)}. Initialised like PyTorch: {@code U(±1/√fan_in)} where PyTorch computes
 * {@code fan_in} from the weight's second dimension, i.e. {@code out/groups·kH·kW}.
 *
 * <pre>{@code
 * // nn.ConvTranspose2d(8, 4, 3, stride=2, padding=1, output_padding=1): exact 2x upsampling
 * ConvTranspose2d up = new ConvTranspose2d(8, 4, IntPair.of(3),
 *         ConvTranspose2dOptions.defaults().stride(2).padding(1).outputPadding(1), true, 3);
 * }</pre>
 */
public final class ConvTranspose2d extends Module {
    private final int inChannels;
    private final int outChannels;
    private final IntPair kernelSize;
    private final ConvTranspose2dOptions options;
    private final Tensor weight;
    private final Tensor bias;

    /**
     * Creates the layer.
     *
     * @param inChannels input channels, divisible by {@code options.groups()}
     * @param outChannels output channels, divisible by {@code options.groups()}
     * @param kernelSize kernel height and width
     * @param options stride, padding, output padding, dilation, groups
     * @param bias whether to learn a bias
     * @param seed the seed of the initial weights
     * @throws IllegalArgumentException if a size is not positive or the channels are not divisible by groups
     */
    public ConvTranspose2d(
            int inChannels,
            int outChannels,
            IntPair kernelSize,
            ConvTranspose2dOptions options,
            boolean bias,
            long seed) {
        String layer = "ConvTranspose2d";
        LayerChecks.positive(layer, "in_channels", inChannels);
        LayerChecks.positive(layer, "out_channels", outChannels);
        LayerChecks.positive(layer, "kernel_size", kernelSize);
        LayerChecks.notNull(layer, "options", options);
        LayerChecks.groups(layer, inChannels, outChannels, options.groups());
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernelSize = kernelSize;
        this.options = options;
        int fanIn = outChannels / options.groups() * kernelSize.h() * kernelSize.w();
        this.weight = registerParameter(
                "weight",
                Parameter.of(Init.uniformFanIn(
                        seed, fanIn, inChannels, outChannels / options.groups(), kernelSize.h(), kernelSize.w())));
        this.bias = bias
                ? registerParameter("bias", Parameter.of(Init.uniformFanIn(Init.biasSeed(seed), fanIn, outChannels)))
                : null;
    }

    /**
     * Applies the transposed convolution.
     *
     * @param input {@code (N, in, H, W)} or {@code (in, H, W)}
     * @return {@code (N, out, H_out, W_out)} with {@code H_out = (H − 1)·s − 2p + d·(k − 1) + outputPadding + 1}
     * @throws IllegalArgumentException if the input does not fit
     */
    @Override
    public Tensor forward(Tensor input) {
        return Functional.convTranspose2d(input, weight, bias, options);
    }

    /**
     * Returns the live weight.
     *
     * @return {@code (in, out/groups, kH, kW)}
     */
    public Tensor weight() {
        return weight;
    }

    /**
     * Returns the live bias.
     *
     * @return {@code (out)} or {@code null}
     */
    public Tensor bias() {
        return bias;
    }

    @Override
    protected String describe() {
        return "ConvTranspose2d(" + inChannels + ", " + outChannels + ", kernel_size=" + kernelSize + ", stride="
                + options.stride() + ", padding=" + options.padding() + (bias == null ? ", bias=False" : "") + ")";
    }
}
