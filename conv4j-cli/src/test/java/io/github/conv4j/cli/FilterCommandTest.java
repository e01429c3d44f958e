package io.github.conv4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.github.conv4j.image.ImageTensors;
import io.github.conv4j.tensor.Tensor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilterCommandTest {
    @TempDir
    Path dir;

    Path image;

    @BeforeEach
    void writeAnImage() throws IOException {
        // A vertical step: left half black, right half white, RGB.
        float[] data = new float[3 * 16 * 16];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < 16; i++) {
                for (int j = 8; j < 16; j++) {
                    data[(c * 16 + i) * 16 + j] = 1;
                }
            }
        }
        image = dir.resolve("step.png");
        try (OutputStream out = Files.newOutputStream(image)) {
            ImageTensors.writePng(Tensor.wrap(data, 3, 16, 16), out, 8);
        }
    }

    private String[] args(String line) {
        return line.replace("IMG", image.toString())
                .replace("DIR", dir.toString())
                .split(" ");
    }

    @Test
    void filtersWithANamedKernel() throws IOException {
        CliRun run = CliRun.of(args("filter IMG --kernel edge --gray --padding valid -o DIR/edge.png"));
        assertThat(run.code()).as(run.err()).isZero();
        Tensor out = ImageTensors.read(dir.resolve("edge.png"));
        // Signed map of [1,-1] on a black-to-white step: one column of -1 (blue), white elsewhere.
        assertThat(out.shape()).containsExactly(3, 16, 15);
        assertThat(out.get(2, 5, 7)).isEqualTo(1.0);
        assertThat(out.get(0, 5, 7)).isZero();
        assertThat(out.get(0, 5, 3)).isEqualTo(1.0);
        assertThat(run.out()).contains("wrote");
    }

    @Test
    void convolveStrideAndNormalisations() throws IOException {
        assertThat(CliRun.of(args("filter IMG -k 1,-1 --convolve --normalize abs --stride 2 -o DIR/a.png"))
                        .code())
                .isZero();
        assertThat(ImageTensors.read(dir.resolve("a.png")).shape()).containsExactly(3, 8, 8);
        assertThat(CliRun.of(args("filter IMG -k gaussian:1 -o DIR/b.png --bit-depth 16"))
                        .code())
                .isZero();
        assertThat(ImageTensors.read(dir.resolve("b.png")).shape()).containsExactly(3, 16, 16);
        // Signed on three channels: a grid of three maps.
        assertThat(CliRun.of(args("filter IMG -k laplacian --padding-mode symmetric -o DIR/c.png"))
                        .code())
                .isZero();
        assertThat(ImageTensors.read(dir.resolve("c.png")).shape()).containsExactly(3, 34, 34);
    }

    @Test
    void edgesWritesAGrayMagnitude() throws IOException {
        CliRun run = CliRun.of(args("edges IMG -o DIR/e.png --operator scharr"));
        assertThat(run.code()).as(run.err()).isZero();
        Tensor e = ImageTensors.read(dir.resolve("e.png"));
        assertThat(e.shape()).containsExactly(1, 16, 16);
        assertThat(e.get(0, 5, 8)).isEqualTo(1.0);
        assertThat(e.get(0, 5, 2)).isZero();
        assertThat(CliRun.of(args("edges IMG -o DIR/e2.png --color")).code()).isZero();
        assertThat(ImageTensors.read(dir.resolve("e2.png")).size(0)).isEqualTo(3);
    }

    @Test
    void listsKernels() {
        CliRun run = CliRun.of("filter", "--list-kernels");
        assertThat(run.code()).isZero();
        assertThat(run.out())
                .contains("sobel-x [3, 3]")
                .contains("deriv:2 [1, 3]")
                .contains("[ 1., -2.,  1.]");
    }

    @Test
    void existingOutputIsKeptWithoutForceAndReplacedWithIt() throws IOException {
        Path out = Files.writeString(dir.resolve("out.png"), "precious");
        CliRun refused = CliRun.of(args("filter IMG -k edge -o DIR/out.png"));
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.oneErrorLine()).isTrue();
        assertThat(refused.err()).contains("output exists").contains("--force");
        assertThat(Files.readString(out)).isEqualTo("precious");
        // --force is global and works after the subcommand too.
        assertThat(CliRun.of(args("filter IMG -k edge -o DIR/out.png --force")).code())
                .isZero();
        assertThat(ImageTensors.read(out).shape()).containsExactly(3, 34, 34);
        assertThat(CliRun.of(args("--force edges IMG -o DIR/out.png")).code()).isZero();
        assertNoTempFiles();
    }

    @Test
    void missingCorruptAndNonImageInputsAreRuntimeErrors() throws IOException {
        CliRun missing = CliRun.of(args("filter DIR/nothere.png -k edge -o DIR/o.png"));
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.oneErrorLine()).isTrue();
        assertThat(missing.err()).contains("nothere.png: no such file");
        Path text = Files.writeString(dir.resolve("text.png"), "hello");
        CliRun notImage =
                CliRun.of("edges", text.toString(), "-o", dir.resolve("o.png").toString());
        assertThat(notImage.code()).isEqualTo(1);
        assertThat(notImage.err()).contains("not a PNG, JPEG, BMP or GIF image");
        byte[] bytes = Files.readAllBytes(image);
        Path cut = Files.write(dir.resolve("cut.png"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        CliRun truncated =
                CliRun.of("edges", cut.toString(), "-o", dir.resolve("o.png").toString());
        assertThat(truncated.code()).isEqualTo(1);
        assertThat(truncated.oneErrorLine()).as(truncated.err()).isTrue();
        assertThat(truncated.err()).contains("cut.png");
        CliRun tooBig = CliRun.of(args("edges IMG -o DIR/o.png --max-pixels 100"));
        assertThat(tooBig.code()).isEqualTo(1);
        assertThat(tooBig.err()).contains("above the limit of 100 pixels");
        assertThat(dir.resolve("o.png")).doesNotExist();
    }

    @Test
    void coreArgumentErrorsAreShownAsTheyAre() {
        // A 3x3 kernel cannot fit in a 16x16 image with dilation 9 and no padding.
        CliRun run = CliRun.of(args("filter IMG -k sobel-x --padding valid --dilation 9 -o DIR/o.png"));
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.oneErrorLine()).as(run.err()).isTrue();
        assertThat(dir.resolve("o.png")).doesNotExist();
    }

    @Test
    void missingOrUnwritableFolders() throws IOException {
        CliRun noFolder = CliRun.of(args("edges IMG -o DIR/no/such/o.png"));
        assertThat(noFolder.code()).isEqualTo(1);
        assertThat(noFolder.err()).contains("output folder does not exist");
        Path file = Files.writeString(dir.resolve("plainfile"), "x");
        CliRun underFile =
                CliRun.of("edges", image.toString(), "-o", file.resolve("o.png").toString());
        assertThat(underFile.code()).isEqualTo(1);
        assertThat(underFile.oneErrorLine()).isTrue();
        CliRun isFolder = CliRun.of(args("edges IMG -o DIR"));
        assertThat(isFolder.code()).isEqualTo(2);
    }

    @Test
    void readOnlyFolderIsARuntimeError() throws IOException {
        assumeFalse("root".equals(System.getProperty("user.name")), "root ignores folder permissions");
        Path locked = Files.createDirectory(dir.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            CliRun run = CliRun.of(
                    "edges", image.toString(), "-o", locked.resolve("o.png").toString());
            assertThat(run.code()).isEqualTo(1);
            assertThat(run.err()).contains("permission denied");
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private void assertNoTempFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }
}
