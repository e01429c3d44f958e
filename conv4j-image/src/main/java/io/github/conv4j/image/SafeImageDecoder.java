package io.github.conv4j.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes untrusted image files: the format comes from the magic bytes, the size from the header (refused above the
 * pixel limit before any pixel is decoded), and every decoder warning — how ImageIO reports a truncated JPEG — is an
 * error. All failures become an {@link IllegalArgumentException} naming the file.
 */
final class SafeImageDecoder {
    static {
        // The disk cache only slows decoding down and leaves temp files behind when a JVM dies mid-read.
        ImageIO.setUseCache(false);
    }

    private SafeImageDecoder() {}

    /** Thrown from the warning listener, which may not throw checked exceptions, and caught below. */
    private static final class DecoderWarning extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DecoderWarning(String message) {
            super(message);
        }
    }

    static BufferedImage decode(Path file, long maxPixels) throws IOException {
        ImageFormat format = sniff(file);
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.imageIoName());
        if (!readers.hasNext()) {
            throw new IllegalArgumentException(file + ": no decoder for " + format + " in this JVM");
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new IllegalArgumentException(file + ": cannot open for reading");
            }
            reader.setInput(in, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (width < 1 || height < 1) {
                throw new IllegalArgumentException(
                        file + ": invalid " + format + " header (" + width + "x" + height + ")");
            }
            long pixels = (long) width * height;
            if (pixels > maxPixels) {
                throw new IllegalArgumentException(file + ": image is " + width + "x" + height + " = " + pixels
                        + " pixels, above the limit of " + maxPixels + " pixels (refused before decoding)");
            }
            reader.addIIOReadWarningListener((source, warning) -> {
                throw new DecoderWarning(warning);
            });
            return reader.read(0);
        } catch (DecoderWarning e) {
            throw new IllegalArgumentException(
                    file + ": corrupt or truncated " + format + " (" + e.getMessage() + ")", e);
        } catch (IOException | IndexOutOfBoundsException | IllegalStateException | NegativeArraySizeException e) {
            throw new IllegalArgumentException(file + ": corrupt or truncated " + format + " (" + describe(e) + ")", e);
        } finally {
            reader.dispose();
        }
    }

    private static ImageFormat sniff(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(ImageFormat.MAGIC_LENGTH);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file", e);
        }
        return ImageFormat.sniff(head)
                .orElseThrow(() -> new IllegalArgumentException(file + ": not a PNG, JPEG, BMP or GIF image"));
    }

    private static String describe(Throwable e) {
        // ImageIO wraps the useful part ("Unexpected end of ZLIB input stream") in a generic message.
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            text.append(": ")
                    .append(
                            cause.getMessage() != null
                                    ? cause.getMessage()
                                    : cause.getClass().getSimpleName());
        }
        return text.toString();
    }
}
