package io.github.conv4j.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LossCurveTest {
    @TempDir
    Path dir;

    private static double[] decay(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = Math.exp(-i / 10.0);
        }
        return v;
    }

    @Test
    void rendersAPngOfTheRequestedSize() throws IOException {
        Path file = dir.resolve("loss.png");
        LossCurve.of(decay(50)).withLogY(true).withSize(640, 400).writePng(file, false);
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image.getWidth()).isEqualTo(640);
        assertThat(image.getHeight()).isEqualTo(400);
        // Something was drawn: not a blank canvas.
        int corner = image.getRGB(0, 0);
        boolean varied = false;
        for (int y = 0; y < image.getHeight() && !varied; y += 7) {
            for (int x = 0; x < image.getWidth(); x += 7) {
                varied |= image.getRGB(x, y) != corner;
            }
        }
        assertThat(varied).isTrue();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void refusesToReplaceWithoutOverwrite() throws IOException {
        Path file = dir.resolve("loss.png");
        Files.writeString(file, "keep");
        assertThatThrownBy(() -> LossCurve.of(decay(5)).writePng(file, false))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readString(file)).isEqualTo("keep");
        LossCurve.of(decay(5)).writePng(file, true);
        assertThat(ImageIO.read(file.toFile()).getWidth()).isEqualTo(800);
    }

    @Test
    void dropsWhatALogAxisCannotShowAndRefusesNothingLeft() {
        double[] losses = {1, 0.5, 0, Double.NaN, 0.1};
        assertThat(LossCurve.of(losses).withLogY(true).render().getWidth()).isEqualTo(800);
        assertThatThrownBy(
                        () -> LossCurve.of(new double[] {0, -1}).withLogY(true).render())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("log axis");
        assertThatThrownBy(() -> LossCurve.of(new double[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LossCurve.of(decay(3)).withSize(10, 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
