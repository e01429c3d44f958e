package io.github.conv4j.image;

import io.github.conv4j.tensor.Tensor;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Converts between images and {@code (C, H, W)} float32 tensors.
 *
 * <p>Reading takes the raster's samples directly, so gray and 16-bit images keep their exact values (going through
 * {@code getRGB} would apply an sRGB conversion to gray images and drop 8 bits of 16-bit ones). Channels are as stored:
 * 1 (gray), 2 (gray + alpha), 3 (RGB) or 4 (RGBA); palette images are expanded to RGB(A). Values are scaled to
 * [0, 1] by the maximum of each band's bit depth unless raw values are asked for.
 *
 * <pre>{@code
 * Tensor rgb = ImageTensors.read(Path.of("photo.png"));          // (3, H, W) in [0, 1]
 * ImageTensors.writePng(rgb.mul(0.5), out, 8);                   // darker copy
 * }</pre>
 */
public final class ImageTensors {
    private ImageTensors() {}

    /**
     * Reads an image with {@link ImageReadOptions#defaults()}.
     *
     * @param file a PNG, JPEG, BMP or GIF file
     * @return {@code (C, H, W)} float32 in [0, 1]
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if it is missing, not an image, corrupt, truncated or too large
     */
    public static Tensor read(Path file) throws IOException {
        return read(file, ImageReadOptions.defaults());
    }

    /**
     * Reads an image safely (see {@link ImageReadOptions}).
     *
     * @param file a PNG, JPEG, BMP or GIF file
     * @param options pixel limit, raw values, gray conversion
     * @return {@code (C, H, W)} float32
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if it is missing, not an image, corrupt, truncated or too large
     */
    public static Tensor read(Path file, ImageReadOptions options) throws IOException {
        Tensor image = fromImage(SafeImageDecoder.decode(file, options.maxPixels()), options.raw());
        return options.gray() ? Filters.toGray(image) : image;
    }

    /**
     * Converts a decoded image to a tensor.
     *
     * @param image any buffered image
     * @param raw {@code true} for the stored sample values, {@code false} for values scaled to [0, 1]
     * @return {@code (C, H, W)} float32
     */
    public static Tensor fromImage(BufferedImage image, boolean raw) {
        if (image.getColorModel() instanceof IndexColorModel) {
            // Palette indices mean nothing numerically; expand them to the colours they stand for.
            image = expandPalette(image);
        }
        Raster raster = image.getRaster();
        int w = raster.getWidth();
        int h = raster.getHeight();
        int c = raster.getNumBands();
        float[] data = new float[c * h * w];
        float[] row = new float[w];
        for (int b = 0; b < c; b++) {
            int bits = raster.getSampleModel().getSampleSize(b);
            // Divide rather than multiply by a reciprocal: v / max is what writers invert exactly.
            float max = (float) ((1L << bits) - 1);
            for (int y = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, b, row);
                int base = (b * h + y) * w;
                for (int x = 0; x < w; x++) {
                    data[base + x] = raw ? row[x] : row[x] / max;
                }
            }
        }
        return Tensor.wrap(data, c, h, w);
    }

    private static BufferedImage expandPalette(BufferedImage image) {
        int type = image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), type);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                rgb.setRGB(x, y, image.getRGB(x, y));
            }
        }
        return rgb;
    }

    /**
     * Converts a tensor with values in [0, 1] to an image; values outside are clipped, NaN is an error.
     *
     * @param tensor {@code (H, W)} or {@code (C, H, W)} with C = 1 (gray), 2 (gray + alpha), 3 (RGB) or 4 (RGBA)
     * @param bitDepth 8 or 16
     * @return an image whose raster holds {@code round(v · (2^bitDepth − 1))}
     * @throws IllegalArgumentException for another shape, channel count or bit depth, or a NaN value
     */
    public static BufferedImage toImage(Tensor tensor, int bitDepth) {
        if (bitDepth != 8 && bitDepth != 16) {
            throw new IllegalArgumentException("bitDepth must be 8 or 16, got " + bitDepth);
        }
        int[] shape = tensor.shape();
        if (shape.length == 2) {
            shape = new int[] {1, shape[0], shape[1]};
        }
        if (shape.length != 3 || shape[0] < 1 || shape[0] > 4) {
            throw new IllegalArgumentException("an image tensor must be (H, W) or (C, H, W) with C in 1..4, got "
                    + java.util.Arrays.toString(tensor.shape()));
        }
        int c = shape[0];
        int h = shape[1];
        int w = shape[2];
        if (h < 1 || w < 1) {
            throw new IllegalArgumentException("an image needs at least one pixel, got " + h + "x" + w);
        }
        ColorSpace space = ColorSpace.getInstance(c <= 2 ? ColorSpace.CS_GRAY : ColorSpace.CS_sRGB);
        boolean alpha = c == 2 || c == 4;
        int transferType = bitDepth == 8 ? DataBuffer.TYPE_BYTE : DataBuffer.TYPE_USHORT;
        ColorModel model = new ComponentColorModel(
                space, alpha, false, alpha ? Transparency.TRANSLUCENT : Transparency.OPAQUE, transferType);
        WritableRaster raster = model.createCompatibleWritableRaster(w, h);
        float[] data = tensor.toFloatArray();
        double max = (1 << bitDepth) - 1;
        int[] row = new int[w];
        for (int b = 0; b < c; b++) {
            for (int y = 0; y < h; y++) {
                int base = (b * h + y) * w;
                for (int x = 0; x < w; x++) {
                    float v = data[base + x];
                    if (Float.isNaN(v)) {
                        throw new IllegalArgumentException(
                                "cannot write NaN at channel " + b + ", row " + y + ", column " + x + " to an image");
                    }
                    row[x] = (int) Math.round(Math.min(1.0, Math.max(0.0, v)) * max);
                }
                raster.setSamples(0, y, w, 1, b, row);
            }
        }
        return new BufferedImage(model, raster, false, null);
    }

    /**
     * Writes a tensor with values in [0, 1] as a PNG (see {@link #toImage(Tensor, int)}).
     *
     * @param tensor {@code (H, W)} or {@code (C, H, W)}, C in 1..4
     * @param out the stream; not closed
     * @param bitDepth 8 or 16
     * @throws IOException if writing fails
     * @throws IllegalArgumentException as {@link #toImage(Tensor, int)}
     */
    public static void writePng(Tensor tensor, OutputStream out, int bitDepth) throws IOException {
        BufferedImage image = toImage(tensor, bitDepth);
        if (!ImageIO.write(image, "png", out)) {
            throw new IOException("no PNG writer accepts a " + tensor.size(0) + "-channel " + bitDepth + "-bit image");
        }
    }
}
