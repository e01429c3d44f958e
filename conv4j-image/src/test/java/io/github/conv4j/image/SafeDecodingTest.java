package io.github.conv4j.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.conv4j.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeDecodingTest {
    @TempDir
    Path dir;

    /** A PNG signature and an IHDR chunk with a valid CRC declaring {@code width x height}, 8-bit gray. */
    static byte[] pngHeader(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(17);
        ihdr.put("IHDR".getBytes(StandardCharsets.US_ASCII));
        ihdr.putInt(width).putInt(height);
        ihdr.put((byte) 8).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        ByteBuffer png = ByteBuffer.allocate(8 + 4 + 17 + 4);
        png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        png.putInt(13).put(ihdr.array()).putInt((int) crc.getValue());
        return png.array();
    }

    @Test
    void hugeDeclaredDimensionsAreRefusedBeforeDecoding() throws IOException {
        // 100000 x 100000 gray would need 10 GB; the file has no pixel data at all, so only the header is read.
        Path bomb = dir.resolve("bomb.png");
        Files.write(bomb, pngHeader(100_000, 100_000));
        assertThatThrownBy(() -> ImageTensors.read(bomb))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bomb.png")
                .hasMessageContaining("100000x100000")
                .hasMessageContaining("refused before decoding");
    }

    @Test
    void thePixelLimitIsConfigurable() throws IOException {
        Path file = dir.resolve("small.png");
        try (var out = Files.newOutputStream(file)) {
            ImageTensors.writePng(Tensor.zeros(1, 10, 10), out, 8);
        }
        assertThat(ImageTensors.read(file).shape()).containsExactly(1, 10, 10);
        assertThatThrownBy(() ->
                        ImageTensors.read(file, ImageReadOptions.defaults().maxPixels(99)))
                .hasMessageContaining("above the limit of 99");
    }

    @Test
    void truncatedPngIsRejected() throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageTensors.writePng(Tensor.rand(3, 3, 64, 64), png, 8);
        byte[] bytes = png.toByteArray();
        Path cut = dir.resolve("cut.png");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> ImageTensors.read(cut))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cut.png")
                .hasMessageContaining("corrupt or truncated PNG");
    }

    @Test
    void truncatedJpegIsRejected() throws IOException {
        java.awt.image.BufferedImage image =
                new java.awt.image.BufferedImage(64, 64, java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
        for (int i = 0; i < 64; i++) {
            image.setRGB(i, i, 0xFFFFFF);
        }
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "jpeg", jpeg);
        byte[] bytes = jpeg.toByteArray();
        Path cut = dir.resolve("cut.jpg");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length * 2 / 3));
        assertThatThrownBy(() -> ImageTensors.read(cut))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cut.jpg")
                .hasMessageContaining("corrupt or truncated JPEG");
    }

    @Test
    void nonImagesAndMissingFilesAreRejectedByName() throws IOException {
        Path text = dir.resolve("notes.png");
        Files.writeString(text, "just some text, not a picture");
        assertThatThrownBy(() -> ImageTensors.read(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(text + ": not a PNG, JPEG, BMP or GIF image");
        Path missing = dir.resolve("missing.png");
        assertThatThrownBy(() -> ImageTensors.read(missing)).hasMessage(missing + ": no such file");
    }

    @Test
    void formatComesFromMagicBytes() {
        assertThat(ImageFormat.sniff(pngHeader(1, 1))).contains(ImageFormat.PNG);
        assertThat(ImageFormat.sniff(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0}))
                .contains(ImageFormat.JPEG);
        assertThat(ImageFormat.sniff("GIF89a".getBytes(StandardCharsets.US_ASCII)))
                .contains(ImageFormat.GIF);
        assertThat(ImageFormat.sniff("BM".getBytes(StandardCharsets.US_ASCII))).contains(ImageFormat.BMP);
        assertThat(ImageFormat.sniff(new byte[] {1, 2})).isEmpty();
    }
}
