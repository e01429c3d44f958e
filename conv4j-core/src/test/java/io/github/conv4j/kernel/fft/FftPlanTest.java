package io.github.conv4j.kernel.fft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link FftPlan} against a naive DFT in double, both orderings and both directions, vector and scalar loops, with several lanes so that the
 * lane indexing is exercised. Bound: for a float FFT of length n, {@code ‖δX‖₂ ≤ c·log2(n)·2^−24·‖X‖₂} with
 * {@code ‖X‖₂ = √n·‖x‖₂} (Parseval); each radix-2 stage adds at most about {@code (1 + √2)·2^-24} relative error
 * (one rounded complex product with a rounded twiddle, one rounded addition), so c = 3 bounds every element.
 */
class FftPlanTest {
    private static final double EPS = 0x1p-24;

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048})
    void difAndDitMatchNaiveDft(int n) {
        SplittableRandom r = new SplittableRandom(n);
        int lanes = 1 + r.nextInt(5);
        int stride = lanes + r.nextInt(3);
        int off = r.nextInt(4);
        float[] re = new float[off + n * stride];
        float[] im = new float[re.length];
        for (int i = 0; i < re.length; i++) {
            re[i] = (float) (r.nextDouble() * 2 - 1);
            im[i] = (float) (r.nextDouble() * 2 - 1);
        }
        for (FftPlan p : new FftPlan[] {FftPlan.of(n), FftPlan.scalar(n)}) {
            check(p, n, re, im, off, stride, lanes);
        }
    }

    private static void check(FftPlan p, int n, float[] re, float[] im, int off, int stride, int lanes) {
        for (int sign : new int[] {-1, 1}) {
            float[] ar = re.clone();
            float[] ai = im.clone();
            p.dif(ar, ai, off, stride, lanes, sign);
            float[] br = new float[re.length];
            float[] bi = new float[re.length];
            for (int k = 0; k < n; k++) {
                int from = off + k * stride;
                int to = off + p.reverse(k) * stride;
                System.arraycopy(re, from, br, to, lanes);
                System.arraycopy(im, from, bi, to, lanes);
            }
            p.dit(br, bi, off, stride, lanes, sign);
            for (int c = 0; c < lanes; c++) {
                double[][] exact = naiveDft(re, im, off + c, stride, n, sign);
                double norm = 0;
                for (int k = 0; k < n; k++) {
                    norm += sq(re[off + c + k * stride]) + sq(im[off + c + k * stride]);
                }
                double tol = 3 * Math.max(1, log2(n)) * EPS * Math.sqrt(n * norm);
                for (int k = 0; k < n; k++) {
                    int natural = off + c + k * stride;
                    int reversed = off + c + p.reverse(k) * stride;
                    assertThat(Math.hypot(ar[reversed] - exact[0][k], ai[reversed] - exact[1][k]))
                            .as("dif n=%d sign=%d lane=%d k=%d", n, sign, c, k)
                            .isLessThanOrEqualTo(tol);
                    assertThat(Math.hypot(br[natural] - exact[0][k], bi[natural] - exact[1][k]))
                            .as("dit n=%d sign=%d lane=%d k=%d", n, sign, c, k)
                            .isLessThanOrEqualTo(tol);
                }
            }
        }
    }

    static double[][] naiveDft(float[] re, float[] im, int off, int stride, int n, int sign) {
        double[][] out = new double[2][n];
        double[] cos = new double[n];
        double[] sin = new double[n];
        for (int k = 0; k < n; k++) {
            cos[k] = Math.cos(2 * Math.PI * k / n);
            sin[k] = sign * Math.sin(2 * Math.PI * k / n);
        }
        for (int k = 0; k < n; k++) {
            double sr = 0;
            double si = 0;
            for (int j = 0; j < n; j++) {
                int a = (int) ((long) j * k % n);
                double xr = re[off + j * stride];
                double xi = im[off + j * stride];
                sr += xr * cos[a] - xi * sin[a];
                si += xr * sin[a] + xi * cos[a];
            }
            out[0][k] = sr;
            out[1][k] = si;
        }
        return out;
    }

    private static double sq(double v) {
        return v * v;
    }

    private static int log2(int n) {
        return Integer.numberOfTrailingZeros(n);
    }
}
