package io.github.conv4j.kernel.fft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link TileFft}: the real 2-D spectrum against a naive 2-D DFT in double, and the round trip. Bound as in
 * {@link FftPlanTest}, over both axes: {@code 3·log2(nh·nw)·2^−24·√(nh·nw)·‖x‖₂} per spectral value, and
 * {@code 3·log2(nh·nw)·2^−24·‖x‖₂} per value after the (scaled) round trip.
 */
class TileFftTest {
    private static final double EPS = 0x1p-24;

    @ParameterizedTest
    @CsvSource({"2,1", "2,2", "4,4", "4,8", "8,2", "16,16", "32,8", "8,64", "64,64", "128,32", "256,4"})
    void spectrumMatchesNaiveDftAndRoundTrips(int nh, int nw) {
        check(nh, nw, new TileFft(nh, nw));
        check(nh, nw, new TileFft(nh, nw, false));
    }

    private static void check(int nh, int nw, TileFft t) {
        SplittableRandom r = new SplittableRandom(31L * nh + nw);
        int h = nh - r.nextInt(Math.max(1, nh / 2));
        int w = Math.max(1, nw - r.nextInt(Math.max(1, nw / 2)));
        float[] x = new float[3 + h * w];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        float[] sr = new float[t.spectrumSize() + 5];
        float[] si = new float[sr.length];
        t.load(x, 3, h, w, 0, 0);
        t.forward(sr, si, 5);

        double norm = 0;
        for (int i = 3; i < x.length; i++) {
            norm += (double) x[i] * x[i];
        }
        norm = Math.sqrt(norm);
        int logs = Integer.numberOfTrailingZeros(nh * nw);
        double tol = 3 * Math.max(1, logs) * EPS * Math.sqrt((double) nh * nw) * norm;
        FftPlan wp = FftPlan.of(nw);
        for (int kw = 0; kw < nw; kw++) {
            for (int kh = 0; kh <= nh / 2; kh++) {
                double er = 0;
                double ei = 0;
                for (int i = 0; i < h; i++) {
                    for (int j = 0; j < w; j++) {
                        double a = -2 * Math.PI * ((double) i * kh / nh + (double) j * kw / nw);
                        er += x[3 + i * w + j] * Math.cos(a);
                        ei += x[3 + i * w + j] * Math.sin(a);
                    }
                }
                int at = 5 + wp.reverse(kw) * (nh / 2 + 1) + kh;
                assertThat(Math.hypot(sr[at] - er, si[at] - ei))
                        .as("nh=%d nw=%d kh=%d kw=%d", nh, nw, kh, kw)
                        .isLessThanOrEqualTo(tol);
            }
        }

        t.inverse(sr, si, 5);
        float[] y = new float[2 + nh * nw];
        t.store(y, 2, nw, nh, nw, 1f / (nh * nw), 0f);
        double rtTol = 3 * Math.max(1, logs) * EPS * norm;
        for (int i = 0; i < nh; i++) {
            for (int j = 0; j < nw; j++) {
                double expected = i < h && j < w ? x[3 + i * w + j] : 0;
                assertThat(Math.abs(y[2 + i * nw + j] - expected))
                        .as("round trip nh=%d nw=%d i=%d j=%d", nh, nw, i, j)
                        .isLessThanOrEqualTo(rtTol);
            }
        }
    }
}
