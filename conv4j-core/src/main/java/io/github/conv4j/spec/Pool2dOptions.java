package io.github.conv4j.spec;

import java.util.Objects;

/**
 * The options of {@code maxPool2d} and {@code avgPool2d}, named after PyTorch's arguments. Immutable.
 *
 * <ul>
 *   <li>{@code kernelSize} (required), {@code stride} (defaults to the kernel size), {@code padding} (per axis,
 *       at most half the kernel, implicit −∞ for max and 0 for average), {@code dilation} (max only);
 *   <li>{@code ceilMode}: round the output size up, as long as the last window starts inside the input or its left
 *       padding;
 *   <li>{@code countIncludePad} (average, default true): divide by the window size including padding;
 *   <li>{@code divisorOverride} (average, 0 = none): divide by this number instead.
 * </ul>
 *
 * <pre>{@code
 * Pool2dOptions.of(3).stride(2).padding(1); // ResNet's max-pool
 * Pool2dOptions.of(2).stride(1);           // the seeds' 2×2, stride 1 pooling
 * }</pre>
 */
public final class Pool2dOptions {
    private final IntPair kernelSize;
    private final IntPair stride;
    private final IntPair padding;
    private final IntPair dilation;
    private final boolean ceilMode;
    private final boolean countIncludePad;
    private final int divisorOverride;

    private Pool2dOptions(
            IntPair kernelSize,
            IntPair stride,
            IntPair padding,
            IntPair dilation,
            boolean ceilMode,
            boolean countIncludePad,
            int divisorOverride) {
        this.kernelSize = kernelSize;
        this.stride = stride;
        this.padding = padding;
        this.dilation = dilation;
        this.ceilMode = ceilMode;
        this.countIncludePad = countIncludePad;
        this.divisorOverride = divisorOverride;
    }

    /**
     * A square window with stride equal to the window.
     *
     * @param kernelSize the window size
     * @return the options
     */
    public static Pool2dOptions of(int kernelSize) {
        return of(IntPair.of(kernelSize));
    }

    /**
     * A window with stride equal to the window.
     *
     * @param kh window height
     * @param kw window width
     * @return the options
     */
    public static Pool2dOptions of(int kh, int kw) {
        return of(IntPair.of(kh, kw));
    }

    /**
     * A window with stride equal to the window.
     *
     * @param kernelSize the window size
     * @return the options
     */
    public static Pool2dOptions of(IntPair kernelSize) {
        return new Pool2dOptions(
                Objects.requireNonNull(kernelSize, "kernelSize"), null, IntPair.of(0), IntPair.of(1), false, true, 0);
    }

    /**
     * Sets the stride.
     *
     * @param s stride for both axes
     * @return new options
     */
    public Pool2dOptions stride(int s) {
        return stride(IntPair.of(s));
    }

    /**
     * Sets the stride.
     *
     * @param s the stride, or {@code null} for the kernel size
     * @return new options
     */
    public Pool2dOptions stride(IntPair s) {
        return new Pool2dOptions(kernelSize, s, padding, dilation, ceilMode, countIncludePad, divisorOverride);
    }

    /**
     * Sets the padding for both axes.
     *
     * @param p pixels on each side
     * @return new options
     */
    public Pool2dOptions padding(int p) {
        return padding(IntPair.of(p));
    }

    /**
     * Sets the padding per axis.
     *
     * @param p rows (top and bottom) and columns (left and right)
     * @return new options
     */
    public Pool2dOptions padding(IntPair p) {
        return new Pool2dOptions(
                kernelSize,
                stride,
                Objects.requireNonNull(p, "padding"),
                dilation,
                ceilMode,
                countIncludePad,
                divisorOverride);
    }

    /**
     * Sets the dilation (max pooling only).
     *
     * @param d dilation for both axes
     * @return new options
     */
    public Pool2dOptions dilation(int d) {
        return dilation(IntPair.of(d));
    }

    /**
     * Sets the dilation per axis (max pooling only).
     *
     * @param d the dilation
     * @return new options
     */
    public Pool2dOptions dilation(IntPair d) {
        return new Pool2dOptions(
                kernelSize,
                stride,
                padding,
                Objects.requireNonNull(d, "dilation"),
                ceilMode,
                countIncludePad,
                divisorOverride);
    }

    /**
     * Sets ceil mode.
     *
     * @param value whether to round the output size up
     * @return new options
     */
    public Pool2dOptions ceilMode(boolean value) {
        return new Pool2dOptions(kernelSize, stride, padding, dilation, value, countIncludePad, divisorOverride);
    }

    /**
     * Sets whether average pooling counts padding in the divisor (PyTorch's default: true).
     *
     * @param value whether padding counts
     * @return new options
     */
    public Pool2dOptions countIncludePad(boolean value) {
        return new Pool2dOptions(kernelSize, stride, padding, dilation, ceilMode, value, divisorOverride);
    }

    /**
     * Sets a fixed divisor for average pooling.
     *
     * @param value the divisor, or 0 for none
     * @return new options
     */
    public Pool2dOptions divisorOverride(int value) {
        return new Pool2dOptions(kernelSize, stride, padding, dilation, ceilMode, countIncludePad, value);
    }

    /** @return the window size */
    public IntPair kernelSize() {
        return kernelSize;
    }

    /** @return the stride (the kernel size unless set) */
    public IntPair stride() {
        return stride == null ? kernelSize : stride;
    }

    /** @return the padding per axis */
    public IntPair padding() {
        return padding;
    }

    /** @return the dilation */
    public IntPair dilation() {
        return dilation;
    }

    /** @return whether the output size is rounded up */
    public boolean ceilMode() {
        return ceilMode;
    }

    /** @return whether average pooling divides by the padded window size */
    public boolean countIncludePad() {
        return countIncludePad;
    }

    /** @return the fixed divisor, 0 if none */
    public int divisorOverride() {
        return divisorOverride;
    }

    @Override
    public String toString() {
        return "Pool2dOptions(kernelSize=" + kernelSize + ", stride=" + stride() + ", padding=" + padding
                + ", dilation=" + dilation + ", ceilMode=" + ceilMode + ", countIncludePad=" + countIncludePad
                + (divisorOverride != 0 ? ", divisorOverride=" + divisorOverride : "") + ")";
    }
}
