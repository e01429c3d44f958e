package io.github.conv4j.image;

import java.util.Optional;

/**
 * The image formats conv4j decodes, recognised by their magic bytes rather than the file name, so that a renamed or
 * hostile file never reaches a decoder it was not written for.
 *
 * <pre>{@code
 * ImageFormat.sniff(Files.readAllBytes(path)); // Optional[PNG]
 * }</pre>
 */
public enum ImageFormat {
    /** Portable Network Graphics: {@code 89 50 4E 47 0D 0A 1A 0A}. */
    PNG("png"),
    /** JPEG/JFIF: {@code FF D8 FF}. */
    JPEG("jpeg"),
    /** Windows bitmap: {@code "BM"}. */
    BMP("bmp"),
    /** GIF87a/GIF89a: {@code "GIF8"}. */
    GIF("gif");

    /** The number of leading bytes {@link #sniff(byte[])} needs at most. */
    public static final int MAGIC_LENGTH = 8;

    private final String imageIoName;

    ImageFormat(String imageIoName) {
        this.imageIoName = imageIoName;
    }

    /**
     * The format name the {@code javax.imageio} registry knows this format by.
     *
     * @return e.g. {@code "png"}
     */
    public String imageIoName() {
        return imageIoName;
    }

    /**
     * Recognises a format from the first bytes of a file.
     *
     * @param head the first bytes (at least {@link #MAGIC_LENGTH} for PNG; fewer are fine, they just match less)
     * @return the format, or empty if the bytes match none
     */
    public static Optional<ImageFormat> sniff(byte[] head) {
        if (startsWith(head, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of(PNG);
        }
        if (startsWith(head, 0xFF, 0xD8, 0xFF)) {
            return Optional.of(JPEG);
        }
        if (startsWith(head, 'G', 'I', 'F', '8')) {
            return Optional.of(GIF);
        }
        if (startsWith(head, 'B', 'M')) {
            return Optional.of(BMP);
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] head, int... magic) {
        if (head.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((head[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
