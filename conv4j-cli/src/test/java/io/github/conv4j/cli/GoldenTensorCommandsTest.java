package io.github.conv4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.conv4j.io.Npy;
import io.github.conv4j.tensor.DType;
import io.github.conv4j.tensor.Tensor;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tensor subcommands on the committed PyTorch/SciPy fixtures of conv4j-core
 * ({@code tools/golden/generate.py}): every option travels from the command line to the operation. The core's own
 * tests hold the numbers to float32 error bounds; here a relative {@code 1e-5} of the largest output suffices to catch
 * any lost or misread option, which changes results by O(1).
 */
class GoldenTensorCommandsTest {
    static final Path GOLDEN = Path.of("../conv4j-core/src/test/resources/golden");

    record Case(String op, Path dir, Properties p) {
        @Override
        public String toString() {
            return op + "/" + dir.getFileName() + " " + p.getProperty("description");
        }

        String get(String key) {
            return p.getProperty(key).trim();
        }
    }

    static Stream<Case> cases() throws IOException {
        List<Case> out = new ArrayList<>();
        for (String op : new String[] {"conv2d", "conv_transpose2d", "convolve2d", "max_pool2d", "avg_pool2d"}) {
            try (Stream<Path> dirs = Files.list(GOLDEN.resolve(op))) {
                dirs.sorted().forEach(d -> {
                    Properties p = new Properties();
                    try (Reader r = Files.newBufferedReader(d.resolve("case.properties"))) {
                        p.load(r);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    out.add(new Case(op, d, p));
                });
            }
        }
        return out.stream();
    }

    static List<String> arguments(Case c, Path out) {
        Path d = c.dir();
        List<String> a = new ArrayList<>();
        switch (c.op()) {
            case "conv2d" -> {
                a.addAll(List.of(
                        "conv2d",
                        d.resolve("input.npy").toString(),
                        d.resolve("weight.npy").toString()));
                a.addAll(List.of(
                        "--stride",
                        c.get("stride"),
                        "--padding",
                        c.get("padding"),
                        "--dilation",
                        c.get("dilation"),
                        "--groups",
                        c.get("groups"),
                        "--padding-mode",
                        c.get("padding_mode"),
                        "--padding-value",
                        c.get("padding_value")));
                if (Boolean.parseBoolean(c.get("has_bias"))) {
                    a.addAll(List.of("--bias", d.resolve("bias.npy").toString()));
                }
            }
            case "conv_transpose2d" -> {
                a.addAll(List.of(
                        "conv-transpose2d",
                        d.resolve("input.npy").toString(),
                        d.resolve("weight.npy").toString()));
                a.addAll(List.of(
                        "--stride",
                        c.get("stride"),
                        "--padding",
                        c.get("padding"),
                        "--output-padding",
                        c.get("output_padding"),
                        "--dilation",
                        c.get("dilation"),
                        "--groups",
                        c.get("groups")));
                if (Boolean.parseBoolean(c.get("has_bias"))) {
                    a.addAll(List.of("--bias", d.resolve("bias.npy").toString()));
                }
            }
            case "convolve2d" ->
                a.addAll(List.of(
                        "convolve2d",
                        d.resolve("input.npy").toString(),
                        d.resolve("kernel.npy").toString(),
                        "--mode",
                        c.get("mode"),
                        "--boundary",
                        c.get("boundary"),
                        "--fill-value",
                        c.get("fillvalue")));
            default -> {
                boolean max = c.op().startsWith("max");
                a.addAll(List.of(
                        "pool",
                        max ? "max" : "avg",
                        d.resolve("input.npy").toString(),
                        "--kernel",
                        c.get("kernel_size"),
                        "--stride",
                        c.get("stride"),
                        "--padding",
                        c.get("padding")));
                if (max) {
                    a.addAll(List.of("--dilation", c.get("dilation")));
                } else if (!Boolean.parseBoolean(c.get("count_include_pad"))) {
                    a.add("--no-count-include-pad");
                }
                if (Boolean.parseBoolean(c.get("ceil_mode"))) {
                    a.add("--ceil-mode");
                }
            }
        }
        a.addAll(List.of("-o", out.toString(), "--quiet"));
        return a;
    }

    @ParameterizedTest
    @MethodSource("cases")
    void matchesTheFixture(Case c, @TempDir Path tmp) throws IOException {
        if (c.op().equals("avg_pool2d") && !c.get("divisor_override").equals("0")) {
            return; // the command has no --divisor-override; the core tests cover it
        }
        Path out = tmp.resolve("out.npy");
        CliRun run = CliRun.of(arguments(c, out).toArray(String[]::new));
        assertThat(run.code()).as(c + ": " + run.err()).isZero();
        Tensor y = Npy.read(out, DType.FLOAT64);
        Tensor expected = Npy.read(c.dir().resolve("output.npy"), DType.FLOAT64);
        assertThat(y.shape()).as(c.toString()).containsExactly(expected.shape());
        double[] a = y.toDoubleArray();
        double[] e = expected.toDoubleArray();
        double scale = 0;
        for (double v : e) {
            if (Double.isFinite(v)) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        for (int i = 0; i < e.length; i++) {
            if (!Double.isFinite(e[i])) {
                assertThat(Double.compare(a[i], e[i]) == 0 || (Double.isNaN(a[i]) && Double.isNaN(e[i])))
                        .as("%s [%d]: %s vs %s", c, i, a[i], e[i])
                        .isTrue();
                continue;
            }
            assertThat(Math.abs(a[i] - e[i]))
                    .as("%s [%d]: %s vs %s", c, i, a[i], e[i])
                    .isLessThanOrEqualTo(1e-5 * (scale + 1));
        }
    }
}
