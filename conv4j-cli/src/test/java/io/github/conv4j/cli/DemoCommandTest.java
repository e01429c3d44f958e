package io.github.conv4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.conv4j.image.ImageTensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void printsTheSeedNumbersAndWritesThePictures() throws IOException {
        Path out = dir.resolve("demo");
        CliRun run = CliRun.of("demo", "-o", out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out())
                .contains("tensor([[19., 25.],\n        [37., 43.]])")
                .contains("tensor([[20., 26.],\n        [38., 44.]])")
                .contains("[ 0.,  1.,  0.,  0.,  0., -1.,  0.]")
                .contains("epoch 2, loss ")
                .contains("epoch 10, loss ")
                .contains("learned kernel: tensor([[")
                .contains("tensor([[211., 262.],\n        [251., 169.]])")
                .contains("shape [1, 1, 5, 5]")
                .contains("max pool = tensor([[4., 5.],\n        [7., 8.]])")
                .contains("avg pool = tensor([[2., 3.],\n        [5., 6.]])")
                .contains("[1, 10, 98, 98]")
                .contains("corr2d(X, flip2d(K)) on a random 6x7 X and 3x2 K: true")
                .contains("wrote " + out.resolve("sobel-magnitude.png"));
        for (String name : new String[] {
            "picture.png",
            "gray.png",
            "sobel-x.png",
            "sobel-y.png",
            "sobel-magnitude.png",
            "laplacian.png",
            "gaussian-blur.png",
            "sharpen.png"
        }) {
            assertThat(ImageTensors.read(out.resolve(name)).size(1)).as(name).isEqualTo(DemoPicture.HEIGHT);
        }
        assertThat(ImageTensors.read(out.resolve("picture.png")).shape()).containsExactly(3, 240, 320);
        assertThat(ImageTensors.read(out.resolve("gray.png")).shape()).containsExactly(1, 240, 320);
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.filter(p -> p.getFileName().toString().endsWith(".tmp")))
                    .isEmpty();
        }
    }

    @Test
    void lossFallsWhileLearningTheKernel() {
        String out = CliRun.of("demo", "-o", dir.resolve("d").toString()).out();
        double first = loss(out, "epoch 2, loss ");
        double last = loss(out, "epoch 10, loss ");
        assertThat(first).isGreaterThan(10 * last);
        assertThat(last).isLessThan(0.5);
    }

    private static double loss(String out, String prefix) {
        int at = out.indexOf(prefix) + prefix.length();
        return Double.parseDouble(out.substring(at, out.indexOf('\n', at)));
    }

    @Test
    void rerunningReplacesOnlyItsOwnFilesAndQuietPrintsNothing() throws IOException {
        Path out = dir.resolve("demo");
        Files.createDirectories(out);
        Path mine = Files.writeString(out.resolve("notes.txt"), "keep me");
        assertThat(CliRun.of("demo", "-o", out.toString()).code()).isZero();
        CliRun again = CliRun.of("--quiet", "demo", "-o", out.toString());
        assertThat(again.code()).isZero();
        assertThat(again.out()).isEmpty();
        assertThat(Files.readString(mine)).isEqualTo("keep me");
    }

    @Test
    void anOutputThatIsAFileIsARuntimeError() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "x");
        CliRun run = CliRun.of("demo", "-o", file.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.oneErrorLine()).as(run.err()).isTrue();
        assertThat(run.err()).contains("not a folder");
        assertThat(Files.readString(file)).isEqualTo("x");
    }
}
