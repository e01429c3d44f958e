package io.github.conv4j.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.conv4j.io.Npy;
import io.github.conv4j.spec.Boundary;
import io.github.conv4j.spec.Conv2dOptions;
import io.github.conv4j.spec.ConvTranspose2dOptions;
import io.github.conv4j.spec.ConvolveMode;
import io.github.conv4j.spec.IntPair;
import io.github.conv4j.spec.Padding;
import io.github.conv4j.spec.PaddingMode;
import io.github.conv4j.spec.Pool2dOptions;
import io.github.conv4j.tensor.DType;
import io.github.conv4j.tensor.NoGrad;
import io.github.conv4j.tensor.Tensor;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The committed PyTorch/SciPy/NumPy fixtures ({@code tools/golden/generate.py}): float32 inputs, float64 expected
 * values. conv4j computes in float32; the bound for a result that sums K products is the float32 error analysis
 * {@code |y − exact| ≤ K·2⁻²⁴·Σ|x||w|} (Σ|x||w| computed by running the same operation on absolute values in
 * float64), plus half an ulp for the final rounding. Pure data movement (padding, max pooling, im2col) must be
 * exact.
 */
class GoldenFixturesTest {
    record Case(String op, Path dir, Properties props) {
        @Override
        public String toString() {
            return op + "/" + dir.getFileName() + ": " + props.getProperty("description");
        }

        Tensor npy(String name) {
            try {
                return Npy.read(dir.resolve(name + ".npy"), DType.FLOAT64);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Tensor input(String name) {
            return npy(name).to(DType.FLOAT32);
        }

        boolean has(String name) {
            return Files.exists(dir.resolve(name + ".npy"));
        }

        String get(String key) {
            String v = props.getProperty(key);
            if (v == null) {
                throw new IllegalStateException(this + ": missing key " + key);
            }
            return v.trim();
        }

        IntPair pair(String key) {
            return IntPair.parse(key, get(key));
        }

        boolean flag(String key) {
            return Boolean.parseBoolean(get(key));
        }
    }

    static Stream<Case> cases(String op) throws IOException, URISyntaxException {
        Path root =
                Paths.get(GoldenFixturesTest.class.getResource("/golden/" + op).toURI());
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs
                    .sorted()
                    .map(d -> {
                        Properties p = new Properties();
                        try (Reader r = Files.newBufferedReader(d.resolve("case.properties"))) {
                            p.load(r);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        return new Case(op, d, p);
                    })
                    .toList()
                    .stream();
        }
    }

    static Stream<Case> conv2d() throws Exception {
        return cases("conv2d");
    }

    static Stream<Case> convTranspose2d() throws Exception {
        return cases("conv_transpose2d");
    }

    static Stream<Case> convolve2d() throws Exception {
        return cases("convolve2d");
    }

    static Stream<Case> pad() throws Exception {
        return cases("pad");
    }

    static Stream<Case> maxPool2d() throws Exception {
        return cases("max_pool2d");
    }

    static Stream<Case> avgPool2d() throws Exception {
        return cases("avg_pool2d");
    }

    static Stream<Case> adaptive() throws Exception {
        return Stream.concat(cases("adaptive_avg_pool2d"), cases("adaptive_max_pool2d"));
    }

    static Stream<Case> unfoldFold() throws Exception {
        return Stream.concat(cases("unfold"), cases("fold"));
    }

    static void assertWithin(Tensor actual, Tensor expected, Tensor scale, int terms, String what) {
        ErrorBound.assertWithin(actual, expected, scale, terms, what);
    }

    static void assertExact(Tensor actual, Tensor expected, String what) {
        assertWithin(actual, expected, Tensor.zeros(expected.shape()), 0, what);
    }

    static Conv2dOptions convOptions(Case c) {
        String padding = c.get("padding");
        PaddingMode mode = PaddingMode.parse(c.get("padding_mode"));
        return Conv2dOptions.defaults()
                .stride(c.pair("stride"))
                .dilation(c.pair("dilation"))
                .groups(Integer.parseInt(c.get("groups")))
                .padding(Padding.parse(padding))
                .paddingMode(mode)
                .paddingValue(Double.parseDouble(c.get("padding_value")));
    }

    @ParameterizedTest
    @MethodSource("conv2d")
    void conv2dForwardAndGradients(Case c) {
        Conv2dOptions options = convOptions(c);
        Tensor x = c.input("input").requiresGrad(true);
        Tensor w = c.input("weight").requiresGrad(true);
        Tensor b = c.flag("has_bias") ? c.input("bias").requiresGrad(true) : null;
        Tensor y = Functional.conv2d(x, w, b, options);
        Tensor gy = c.input("grad_output");
        y.backward(gy);

        Tensor ax = x.detach().to(DType.FLOAT64).abs().requiresGrad(true);
        Tensor aw = w.detach().to(DType.FLOAT64).abs().requiresGrad(true);
        Tensor ab = b == null ? null : b.detach().to(DType.FLOAT64).abs().requiresGrad(true);
        Conv2dOptions absOptions = options.paddingValue(Math.abs(options.paddingValue()));
        Tensor scale = Functional.conv2d(ax, aw, ab, absOptions);
        scale.backward(gy.to(DType.FLOAT64).abs());
        int terms = w.size(1) * w.size(2) * w.size(3) + 1;
        assertWithin(y, c.npy("output"), scale.detach(), terms, "output");
        int gradTerms = y.size(0) * y.size(2) * y.size(3) + w.size(0) * w.size(2) * w.size(3);
        assertWithin(x.grad(), c.npy("grad_input"), ax.grad(), gradTerms, "grad_input");
        assertWithin(w.grad(), c.npy("grad_weight"), aw.grad(), gradTerms, "grad_weight");
        if (b != null) {
            assertWithin(b.grad(), c.npy("grad_bias"), ab.grad(), gradTerms, "grad_bias");
        }
    }

    @ParameterizedTest
    @MethodSource("convTranspose2d")
    void convTranspose2dForwardAndGradients(Case c) {
        ConvTranspose2dOptions options = ConvTranspose2dOptions.defaults()
                .stride(c.pair("stride"))
                .padding(c.pair("padding"))
                .outputPadding(c.pair("output_padding"))
                .dilation(c.pair("dilation"))
                .groups(Integer.parseInt(c.get("groups")));
        Tensor x = c.input("input").requiresGrad(true);
        Tensor w = c.input("weight").requiresGrad(true);
        Tensor b = c.flag("has_bias") ? c.input("bias").requiresGrad(true) : null;
        Tensor y = Functional.convTranspose2d(x, w, b, options);
        Tensor gy = c.input("grad_output");
        y.backward(gy);
        Tensor ax = x.detach().to(DType.FLOAT64).abs().requiresGrad(true);
        Tensor aw = w.detach().to(DType.FLOAT64).abs().requiresGrad(true);
        Tensor ab = b == null ? null : b.detach().to(DType.FLOAT64).abs().requiresGrad(true);
        Tensor scale = Functional.convTranspose2d(ax, aw, ab, options);
        scale.backward(gy.to(DType.FLOAT64).abs());
        int terms = x.size(1) * w.size(2) * w.size(3) + 2;
        int gradTerms = x.size(0) * y.size(2) * y.size(3) + w.size(1) * w.size(2) * w.size(3);
        assertWithin(y, c.npy("output"), scale.detach(), terms, "output");
        assertWithin(x.grad(), c.npy("grad_input"), ax.grad(), gradTerms, "grad_input");
        assertWithin(w.grad(), c.npy("grad_weight"), aw.grad(), gradTerms, "grad_weight");
        if (b != null) {
            assertWithin(b.grad(), c.npy("grad_bias"), ab.grad(), gradTerms, "grad_bias");
        }
    }

    @ParameterizedTest
    @MethodSource("convolve2d")
    void convolve2dMatchesScipy(Case c) {
        Tensor x = c.input("input");
        Tensor k = c.input("kernel");
        ConvolveMode mode = ConvolveMode.parse(c.get("mode"));
        Boundary boundary = Boundary.parse(c.get("boundary"));
        double fill = Double.parseDouble(c.get("fillvalue"));
        Tensor y = Functional.convolve2d(x, k, mode, boundary, fill);
        Tensor scale;
        try (NoGrad ignored = NoGrad.enter()) {
            scale = Functional.convolve2d(
                    x.to(DType.FLOAT64).abs(), k.to(DType.FLOAT64).abs(), mode, boundary, Math.abs(fill));
        }
        assertWithin(y, c.npy("output"), scale, k.numel() + 1, "output");
    }

    @ParameterizedTest
    @MethodSource("pad")
    void padMatchesNumpy(Case c) {
        int[] p = new int[4];
        String[] parts = c.get("pads").split(",");
        for (int i = 0; i < 4; i++) {
            p[i] = Integer.parseInt(parts[i].trim());
        }
        Tensor y = Functional.pad(
                c.input("input"),
                p[0],
                p[1],
                p[2],
                p[3],
                PaddingMode.parse(c.get("mode")),
                Double.parseDouble(c.get("value")));
        assertExact(y, c.npy("output"), "output");
    }

    static Pool2dOptions poolOptions(Case c) {
        Pool2dOptions o = Pool2dOptions.of(c.pair("kernel_size"))
                .stride(c.pair("stride"))
                .padding(c.pair("padding"))
                .ceilMode(c.flag("ceil_mode"));
        if (c.props().containsKey("dilation")) {
            o = o.dilation(c.pair("dilation"));
        }
        if (c.props().containsKey("count_include_pad")) {
            o = o.countIncludePad(c.flag("count_include_pad"))
                    .divisorOverride(Integer.parseInt(c.get("divisor_override")));
        }
        return o;
    }

    @ParameterizedTest
    @MethodSource("maxPool2d")
    void maxPoolValuesIndicesAndGradient(Case c) {
        Tensor x = c.input("input").requiresGrad(true);
        MaxPool2dResult r = Functional.maxPool2dWithIndices(x, poolOptions(c));
        assertExact(r.output(), c.npy("output"), "output");
        double[] expectedIndices = c.npy("indices").toDoubleArray();
        assertThat(r.indices().length).isEqualTo(expectedIndices.length);
        for (int i = 0; i < expectedIndices.length; i++) {
            assertThat(r.indices()[i]).as("index %d", i).isEqualTo((int) expectedIndices[i]);
        }
        if (c.flag("has_grad")) {
            r.output().backward(c.input("grad_output"));
            Tensor expected = c.npy("grad_input");
            assertWithin(x.grad(), expected, expected.abs(), 8, "grad_input");
        }
    }

    @ParameterizedTest
    @MethodSource("avgPool2d")
    void avgPoolValuesAndGradient(Case c) {
        Pool2dOptions o = poolOptions(c);
        Tensor x = c.input("input").requiresGrad(true);
        Tensor y = Functional.avgPool2d(x, o);
        Tensor gy = c.input("grad_output");
        y.backward(gy);
        Tensor scale;
        Tensor gradScale;
        Tensor ax = x.detach().to(DType.FLOAT64).abs().requiresGrad(true);
        scale = Functional.avgPool2d(ax, o);
        scale.backward(gy.to(DType.FLOAT64).abs());
        gradScale = ax.grad();
        int terms = o.kernelSize().h() * o.kernelSize().w() + 1;
        assertWithin(y, c.npy("output"), scale.detach(), terms, "output");
        assertWithin(x.grad(), c.npy("grad_input"), gradScale, terms, "grad_input");
    }

    @ParameterizedTest
    @MethodSource("adaptive")
    void adaptivePools(Case c) {
        IntPair size = c.pair("output_size");
        Tensor x = c.input("input").requiresGrad(true);
        boolean max = c.op().contains("max");
        Tensor y = max
                ? Functional.adaptiveMaxPool2d(x, size.h(), size.w())
                : Functional.adaptiveAvgPool2d(x, size.h(), size.w());
        Tensor gy = c.input("grad_output");
        y.backward(gy);
        Tensor ax = x.detach().to(DType.FLOAT64).abs().requiresGrad(true);
        Tensor scale = max
                ? Functional.adaptiveMaxPool2d(ax, size.h(), size.w())
                : Functional.adaptiveAvgPool2d(ax, size.h(), size.w());
        scale.backward(gy.to(DType.FLOAT64).abs());
        int terms = x.size(-2) * x.size(-1) + 1;
        assertWithin(y, c.npy("output"), scale.detach(), terms, "output");
        assertWithin(x.grad(), c.npy("grad_input"), ax.grad(), terms, "grad_input");
        if (max) {
            int[] indices = Functional.adaptiveMaxPool2dWithIndices(x, size.h(), size.w())
                    .indices();
            double[] expected = c.npy("indices").toDoubleArray();
            for (int i = 0; i < expected.length; i++) {
                assertThat(indices[i]).as("index %d", i).isEqualTo((int) expected[i]);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("unfoldFold")
    void unfoldAndFold(Case c) {
        Tensor x = c.input("input");
        IntPair k = c.pair("kernel_size");
        IntPair d = c.pair("dilation");
        IntPair p = c.pair("padding");
        IntPair s = c.pair("stride");
        if (c.op().equals("unfold")) {
            assertExact(Functional.unfold(x, k, d, p, s), c.npy("output"), "output");
        } else {
            Tensor y = Functional.fold(x, c.pair("output_size"), k, d, p, s);
            Tensor scale = Functional.fold(x.to(DType.FLOAT64).abs(), c.pair("output_size"), k, d, p, s);
            assertWithin(y, c.npy("output"), scale, k.h() * k.w() + 1, "output");
        }
    }
}
