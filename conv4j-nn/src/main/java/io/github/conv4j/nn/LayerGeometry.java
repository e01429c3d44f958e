package io.github.conv4j.nn;

import io.github.conv4j.spec.IntPair;
import io.github.conv4j.spec.Padding;

/**
 * The spatial geometry of one sliding-window layer (convolution or pooling), the input of {@link ReceptiveField}.
 * {@code same} padding is resolved against the input size when analysed.
 *
 * <pre>{@code
 * LayerGeometry conv = LayerGeometry.of("conv1", 3, 1, 1, 1); // 3x3, stride 1, padding 1, dilation 1
 * LayerGeometry pool = LayerGeometry.of("pool1", 2, 2, 0, 1);
 * }</pre>
 *
 * @param name a label for reports
 * @param kernel the window size
 * @param stride the step
 * @param padding the padding (explicit amounts, {@code same} or {@code valid})
 * @param dilation the tap spacing
 * @param ceilMode whether the output size rounds up (pooling's {@code ceil_mode})
 */
public record LayerGeometry(
        String name, IntPair kernel, IntPair stride, Padding padding, IntPair dilation, boolean ceilMode) {
    /**
     * Validates the geometry.
     *
     * @throws IllegalArgumentException if a component is null or kernel, stride or dilation is below 1
     */
    public LayerGeometry {
        String what = "LayerGeometry " + name;
        LayerChecks.positive(what, "kernel", kernel);
        LayerChecks.positive(what, "stride", stride);
        LayerChecks.positive(what, "dilation", dilation);
        LayerChecks.notNull(what, "padding", padding);
    }

    /**
     * A square geometry with symmetric padding and floor rounding.
     *
     * @param name a label
     * @param kernel the window size
     * @param stride the step
     * @param padding the padding on every side
     * @param dilation the tap spacing
     * @return the geometry
     */
    public static LayerGeometry of(String name, int kernel, int stride, int padding, int dilation) {
        return new LayerGeometry(
                name, IntPair.of(kernel), IntPair.of(stride), Padding.of(padding), IntPair.of(dilation), false);
    }
}
