package io.github.conv4j.spec;

import java.util.Objects;

/**
 * The options of {@code conv2d}, named after PyTorch's arguments. Immutable: every setter returns a new instance.
 *
 * <ul>
 *   <li>{@code stride} (default 1), {@code dilation} (default 1): an int or an (h, w) pair;
 *   <li>{@code padding}: see {@link Padding} (default 0; {@code same} works for any stride);
 *   <li>{@code groups} (default 1): in and out channels are split into that many groups; {@code groups = C_in} is a
 *       depthwise convolution;
 *   <li>{@code paddingMode} (default {@link PaddingMode#ZEROS}), optionally different per axis, and
 *       {@code paddingValue} for {@link PaddingMode#CONSTANT};
 *   <li>{@code strict}: refuse a geometry whose output-size division is not exact (DL4J's {@code Strict} mode), so
 *       no input row or column is silently ignored;
 *   <li>{@code algorithm}: force a kernel, see {@link Algorithm}.
 * </ul>
 *
 * <pre>{@code
 * Conv2dOptions opts = Conv2dOptions.defaults().stride(2).padding(1).paddingMode(PaddingMode.REFLECT);
 * }</pre>
 */
public final class Conv2dOptions {
    private static final Conv2dOptions DEFAULTS = new Conv2dOptions(
            IntPair.of(1),
            Padding.of(0),
            IntPair.of(1),
            1,
            PaddingMode.ZEROS,
            PaddingMode.ZEROS,
            0,
            false,
            Algorithm.AUTO);

    private final IntPair stride;
    private final Padding padding;
    private final IntPair dilation;
    private final int groups;
    private final PaddingMode paddingModeH;
    private final PaddingMode paddingModeW;
    private final double paddingValue;
    private final boolean strict;
    private final Algorithm algorithm;

    private Conv2dOptions(
            IntPair stride,
            Padding padding,
            IntPair dilation,
            int groups,
            PaddingMode paddingModeH,
            PaddingMode paddingModeW,
            double paddingValue,
            boolean strict,
            Algorithm algorithm) {
        this.stride = stride;
        this.padding = padding;
        this.dilation = dilation;
        this.groups = groups;
        this.paddingModeH = paddingModeH;
        this.paddingModeW = paddingModeW;
        this.paddingValue = paddingValue;
        this.strict = strict;
        this.algorithm = algorithm;
    }

    /**
     * PyTorch's defaults: stride 1, padding 0, dilation 1, groups 1, zeros padding.
     *
     * @return the default options
     */
    public static Conv2dOptions defaults() {
        return DEFAULTS;
    }

    private Conv2dOptions with(
            IntPair stride,
            Padding padding,
            IntPair dilation,
            int groups,
            PaddingMode modeH,
            PaddingMode modeW,
            double value,
            boolean strict,
            Algorithm algorithm) {
        return new Conv2dOptions(stride, padding, dilation, groups, modeH, modeW, value, strict, algorithm);
    }

    /**
     * Sets the same stride for both axes.
     *
     * @param s the stride, {@code >= 1} (checked when the convolution runs)
     * @return new options
     */
    public Conv2dOptions stride(int s) {
        return stride(IntPair.of(s));
    }

    /**
     * Sets the stride per axis.
     *
     * @param sh vertical stride
     * @param sw horizontal stride
     * @return new options
     */
    public Conv2dOptions stride(int sh, int sw) {
        return stride(IntPair.of(sh, sw));
    }

    /**
     * Sets the stride.
     *
     * @param s the stride pair
     * @return new options
     */
    public Conv2dOptions stride(IntPair s) {
        return with(
                Objects.requireNonNull(s, "stride"),
                padding,
                dilation,
                groups,
                paddingModeH,
                paddingModeW,
                paddingValue,
                strict,
                algorithm);
    }

    /**
     * Sets the same padding on all sides.
     *
     * @param p pixels
     * @return new options
     */
    public Conv2dOptions padding(int p) {
        return padding(Padding.of(p));
    }

    /**
     * Sets symmetric padding per axis.
     *
     * @param ph rows at top and bottom
     * @param pw columns at left and right
     * @return new options
     */
    public Conv2dOptions padding(int ph, int pw) {
        return padding(Padding.of(ph, pw));
    }

    /**
     * Sets the padding.
     *
     * @param p explicit, {@link Padding#same()} or {@link Padding#valid()}
     * @return new options
     */
    public Conv2dOptions padding(Padding p) {
        return with(
                stride,
                Objects.requireNonNull(p, "padding"),
                dilation,
                groups,
                paddingModeH,
                paddingModeW,
                paddingValue,
                strict,
                algorithm);
    }

    /**
     * Sets the same dilation for both axes.
     *
     * @param d the dilation, {@code >= 1}
     * @return new options
     */
    public Conv2dOptions dilation(int d) {
        return dilation(IntPair.of(d));
    }

    /**
     * Sets the dilation per axis.
     *
     * @param dh vertical dilation
     * @param dw horizontal dilation
     * @return new options
     */
    public Conv2dOptions dilation(int dh, int dw) {
        return dilation(IntPair.of(dh, dw));
    }

    /**
     * Sets the dilation.
     *
     * @param d the dilation pair
     * @return new options
     */
    public Conv2dOptions dilation(IntPair d) {
        return with(
                stride,
                padding,
                Objects.requireNonNull(d, "dilation"),
                groups,
                paddingModeH,
                paddingModeW,
                paddingValue,
                strict,
                algorithm);
    }

    /**
     * Sets the number of groups.
     *
     * @param g groups, {@code >= 1}, dividing both channel counts
     * @return new options
     */
    public Conv2dOptions groups(int g) {
        return with(stride, padding, dilation, g, paddingModeH, paddingModeW, paddingValue, strict, algorithm);
    }

    /**
     * Sets the padding mode for both axes.
     *
     * @param mode the mode
     * @return new options
     */
    public Conv2dOptions paddingMode(PaddingMode mode) {
        return paddingMode(mode, mode);
    }

    /**
     * Sets a padding mode per axis (e.g. circular horizontally for panoramas, reflect vertically).
     *
     * @param modeH the mode for the top and bottom borders
     * @param modeW the mode for the left and right borders
     * @return new options
     */
    public Conv2dOptions paddingMode(PaddingMode modeH, PaddingMode modeW) {
        return with(
                stride,
                padding,
                dilation,
                groups,
                Objects.requireNonNull(modeH, "paddingMode"),
                Objects.requireNonNull(modeW, "paddingMode"),
                paddingValue,
                strict,
                algorithm);
    }

    /**
     * Sets the value used by {@link PaddingMode#CONSTANT}.
     *
     * @param value the border value
     * @return new options
     */
    public Conv2dOptions paddingValue(double value) {
        return with(stride, padding, dilation, groups, paddingModeH, paddingModeW, value, strict, algorithm);
    }

    /**
     * Refuses geometries whose output-size division leaves a remainder (rows or columns the kernel never reaches).
     *
     * @param value whether to be strict
     * @return new options
     */
    public Conv2dOptions strict(boolean value) {
        return with(stride, padding, dilation, groups, paddingModeH, paddingModeW, paddingValue, value, algorithm);
    }

    /**
     * Forces a kernel.
     *
     * @param value the algorithm, {@link Algorithm#AUTO} to let the library choose
     * @return new options
     */
    public Conv2dOptions algorithm(Algorithm value) {
        return with(
                stride,
                padding,
                dilation,
                groups,
                paddingModeH,
                paddingModeW,
                paddingValue,
                strict,
                Objects.requireNonNull(value, "algorithm"));
    }

    /** @return the stride */
    public IntPair stride() {
        return stride;
    }

    /** @return the padding */
    public Padding padding() {
        return padding;
    }

    /** @return the dilation */
    public IntPair dilation() {
        return dilation;
    }

    /** @return the number of groups */
    public int groups() {
        return groups;
    }

    /** @return the padding mode of the top and bottom borders */
    public PaddingMode paddingModeH() {
        return paddingModeH;
    }

    /** @return the padding mode of the left and right borders */
    public PaddingMode paddingModeW() {
        return paddingModeW;
    }

    /** @return the value of {@link PaddingMode#CONSTANT} padding */
    public double paddingValue() {
        return paddingValue;
    }

    /** @return whether inexact output-size divisions are refused */
    public boolean strict() {
        return strict;
    }

    /** @return the forced algorithm, or {@link Algorithm#AUTO} */
    public Algorithm algorithm() {
        return algorithm;
    }

    /**
     * Tells whether the padding is plain zeros (the convolution kernels handle it without a padded copy).
     *
     * @return whether both axes pad with zeros (a constant of 0 counts as zeros)
     */
    public boolean zeroPadded() {
        return isZero(paddingModeH) && isZero(paddingModeW);
    }

    private boolean isZero(PaddingMode mode) {
        return mode == PaddingMode.ZEROS || (mode == PaddingMode.CONSTANT && paddingValue == 0);
    }

    @Override
    public String toString() {
        return "Conv2dOptions(stride=" + stride + ", padding=" + padding + ", dilation=" + dilation + ", groups="
                + groups + ", paddingMode="
                + (paddingModeH == paddingModeW ? paddingModeH : paddingModeH + "/" + paddingModeW)
                + (paddingModeH == PaddingMode.CONSTANT || paddingModeW == PaddingMode.CONSTANT
                        ? ", paddingValue=" + paddingValue
                        : "")
                + (strict ? ", strict" : "") + ", algorithm="
                + algorithm + ")";
    }
}
