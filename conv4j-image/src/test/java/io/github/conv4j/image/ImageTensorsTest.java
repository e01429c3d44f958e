package io.github.conv4j.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.conv4j.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageTensorsTest {
    @TempDir
    Path dir;

    /** Random integer levels scaled to [0, 1], exactly what a reader of that depth produces. */
    private static Tensor levels(int channels, int h, int w, int bits, long seed) {
        Random random = new Random(seed);
        int max = (1 << bits) - 1;
        float[] data = new float[channels * h * w];
        for (int i = 0; i < data.length; i++) {
            data[i] = random.nextInt(max + 1) / (float) max;
        }
        data[0] = 0;
        data[1] = 1;
        return Tensor.wrap(data, channels, h, w);
    }

    private Path write(Tensor t, int bits, String name) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            ImageTensors.writePng(t, out, bits);
        }
        return file;
    }

    @ParameterizedTest
    @CsvSource({"1, 8", "1, 16", "3, 8", "3, 16", "4, 8", "4, 16", "2, 8"})
    void pngRoundTripsAreExact(int channels, int bits) throws IOException {
        Tensor original = levels(channels, 5, 7, bits, 31L * channels + bits);
        Path file = write(original, bits, "rt.png");
        Tensor back = ImageTensors.read(file);
        assertThat(back.shape()).containsExactly(channels, 5, 7);
        assertThat(back.contentEquals(original)).isTrue();
        // read -> write -> read is a fixed point too.
        Tensor again = ImageTensors.read(write(back, bits, "rt2.png"));
        assertThat(again.contentEquals(original)).isTrue();
    }

    @Test
    void rawValuesAreTheStoredSamples() throws IOException {
        Tensor t = Tensor.wrap(new float[] {0, 1000 / 65535f, 1}, 1, 1, 3);
        Tensor raw = ImageTensors.read(
                write(t, 16, "raw.png"), ImageReadOptions.defaults().raw(true));
        assertThat(raw.toFloatArray()).containsExactly(0, 1000, 65535);
    }

    @Test
    void grayIsReadWithoutColourConversion() throws IOException {
        BufferedImage gray = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSample(0, 0, 0, 128);
        gray.getRaster().setSample(1, 0, 0, 7);
        Path file = dir.resolve("g.png");
        ImageIO.write(gray, "png", file.toFile());
        Tensor t = ImageTensors.read(file, ImageReadOptions.defaults().raw(true));
        assertThat(t.shape()).containsExactly(1, 1, 2);
        assertThat(t.toFloatArray()).containsExactly(128, 7);
    }

    @Test
    void paletteAndBmpImagesBecomeRgb() throws IOException {
        BufferedImage indexed = new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_INDEXED);
        indexed.setRGB(0, 0, 0xFF0000);
        Path gif = dir.resolve("p.gif");
        ImageIO.write(indexed, "gif", gif.toFile());
        Tensor t = ImageTensors.read(gif);
        assertThat(t.size(0)).isEqualTo(3);
        assertThat(t.get(0, 0, 0)).isEqualTo(1.0);
        BufferedImage rgb = new BufferedImage(2, 2, BufferedImage.TYPE_3BYTE_BGR);
        rgb.setRGB(1, 1, 0x00FF00);
        Path bmp = dir.resolve("p.bmp");
        ImageIO.write(rgb, "bmp", bmp.toFile());
        Tensor b = ImageTensors.read(bmp);
        assertThat(b.shape()).containsExactly(3, 2, 2);
        assertThat(b.get(1, 1, 1)).isEqualTo(1.0);
        assertThat(b.get(0, 1, 1)).isZero();
    }

    @Test
    void grayOptionUsesBt601() throws IOException {
        Tensor rgb = Tensor.wrap(new float[] {1, 0, 0}, 3, 1, 1);
        Tensor gray = ImageTensors.read(
                write(rgb, 16, "red.png"), ImageReadOptions.defaults().gray(true));
        assertThat(gray.shape()).containsExactly(1, 1, 1);
        assertThat(gray.item()).isCloseTo(0.299, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void writingRefusesBadShapesDepthsAndNaN() {
        assertThatThrownBy(() -> ImageTensors.toImage(Tensor.zeros(5, 2, 2), 8)).hasMessageContaining("C in 1..4");
        assertThatThrownBy(() -> ImageTensors.toImage(Tensor.zeros(2, 2), 12)).hasMessageContaining("bitDepth");
        assertThatThrownBy(() -> ImageTensors.toImage(Tensor.full(Double.NaN, 1, 1), 8))
                .hasMessageContaining("NaN");
        assertThat(ImageTensors.toImage(Tensor.full(2, 1, 1), 8).getRaster().getSample(0, 0, 0))
                .isEqualTo(255);
    }
}
