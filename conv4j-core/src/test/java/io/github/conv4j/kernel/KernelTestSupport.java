package io.github.conv4j.kernel;

import static org.assertj.core.api.Assertions.fail;

import io.github.conv4j.kernel.reference.ReferenceConv2d;
import io.github.conv4j.spec.ConvGeometry;
import java.util.SplittableRandom;

/**
 * Shared helpers for the fast-kernel tests: random data, the double-precision oracle and the float32 error bound.
 *
 * <p>The bound: a chain of {@code m} fused multiply-adds in float32 differs from the exact sum by at most
 * {@code γ_m·Σ|terms| ≈ m·u·Σ|terms|} with {@code u = 2⁻²⁴}; the double reference adds nothing measurable. Tests
 * allow {@code K·u·(|b| + Σ|x·w|)} with {@code K} stated per kernel, plus half an ulp of the result for the final
 * rounding.
 */
public final class KernelTestSupport {
    public static final double U = 0x1p-24;

    private KernelTestSupport() {}

    /** Uniform values in [-1, 1) with, when {@code special}, a few NaN and ±Inf sprinkled in. */
    public static float[] random(SplittableRandom r, int n, boolean special) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (r.nextDouble() * 2 - 1);
        }
        if (special && n > 0) {
            int k = 1 + r.nextInt(3);
            for (int t = 0; t < k; t++) {
                int i = r.nextInt(n);
                a[i] = switch (r.nextInt(3)) {
                    case 0 -> Float.NaN;
                    case 1 -> Float.POSITIVE_INFINITY;
                    default -> Float.NEGATIVE_INFINITY;
                };
            }
        }
        return a;
    }

    public static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }

    public static double[] abs(double[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = Math.abs(a[i]);
        }
        return d;
    }

    /** Geometry with everything explicit; the output size follows PyTorch's rule. */
    /**
     * Runs {@code body} with {@link io.github.conv4j.kernel.parallel.Parallel} set to {@code threads}, then restores
     * the previous setting.
     */
    public static float[] onThreads(int threads, java.util.function.Supplier<float[]> body) {
        int before = io.github.conv4j.kernel.parallel.Parallel.threads();
        io.github.conv4j.kernel.parallel.Parallel.setThreads(threads);
        try {
            return body.get();
        } finally {
            io.github.conv4j.kernel.parallel.Parallel.setThreads(before);
        }
    }

    public static ConvGeometry geometry(
            int n,
            int inC,
            int inH,
            int inW,
            int outC,
            int groups,
            int kh,
            int kw,
            int sh,
            int sw,
            int pt,
            int pb,
            int pl,
            int pr,
            int dh,
            int dw) {
        int outH = Math.floorDiv(inH + pt + pb - dh * (kh - 1) - 1, sh) + 1;
        int outW = Math.floorDiv(inW + pl + pr - dw * (kw - 1) - 1, sw) + 1;
        if (outH < 1 || outW < 1) {
            throw new IllegalArgumentException("empty output");
        }
        return new ConvGeometry(n, inC, inH, inW, outC, kh, kw, sh, sw, pt, pb, pl, pr, dh, dw, groups, outH, outW);
    }

    /**
     * Checks {@code y} against the double reference convolution within {@code k·u·(|b| + Σ|x·w|)} + half an ulp;
     * NaN must match NaN and infinities must match exactly.
     */
    public static void assertMatchesReference(
            ConvGeometry g, float[] x, float[] w, float[] b, float[] y, double k, String what) {
        double[] xd = toDouble(x);
        double[] wd = toDouble(w);
        double[] bd = b == null ? null : toDouble(b);
        int size = g.n() * g.outC() * g.outH() * g.outW();
        double[] ref = new double[size];
        double[] mag = new double[size];
        ReferenceConv2d.forward(g, xd, wd, bd, ref);
        ReferenceConv2d.forward(g, abs(xd), abs(wd), bd == null ? null : abs(bd), mag);
        assertClose(y, ref, mag, k, what + " " + g.descriptor());
    }

    public static void assertClose(float[] y, double[] ref, double[] mag, double k, String what) {
        for (int i = 0; i < ref.length; i++) {
            double r = ref[i];
            float v = y[i];
            if (Double.isNaN(r)) {
                if (!Float.isNaN(v)) {
                    fail(what + ": at " + i + " expected NaN but got " + v);
                }
                continue;
            }
            if (Double.isInfinite(r) || Float.isInfinite(v) || Float.isNaN(v)) {
                if (v != (float) r) {
                    fail(what + ": at " + i + " expected " + r + " but got " + v);
                }
                continue;
            }
            double tol = k * U * mag[i] + 0.5 * Math.ulp((float) r);
            if (Math.abs(v - r) > tol) {
                fail(what + ": at " + i + " expected " + r + " ± " + tol + " but got " + v);
            }
        }
    }
}
