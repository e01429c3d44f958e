package io.github.conv4j.nn;

import io.github.conv4j.tensor.Tensor;

/**
 * PyTorch's default initialisation of convolution and linear layers, seeded. {@code kaiming_uniform_(a = √5)} on
 * the weight has bound {@code gain·√(3 / fan_in)} with {@code gain = √(2 / (1 + a²)) = √(1/3)}, which is exactly
 * {@code 1/√fan_in}; the bias uses the same bound. The values are not PyTorch's (its generator differs) but follow
 * the same distribution.
 *
 * <pre>{@code
 * Tensor w = Init.uniformFanIn(7L, 9, 4, 1, 3, 3); // U(-1/3, 1/3)
 * }</pre>
 */
public final class Init {
    private Init() {}

    /**
     * Samples {@code U(−1/√fanIn, 1/√fanIn)}.
     *
     * @param seed the random seed
     * @param fanIn the number of inputs feeding one output, {@code >= 1}
     * @param shape the dimensions
     * @return a new float32 tensor (not a parameter yet)
     * @throws IllegalArgumentException if {@code fanIn < 1}
     */
    public static Tensor uniformFanIn(long seed, int fanIn, int... shape) {
        if (fanIn < 1) {
            throw new IllegalArgumentException("Init.uniformFanIn: fanIn must be >= 1, got " + fanIn);
        }
        double bound = 1 / Math.sqrt(fanIn);
        return Tensor.uniform(seed, -bound, bound, shape);
    }

    /**
     * Derives an independent seed for a second tensor of the same layer (the bias), so that weight and bias are not
     * drawn from the same stream.
     *
     * @param seed the layer's seed
     * @return a different, well-mixed seed
     */
    static long biasSeed(long seed) {
        long z = seed + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
