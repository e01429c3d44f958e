package io.github.conv4j.cli.bench;

import io.github.conv4j.ops.Functional;
import io.github.conv4j.spec.Algorithm;
import io.github.conv4j.spec.Conv2dOptions;
import io.github.conv4j.spec.ConvGeometry;
import io.github.conv4j.spec.ConvSpec;
import io.github.conv4j.spec.Padding;
import io.github.conv4j.spec.Pool2dOptions;
import io.github.conv4j.tensor.DType;
import io.github.conv4j.tensor.Tensor;
import java.util.Locale;

/**
 * A named benchmark problem written as one line, shared by {@code conv4j bench}, the JMH benchmarks and
 * {@code bench/compare.py} (which runs the same line through PyTorch, OpenCV or SciPy):
 *
 * <ul>
 *   <li>{@code conv:DESCRIPTOR} — {@code conv2d} forward, e.g. {@code conv:n8c64h56w56o64k3p1} (see
 *       {@link ConvSpec});
 *   <li>{@code conv-bwd:DESCRIPTOR} — the backward pass of that convolution: input and weight gradients;
 *   <li>{@code maxpool:n8c64h112w112k3s2p1}, {@code avgpool:n8c64h112w112k2} — pooling (kernel, stride, padding);
 *   <li>{@code filter:h2160w3840:KERNEL} — one gray float32 image filtered with a same-size output (zero border),
 *       KERNEL one of {@code k3}, {@code k5}, {@code k1x2}, {@code k31} (random), {@code sobel}, {@code gauss5}
 *       (the separable 5×5 binomial Gaussian);
 *   <li>{@code filter-into:h2160w3840:KERNEL} — the same filter written into one output allocated once
 *       ({@code conv2d(..., out)}, OpenCV's {@code dst}), as when filtering the frames of a video.
 * </ul>
 *
 * <pre>{@code
 * Workload w = Workload.parse("conv:n1c64h56w56o64k3p1");
 * Runnable call = w.prepare();
 * call.run();
 * }</pre>
 */
public final class Workload {
    private final String text;
    private final String kind;
    private final String body;
    private final Algorithm algorithm;

    private Workload(String text, String kind, String body, Algorithm algorithm) {
        this.text = text;
        this.kind = kind;
        this.body = body;
        this.algorithm = algorithm;
    }

    /**
     * The same workload with its convolutions forced to one algorithm (as {@link Conv2dOptions#algorithm}); pooling
     * ignores it. An algorithm the shape does not support fails when the workload runs.
     *
     * <p>Example: {@code Workload.parse("conv:n8c64h56w56o64k3p1").withAlgorithm(Algorithm.WINOGRAD)}.
     *
     * @param value the algorithm, {@link Algorithm#AUTO} for the selector's choice
     * @return the forced workload
     */
    public Workload withAlgorithm(Algorithm value) {
        return new Workload(text, kind, body, value);
    }

    /**
     * Parses a workload line (validated when {@link #prepare()} builds it).
     *
     * @param text e.g. {@code conv:n8c64h56w56o64k3p1}
     * @return the workload
     * @throws IllegalArgumentException if the kind is unknown
     */
    public static Workload parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        int colon = t.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException(
                    "workload: expected KIND:SPEC (conv, conv-bwd, maxpool, avgpool, filter, filter-into), got '" + text
                            + "'");
        }
        String kind = t.substring(0, colon);
        switch (kind) {
            case "conv", "conv-bwd", "maxpool", "avgpool", "filter", "filter-into" -> {}
            default ->
                throw new IllegalArgumentException("workload: unknown kind '" + kind
                        + "' (expected conv, conv-bwd, maxpool, avgpool, filter or filter-into)");
        }
        return new Workload(t, kind, t.substring(colon + 1), Algorithm.AUTO);
    }

    /** @return the text form */
    @Override
    public String toString() {
        return text;
    }

    /**
     * The floating-point operations of one call, counted as the direct method does (backward = input plus weight
     * gradient = twice the forward), or 0 when FLOPs are not the measure (pooling).
     *
     * @return the FLOP count
     */
    public long flops() {
        return switch (kind) {
            case "conv" -> ConvSpec.parse(body).flops();
            case "conv-bwd" -> 2 * ConvSpec.parse(body).flops();
            case "filter", "filter-into" -> filterGeometry().flops();
            default -> 0;
        };
    }

    /**
     * Allocates the inputs (seeded random data) and returns the call to time.
     *
     * @return the timed operation; each run computes the whole workload once
     * @throws IllegalArgumentException if the specification is invalid
     */
    public Runnable prepare() {
        return switch (kind) {
            case "conv" -> prepareConv(false);
            case "conv-bwd" -> prepareConv(true);
            case "maxpool", "avgpool" -> preparePool();
            default -> prepareFilter();
        };
    }

    private Conv2dOptions options(ConvGeometry g) {
        return Conv2dOptions.defaults()
                .algorithm(algorithm)
                .stride(g.sh(), g.sw())
                .dilation(g.dh(), g.dw())
                .groups(g.groups())
                .padding(Padding.of(g.padTop(), g.padBottom(), g.padLeft(), g.padRight()));
    }

    private Runnable prepareConv(boolean backward) {
        ConvGeometry g = ConvSpec.parse(body);
        Tensor x = Tensor.randn(1, g.inputShape());
        Tensor w = Tensor.randn(2, g.weightShape()).mul(0.1);
        Conv2dOptions o = options(g);
        if (!backward) {
            return () -> Functional.conv2d(x, w, null, o);
        }
        Tensor xg = x.requiresGrad(true);
        Tensor wg = w.requiresGrad(true);
        Tensor y = Functional.conv2d(xg, wg, null, o);
        Tensor gy = Tensor.randn(3, y.shape());
        return () -> {
            xg.zeroGrad();
            wg.zeroGrad();
            y.backward(gy);
        };
    }

    private Runnable preparePool() {
        // The pooling window reuses the descriptor grammar (one output channel is a placeholder); stride
        // defaults to the window as in PyTorch.
        ConvGeometry g = ConvSpec.parse(body.replace("k", "o1k"));
        Pool2dOptions o = Pool2dOptions.of(g.kh(), g.kw())
                .stride(body.contains("s") ? io.github.conv4j.spec.IntPair.of(g.sh(), g.sw()) : null)
                .padding(io.github.conv4j.spec.IntPair.of(g.padTop(), g.padLeft()));
        Tensor x = Tensor.randn(1, g.n(), g.inC(), g.inH(), g.inW());
        return kind.equals("maxpool") ? () -> Functional.maxPool2d(x, o) : () -> Functional.avgPool2d(x, o);
    }

    private ConvGeometry filterGeometry() {
        String[] parts = body.split(":");
        if (parts.length != 2) {
            throw new IllegalArgumentException("workload: expected filter:hHwW:KERNEL, got '" + text + "'");
        }
        int k =
                switch (parts[1]) {
                    case "k3", "sobel" -> 3;
                    case "k5", "gauss5" -> 5;
                    case "k1x2" -> 2;
                    default -> {
                        if (!parts[1].matches("k[0-9]+")) {
                            throw new IllegalArgumentException("workload: unknown filter kernel '" + parts[1]
                                    + "' (expected k3, k5, k1x2, kN, sobel or gauss5)");
                        }
                        yield Integer.parseInt(parts[1].substring(1));
                    }
                };
        String kernel = parts[1].equals("k1x2") ? "k1x2" : "k" + k;
        return ConvSpec.parse("c1" + parts[0] + kernel + "psame");
    }

    private Runnable prepareFilter() {
        ConvGeometry g = filterGeometry();
        String name = body.split(":")[1];
        Tensor x = Tensor.rand(1, 1, 1, g.inH(), g.inW());
        Tensor w =
                switch (name) {
                    case "sobel" ->
                        Tensor.of(new float[][] {{-1, 0, 1}, {-2, 0, 2}, {-1, 0, 1}})
                                .reshape(1, 1, 3, 3);
                    case "gauss5" -> {
                        float[] b = {1, 4, 6, 4, 1};
                        float[][] k = new float[5][5];
                        for (int i = 0; i < 5; i++) {
                            for (int j = 0; j < 5; j++) {
                                k[i][j] = b[i] * b[j] / 256f;
                            }
                        }
                        yield Tensor.of(k).reshape(1, 1, 5, 5);
                    }
                    default -> Tensor.randn(2, g.weightShape());
                };
        Conv2dOptions o = Conv2dOptions.defaults().padding(Padding.same()).algorithm(algorithm);
        if (kind.equals("filter-into")) {
            Tensor out = Tensor.empty(DType.FLOAT32, g.outputShape());
            return () -> Functional.conv2d(x, w, null, o, out);
        }
        return () -> Functional.conv2d(x, w, null, o);
    }
}
