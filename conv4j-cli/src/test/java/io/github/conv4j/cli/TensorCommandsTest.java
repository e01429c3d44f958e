package io.github.conv4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.conv4j.image.ImageTensors;
import io.github.conv4j.io.Npy;
import io.github.conv4j.tensor.Tensor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TensorCommandsTest {
    @TempDir
    Path dir;

    @BeforeEach
    void writeTheSeedTensors() throws IOException {
        Npy.write(
                dir.resolve("x.npy"),
                Tensor.of(new float[][] {
                            {3, 4, 6, 5, 7}, {2, 4, 6, 8, 2}, {1, 6, 7, 8, 4}, {9, 7, 4, 6, 2}, {3, 7, 5, 4, 1}
                        })
                        .reshape(1, 1, 5, 5));
        Npy.write(dir.resolve("w.npy"), Tensor.arange(1, 10, 1).reshape(1, 1, 3, 3));
        Npy.write(dir.resolve("b.npy"), Tensor.full(1, 1));
        Npy.write(dir.resolve("a9.npy"), Tensor.arange(9).reshape(1, 1, 3, 3));
        Npy.write(dir.resolve("k2.npy"), Tensor.arange(4).reshape(2, 2));
    }

    private CliRun run(String line) {
        return CliRun.of(line.replace("DIR", dir.toString()).split(" "));
    }

    private Tensor out(String name) throws IOException {
        return Npy.read(dir.resolve(name));
    }

    @Test
    void conv2dReproducesPaddingAndStrideExamples() throws IOException {
        CliRun padded = run("conv2d DIR/x.npy DIR/w.npy --padding 1 -o DIR/p.npy");
        assertThat(padded.code()).as(padded.err()).isZero();
        assertThat(padded.out()).contains("[1, 1, 5, 5]");
        assertThat(out("p.npy").toFloatArray()).startsWith(91, 168, 224, 215, 127);
        assertThat(run("conv2d DIR/x.npy DIR/w.npy --stride 2 -o DIR/s.npy").code())
                .isZero();
        assertThat(out("s.npy").toFloatArray()).containsExactly(211, 262, 251, 169);
        assertThat(
                        run("conv2d DIR/a9.npy DIR/w.npy --bias DIR/b.npy --padding same --padding-mode reflect -o DIR/r.npy")
                                .code())
                .isZero();
        assertThat(out("r.npy").shape()).containsExactly(1, 1, 3, 3);
    }

    @Test
    void poolConvolveAndTranspose() throws IOException {
        assertThat(run("pool max DIR/a9.npy --kernel 2 --stride 1 -o DIR/m.npy").code())
                .isZero();
        assertThat(out("m.npy").toFloatArray()).containsExactly(4, 5, 7, 8);
        assertThat(run("pool avg DIR/a9.npy -k 2 --stride 1 -o DIR/v.npy").code())
                .isZero();
        assertThat(out("v.npy").toFloatArray()).containsExactly(2, 3, 5, 6);
        // Valid true convolution = corr2d with the flipped kernel: [[3,2],[1,0]] on arange(9).
        assertThat(run("convolve2d DIR/a9.npy DIR/k2.npy --mode valid -o DIR/c.npy")
                        .code())
                .isZero();
        assertThat(out("c.npy").toFloatArray()).containsExactly(5, 11, 23, 29);
        assertThat(run("conv-transpose2d DIR/a9.npy DIR/w.npy --stride 2 -o DIR/t.npy")
                        .code())
                .isZero();
        assertThat(out("t.npy").shape()).containsExactly(1, 1, 7, 7);
    }

    @Test
    void filterReadsNpyKernelsAndWritesRawNpy() throws IOException {
        Path image = dir.resolve("img.png");
        try (OutputStream o = Files.newOutputStream(image)) {
            ImageTensors.writePng(Tensor.arange(9).div(8).reshape(1, 3, 3), o, 16);
        }
        Npy.write(dir.resolve("edge.npy"), Tensor.of(new float[][] {{1, -1}}));
        CliRun r = run("filter DIR/img.png --kernel DIR/edge.npy --padding valid -o DIR/f.npy");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(out("f.npy").shape()).containsExactly(1, 3, 2);
        assertThat(out("f.npy").allClose(Tensor.full(-0.125, 1, 3, 2), 0, 1e-4)).isTrue();
        CliRun notKernel = run("filter DIR/img.png --kernel DIR/w.npy -o DIR/g.npy");
        assertThat(notKernel.code()).isEqualTo(1);
        assertThat(notKernel.err()).contains("a kernel must be 2-D");
    }

    @Test
    void errors() throws IOException {
        CliRun wrongExt = run("conv2d DIR/x.npy DIR/w.npy -o DIR/y.png");
        assertThat(wrongExt.code()).isEqualTo(2);
        assertThat(wrongExt.oneErrorLine()).isTrue();
        CliRun missing = run("conv2d DIR/nope.npy DIR/w.npy -o DIR/y.npy");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("nope.npy: no such file");
        Files.writeString(dir.resolve("bad.npy"), "not numpy at all");
        CliRun bad = run("pool max DIR/bad.npy -k 2 -o DIR/y.npy");
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.oneErrorLine()).as(bad.err()).isTrue();
        assertThat(bad.err()).contains("bad.npy");
        // The core's message, as it is: channels do not match.
        Npy.write(dir.resolve("w2.npy"), Tensor.ones(1, 2, 3, 3));
        CliRun shapes = run("conv2d DIR/x.npy DIR/w2.npy -o DIR/y.npy");
        assertThat(shapes.code()).isEqualTo(1);
        assertThat(shapes.oneErrorLine()).isTrue();
        assertThat(shapes.err()).contains("channels");
        assertThat(run("pool min DIR/x.npy -k 2 -o DIR/y.npy").code()).isEqualTo(2);
        assertThat(run("conv2d DIR/x.npy DIR/w.npy --padding-mode nope -o DIR/y.npy")
                        .code())
                .isEqualTo(2);
        assertThat(dir.resolve("y.npy")).doesNotExist();
        Files.writeString(dir.resolve("keep.npy"), "mine");
        assertThat(run("conv2d DIR/x.npy DIR/w.npy -o DIR/keep.npy").code()).isEqualTo(1);
        assertThat(dir.resolve("keep.npy")).hasContent("mine");
    }
}
