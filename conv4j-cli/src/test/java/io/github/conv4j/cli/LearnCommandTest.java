package io.github.conv4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.conv4j.image.Filters;
import io.github.conv4j.image.ImageTensors;
import io.github.conv4j.image.Kernels;
import io.github.conv4j.io.Npy;
import io.github.conv4j.ops.Functional;
import io.github.conv4j.tensor.Tensor;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LearnCommandTest {
    @TempDir
    Path dir;

    private String[] args(String line) {
        return line.replace("DIR", dir.toString()).split(" ");
    }

    /** The demo picture at 0.4 scale (fast enough for a unit test) as a gray PNG, and its Sobel-x response. */
    private Tensor demoPair() throws IOException {
        BufferedImage small = new BufferedImage(128, 96, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = small.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(DemoPicture.draw(), 0, 0, 128, 96, null);
        g.dispose();
        Path picture = dir.resolve("picture.png");
        ImageIO.write(small, "png", picture.toFile());
        // The target comes from the decoded PNG, so it is exactly a convolution of what learn reads.
        Tensor gray = ImageTensors.read(
                picture, io.github.conv4j.image.ImageReadOptions.defaults().gray(true));
        Tensor sobel = Filters.correlate(gray, Kernels.sobelX(), Filters.sameReflect());
        Npy.write(dir.resolve("sobel.npy"), sobel);
        return sobel;
    }

    private static Tensor kernelFrom(String stdout, Path file) throws IOException {
        assertThat(stdout).contains("tensor([[");
        return Npy.read(file);
    }

    private static void assertClose(Tensor actual, Tensor expected, double tolerance) {
        assertThat(actual.shape()).containsExactly(expected.shape());
        float[] a = actual.toFloatArray();
        float[] e = expected.toFloatArray();
        for (int i = 0; i < a.length; i++) {
            assertThat((double) a[i]).as("tap %d", i).isCloseTo(e[i], within(tolerance));
        }
    }

    @Test
    void recoversSobelFromTheDemoPictureByGradientDescent() throws IOException {
        demoPair();
        CliRun run = CliRun.of(args("learn --input DIR/picture.png --target DIR/sobel.npy --kernel-size 3x3"
                + " -o DIR/k.npy --curve DIR/loss.png"));
        assertThat(run.code()).as(run.err()).isZero();
        // Default Adam, 300 epochs: Sobel to within 0.01 per tap (in practice ~1e-6).
        assertClose(kernelFrom(run.out(), dir.resolve("k.npy")), Kernels.sobelX(), 0.01);
        assertThat(run.out()).contains("same, reflect padding", "wrote " + dir.resolve("k.npy"));
        BufferedImage curve = ImageIO.read(dir.resolve("loss.png").toFile());
        assertThat(curve.getWidth()).isEqualTo(800);
        // Not a terminal under the test: plain progress lines, about one per tenth of the run.
        assertThat(run.err()).contains("epoch 300/300", "epochs/s", "ETA").doesNotContain("\r");
        assertThat(run.err().lines().count()).isBetween(5L, 12L);
    }

    @Test
    void closedFormRecoversKernelAndBiasFromAValidTarget() throws IOException {
        Tensor x = Tensor.rand(7, 20, 24);
        Tensor k = Tensor.of(new float[][] {{0.5f, -1, 2}, {1.5f, 0, -0.25f}});
        Npy.write(dir.resolve("x.npy"), x);
        Npy.write(dir.resolve("y.npy"), Functional.corr2d(x, k).add(0.25));
        CliRun run = CliRun.of(
                args("learn --input DIR/x.npy --target DIR/y.npy --kernel-size 2x3 --closed-form --bias -o DIR/k.npy"));
        assertThat(run.code()).as(run.err()).isZero();
        assertClose(kernelFrom(run.out(), dir.resolve("k.npy")), k, 1e-4);
        assertThat(run.out()).contains("valid", "closed form", "bias 0.25", "residual (RMS)");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void sgdWithoutWhiteningOnANoisyImage() throws IOException {
        // Random pixels are already white, so plain SGD on the raw MSE converges quickly.
        Tensor x = Tensor.rand(3, 24, 24);
        Tensor k = Tensor.of(new float[][] {{1, -1}});
        Npy.write(dir.resolve("x.npy"), x);
        Npy.write(dir.resolve("y.npy"), Functional.corr2d(x, k));
        CliRun run = CliRun.of(args("learn --input DIR/x.npy --target DIR/y.npy --kernel-size 1x2 --optimizer sgd"
                + " --no-whiten --epochs 200 -o DIR/k.npy --quiet"));
        assertThat(run.code()).as(run.err()).isZero();
        assertClose(Npy.read(dir.resolve("k.npy")), k, 0.01);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEmpty();
    }

    @Test
    void refusesExistingOutputsWithoutForceAndWritesNothing() throws IOException {
        Npy.write(dir.resolve("x.npy"), Tensor.rand(1, 8, 8));
        Npy.write(dir.resolve("y.npy"), Tensor.rand(2, 8, 8));
        Files.writeString(dir.resolve("k.npy"), "keep");
        CliRun run = CliRun.of(args("learn --input DIR/x.npy --target DIR/y.npy --kernel-size 3"
                + " -o DIR/k.npy --curve DIR/loss.png --epochs 5"));
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.oneErrorLine()).as(run.err()).isTrue();
        assertThat(run.err()).contains("output exists", "--force");
        assertThat(Files.readString(dir.resolve("k.npy"))).isEqualTo("keep");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("x.npy", "y.npy", "k.npy");
        }
        CliRun forced = CliRun.of(args("learn --input DIR/x.npy --target DIR/y.npy --kernel-size 3"
                + " -o DIR/k.npy --curve DIR/loss.png --epochs 5 --force"));
        assertThat(forced.code()).as(forced.err()).isZero();
        assertThat(Npy.read(dir.resolve("k.npy")).shape()).containsExactly(3, 3);
        assertThat(Files.exists(dir.resolve("loss.png"))).isTrue();
    }

    @Test
    void shapesThatFitNoConvolutionAreAUsageError() throws IOException {
        Npy.write(dir.resolve("x.npy"), Tensor.rand(1, 16, 16));
        Npy.write(dir.resolve("y.npy"), Tensor.rand(2, 10, 12));
        CliRun run = CliRun.of(args("learn --input DIR/x.npy --target DIR/y.npy --kernel-size 3x3"));
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.oneErrorLine()).as(run.err()).isTrue();
        assertThat(run.err()).contains("input 16x16", "target 10x12", "14x14 (valid)");
    }

    @Test
    void missingFilesFailWithOneLine() throws IOException {
        Npy.write(dir.resolve("x.npy"), Tensor.rand(1, 8, 8));
        CliRun npy = CliRun.of(args("learn --input DIR/x.npy --target DIR/nope.npy --kernel-size 3"));
        assertThat(npy.code()).isEqualTo(1);
        assertThat(npy.oneErrorLine()).as(npy.err()).isTrue();
        assertThat(npy.err()).contains("nope.npy");
        CliRun png = CliRun.of(args("learn --input DIR/nope.png --target DIR/x.npy --kernel-size 3"));
        assertThat(png.code()).isEqualTo(1);
        assertThat(png.oneErrorLine()).as(png.err()).isTrue();
        assertThat(png.err()).contains("nope.png");
        CliRun none = CliRun.of(args("learn --input DIR/x.npy --kernel-size 3"));
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.oneErrorLine()).as(none.err()).isTrue();
    }

    @Test
    void badOptionsAreUsageErrors() throws IOException {
        Npy.write(dir.resolve("x.npy"), Tensor.rand(1, 8, 8));
        for (String extra : new String[] {
            "--kernel-size 0x3",
            "--kernel-size 3 --optimizer rmsprop",
            "--kernel-size 3 --epochs 0",
            "--kernel-size 3 --lr -1",
            "--kernel-size 3 --padding-mode bogus",
            "--kernel-size 3 --curve DIR/loss.jpg",
            "--kernel-size 3 -o DIR/k.txt",
            "--kernel-size 3 --closed-form --curve DIR/loss.png"
        }) {
            CliRun run = CliRun.of(args("learn --input DIR/x.npy --target DIR/x.npy " + extra));
            assertThat(run.code()).as(extra + ": " + run.err()).isEqualTo(2);
            assertThat(run.oneErrorLine()).as(run.err()).isTrue();
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).hasSize(1);
        }
    }

    @Test
    void aTerminalGetsOneLineRewrittenInPlace() {
        java.io.StringWriter text = new java.io.StringWriter();
        Progress progress = new Progress(new java.io.PrintWriter(text), true, false, 3);
        progress.update(1, 0.5);
        progress.update(2, 0.25);
        progress.update(3, 0.125);
        progress.finish();
        assertThat(text.toString()).startsWith("\repoch 1/3").contains("\repoch 3/3  loss 1.2500e-01");
        assertThat(text.toString().chars().filter(c -> c == '\n').count()).isEqualTo(1);
        assertThat(Progress.duration(75)).isEqualTo("1m15s");
    }

    @Test
    void pngInputsAreConvertedToGray() throws IOException {
        float[] data = new float[3 * 12 * 12];
        for (int i = 0; i < data.length; i++) {
            data[i] = (i * 37 % 101) / 100f;
        }
        try (OutputStream out = Files.newOutputStream(dir.resolve("rgb.png"))) {
            ImageTensors.writePng(Tensor.wrap(data, 3, 12, 12), out, 8);
        }
        // Learning the identity from an image to itself: the 1x1 kernel is 1.
        CliRun run = CliRun.of(args("learn --input DIR/rgb.png --target DIR/rgb.png --kernel-size 1 --closed-form"));
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("1x1 kernel, same", "tensor([[1.").contains("input 12x12");
    }
}
