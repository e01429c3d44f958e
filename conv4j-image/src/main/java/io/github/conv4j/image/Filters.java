package io.github.conv4j.image;

import io.github.conv4j.ops.Functional;
import io.github.conv4j.spec.Conv2dOptions;
import io.github.conv4j.spec.OutputShapes;
import io.github.conv4j.spec.Padding;
import io.github.conv4j.spec.PaddingMode;
import io.github.conv4j.tensor.Tensor;
import java.util.Arrays;

/**
 * Classic image filters built on {@link Functional#conv2d}: every channel is filtered with the same 2-D kernel (a
 * depthwise convolution, {@code groups = C}), and the {@code same}-size variants pad by reflection
 * ({@code d c b | a b c d | c b a}) so borders do not invent edges.
 *
 * <pre>{@code
 * Tensor gray = Filters.toGray(ImageTensors.read(path));   // (1, H, W)
 * Tensor edges = Filters.sobelMagnitude(gray);             // (1, H, W), >= 0
 * Tensor soft = Filters.gaussianBlur(image, 2.0);          // same shape as image
 * }</pre>
 */
public final class Filters {
    /** ITU-R BT.601 luma weights for R, G and B: {@code Y = 0.299 R + 0.587 G + 0.114 B}. */
    public static final float[] BT601_LUMA = {0.299f, 0.587f, 0.114f};

    private Filters() {}

    /**
     * Options for a same-size, reflect-padded, stride-1 filter.
     *
     * @return {@code padding = same}, {@code paddingMode = reflect}
     */
    public static Conv2dOptions sameReflect() {
        return Conv2dOptions.defaults().padding(Padding.same()).paddingMode(PaddingMode.REFLECT);
    }

    /**
     * Cross-correlates every channel with one kernel.
     *
     * @param image {@code (H, W)} or {@code (C, H, W)}
     * @param kernel {@code (kH, kW)}
     * @param options stride, padding, dilation and padding mode ({@code groups} is set to C here)
     * @return {@code (C, H_out, W_out)}, or {@code (H_out, W_out)} for a 2-D image
     * @throws IllegalArgumentException if the shapes or options are invalid
     */
    public static Tensor correlate(Tensor image, Tensor kernel, Conv2dOptions options) {
        Planes p = planes(image, kernel);
        Tensor out = Functional.conv2d(p.input, p.weight, null, options.groups(p.channels));
        int[] o = out.shape();
        return p.plane ? out.reshape(o[2], o[3]) : out.reshape(p.channels, o[2], o[3]);
    }

    /**
     * {@link #correlate(Tensor, Tensor, Conv2dOptions)} written into an existing image instead of a new one (OpenCV's
     * {@code dst}): filtering a stream of frames then allocates no output. Same bits as the allocating call; no
     * gradient is recorded.
     *
     * <pre>{@code
     * Tensor frame = Tensor.rand(1, 1080, 1920);
     * Tensor blurred = Tensor.empty(DType.FLOAT32, 1080, 1920);
     * Filters.correlate(frame, Kernels.box(3), Filters.sameReflect(), blurred);
     * }</pre>
     *
     * @param image {@code (H, W)} or {@code (C, H, W)}
     * @param kernel {@code (kH, kW)}
     * @param options as {@link #correlate(Tensor, Tensor, Conv2dOptions)}
     * @param out the result's shape and the image's dtype, sharing no memory with the image; overwritten
     * @return {@code out}
     * @throws IllegalArgumentException if the shapes or options are invalid, {@code out} has another shape or dtype or
     *     shares the image's memory, or an argument requires a gradient; {@code out} is then unchanged
     */
    public static Tensor correlate(Tensor image, Tensor kernel, Conv2dOptions options, Tensor out) {
        Planes p = planes(image, kernel);
        if (out == null) {
            throw new IllegalArgumentException("out must not be null");
        }
        Conv2dOptions grouped = options.groups(p.channels);
        int[] o = OutputShapes.conv2d(p.input.shape(), p.weight.shape(), grouped);
        int[] expected = p.plane ? new int[] {o[2], o[3]} : new int[] {p.channels, o[2], o[3]};
        if (!Arrays.equals(out.shape(), expected)) {
            throw new IllegalArgumentException("out must have the filtered image's size " + Arrays.toString(expected)
                    + " (image " + Arrays.toString(image.shape()) + ", kernel " + Arrays.toString(kernel.shape())
                    + "), got " + Arrays.toString(out.shape()));
        }
        Functional.conv2d(p.input, p.weight, null, grouped, out.reshape(o));
        return out;
    }

    /** An image as a one-sample batch of channels, and its kernel repeated once per channel. */
    private record Planes(Tensor input, Tensor weight, int channels, boolean plane) {}

    private static Planes planes(Tensor image, Tensor kernel) {
        if (kernel.dim() != 2) {
            throw new IllegalArgumentException(
                    "kernel must be 2-D (kH, kW), got shape " + Arrays.toString(kernel.shape()));
        }
        boolean plane = image.dim() == 2;
        if (!plane && image.dim() != 3) {
            throw new IllegalArgumentException(
                    "image must be (H, W) or (C, H, W), got shape " + Arrays.toString(image.shape()));
        }
        int[] s = image.shape();
        int c = plane ? 1 : s[0];
        int h = plane ? s[0] : s[1];
        int w = plane ? s[1] : s[2];
        return new Planes(image.reshape(1, c, h, w), depthwise(kernel.to(image.dtype()), c), c, plane);
    }

    /**
     * True convolution of every channel (the kernel rotated by 180°, as in signal processing and SciPy).
     *
     * @param image {@code (H, W)} or {@code (C, H, W)}
     * @param kernel {@code (kH, kW)}
     * @param options as {@link #correlate(Tensor, Tensor, Conv2dOptions)}
     * @return as {@link #correlate(Tensor, Tensor, Conv2dOptions)}
     */
    public static Tensor convolve(Tensor image, Tensor kernel, Conv2dOptions options) {
        return correlate(image, Functional.flip2d(kernel), options);
    }

    /**
     * {@link #convolve(Tensor, Tensor, Conv2dOptions)} written into an existing image, as
     * {@link #correlate(Tensor, Tensor, Conv2dOptions, Tensor)}.
     *
     * @param image {@code (H, W)} or {@code (C, H, W)}
     * @param kernel {@code (kH, kW)}
     * @param options as {@link #correlate(Tensor, Tensor, Conv2dOptions)}
     * @param out as {@link #correlate(Tensor, Tensor, Conv2dOptions, Tensor)}
     * @return {@code out}
     * @throws IllegalArgumentException as {@link #correlate(Tensor, Tensor, Conv2dOptions, Tensor)}
     */
    public static Tensor convolve(Tensor image, Tensor kernel, Conv2dOptions options, Tensor out) {
        return correlate(image, Functional.flip2d(kernel), options, out);
    }

    private static Tensor depthwise(Tensor kernel, int channels) {
        // One copy of the kernel per channel: weight (C, 1, kH, kW) with groups = C filters channels independently.
        float[] k = kernel.toFloatArray();
        float[] w = new float[k.length * channels];
        for (int c = 0; c < channels; c++) {
            System.arraycopy(k, 0, w, c * k.length, k.length);
        }
        return Tensor.wrap(w, channels, 1, kernel.size(0), kernel.size(1)).to(kernel.dtype());
    }

    /**
     * Gradient magnitude {@code sqrt(gx² + gy²)} with the Sobel kernels, same size, per channel.
     *
     * @param image {@code (H, W)} or {@code (C, H, W)}
     * @return the same shape, {@code >= 0}
     */
    public static Tensor sobelMagnitude(Tensor image) {
        return magnitude(image, Kernels.sobelX(), Kernels.sobelY());
    }

    /**
     * Gradient magnitude {@code sqrt(gx² + gy²)} with the Scharr kernels, same size, per channel.
     *
     * @param image {@code (H, W)} or {@code (C, H, W)}
     * @return the same shape, {@code >= 0}
     */
    public static Tensor scharrMagnitude(Tensor image) {
        return magnitude(image, Kernels.scharrX(), Kernels.scharrY());
    }

    private static Tensor magnitude(Tensor image, Tensor kx, Tensor ky) {
        Tensor gx = correlate(image, kx, sameReflect());
        Tensor gy = correlate(image, ky, sameReflect());
        return gx.mul(gx).add(gy.mul(gy)).sqrt();
    }

    /**
     * Gaussian blur as two 1-D passes (rows, then columns): {@code O(k)} work per pixel instead of {@code O(k²)},
     * and the same result as the 2-D kernel {@link Kernels#gaussian(double)} up to rounding. Same size, reflect
     * padding.
     *
     * @param image {@code (H, W)} or {@code (C, H, W)}
     * @param sigma the standard deviation in pixels, {@code > 0}
     * @return the same shape
     * @throws IllegalArgumentException if sigma is not positive and finite
     */
    public static Tensor gaussianBlur(Tensor image, double sigma) {
        Tensor row = Kernels.gaussian1d(sigma, Kernels.gaussianSize(sigma));
        Tensor rows = correlate(image, row, sameReflect());
        return correlate(rows, row.t().copy(), sameReflect());
    }

    /**
     * Sharpening with {@link Kernels#sharpen()}, same size, reflect padding; the result may leave [0, 1].
     *
     * @param image {@code (H, W)} or {@code (C, H, W)}
     * @return the same shape
     */
    public static Tensor sharpen(Tensor image) {
        return correlate(image, Kernels.sharpen(), sameReflect());
    }

    /**
     * The 4-neighbour Laplacian {@link Kernels#laplacian()}, same size, reflect padding; signed.
     *
     * @param image {@code (H, W)} or {@code (C, H, W)}
     * @return the same shape
     */
    public static Tensor laplacian(Tensor image) {
        return correlate(image, Kernels.laplacian(), sameReflect());
    }

    /**
     * Converts to one luma channel with the {@link #BT601_LUMA} weights (the JPEG/MPEG convention; applied to the
     * stored, gamma-encoded values, as those standards do). Gray images are returned as they are; alpha is dropped.
     *
     * @param image {@code (C, H, W)} with C in 1..4, or {@code (H, W)}
     * @return {@code (1, H, W)} (or the 2-D input itself)
     * @throws IllegalArgumentException for another shape
     */
    public static Tensor toGray(Tensor image) {
        if (image.dim() == 2) {
            return image;
        }
        if (image.dim() != 3 || image.size(0) < 1 || image.size(0) > 4) {
            throw new IllegalArgumentException(
                    "toGray: expected (C, H, W) with C in 1..4, got " + Arrays.toString(image.shape()));
        }
        int c = image.size(0);
        int h = image.size(1);
        int w = image.size(2);
        float[] data = image.toFloatArray();
        if (c <= 2) {
            return Tensor.wrap(Arrays.copyOf(data, h * w), 1, h, w);
        }
        int plane = h * w;
        float[] gray = new float[plane];
        for (int i = 0; i < plane; i++) {
            gray[i] = BT601_LUMA[0] * data[i] + BT601_LUMA[1] * data[plane + i] + BT601_LUMA[2] * data[2 * plane + i];
        }
        return Tensor.wrap(gray, 1, h, w);
    }
}
