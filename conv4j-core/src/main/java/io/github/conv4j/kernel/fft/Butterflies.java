package io.github.conv4j.kernel.fft;

/**
 * The inner loops of {@link FftPlan}: one butterfly applied to {@code len} contiguous lanes with the same twiddle
 * factors. Kept as small static methods with scalar twiddles so that the JIT compiles each into one tight,
 * vectorisable loop.
 */
final class Butterflies {
    private Butterflies() {}

    /** A radix-2 butterfly with twiddle 1: {@code (a, b) ← (a + b, a − b)}. */
    static void plain2(float[] re, float[] im, int a, int b, int len) {
        for (int c = 0; c < len; c++) {
            float ar = re[a + c];
            float ai = im[a + c];
            float br = re[b + c];
            float bi = im[b + c];
            re[a + c] = ar + br;
            im[a + c] = ai + bi;
            re[b + c] = ar - br;
            im[b + c] = ai - bi;
        }
    }

    /**
     * Two decimation-in-frequency stages fused: the stage of half-size {@code 2h} on rows (0, 2) and (1, 3) with
     * twiddle {@code w2 = W_{4h}^j} (and {@code w2·(sign·i)} for the second pair, which is {@code W_{4h}^{j+h}}), then
     * the stage of half-size {@code h} on rows (0, 1) and (2, 3) with twiddle {@code w1 = W_{2h}^j}.
     */
    static void dif4(
            float[] re,
            float[] im,
            int a0,
            int a1,
            int a2,
            int a3,
            int len,
            float w2r,
            float w2i,
            float w1r,
            float w1i,
            int sign) {
        float w3r = -sign * w2i;
        float w3i = sign * w2r;
        for (int c = 0; c < len; c++) {
            float x0r = re[a0 + c];
            float x0i = im[a0 + c];
            float x1r = re[a1 + c];
            float x1i = im[a1 + c];
            float x2r = re[a2 + c];
            float x2i = im[a2 + c];
            float x3r = re[a3 + c];
            float x3i = im[a3 + c];
            float u0r = x0r + x2r;
            float u0i = x0i + x2i;
            float dr = x0r - x2r;
            float di = x0i - x2i;
            float u2r = dr * w2r - di * w2i;
            float u2i = dr * w2i + di * w2r;
            float u1r = x1r + x3r;
            float u1i = x1i + x3i;
            float er = x1r - x3r;
            float ei = x1i - x3i;
            float u3r = er * w3r - ei * w3i;
            float u3i = er * w3i + ei * w3r;
            re[a0 + c] = u0r + u1r;
            im[a0 + c] = u0i + u1i;
            float fr = u0r - u1r;
            float fi = u0i - u1i;
            re[a1 + c] = fr * w1r - fi * w1i;
            im[a1 + c] = fr * w1i + fi * w1r;
            re[a2 + c] = u2r + u3r;
            im[a2 + c] = u2i + u3i;
            float gr = u2r - u3r;
            float gi = u2i - u3i;
            re[a3 + c] = gr * w1r - gi * w1i;
            im[a3 + c] = gr * w1i + gi * w1r;
        }
    }

    /**
     * Two decimation-in-time stages fused: the stage of half-size {@code h} on rows (0, 1) and (2, 3) with twiddle
     * {@code w1 = W_{2h}^j}, then the stage of half-size {@code 2h} on rows (0, 2) with {@code w2 = W_{4h}^j} and
     * (1, 3) with {@code w2·(sign·i)}.
     */
    static void dit4(
            float[] re,
            float[] im,
            int a0,
            int a1,
            int a2,
            int a3,
            int len,
            float w1r,
            float w1i,
            float w2r,
            float w2i,
            int sign) {
        float w3r = -sign * w2i;
        float w3i = sign * w2r;
        for (int c = 0; c < len; c++) {
            float x0r = re[a0 + c];
            float x0i = im[a0 + c];
            float x1r = re[a1 + c];
            float x1i = im[a1 + c];
            float x2r = re[a2 + c];
            float x2i = im[a2 + c];
            float x3r = re[a3 + c];
            float x3i = im[a3 + c];
            float b1r = x1r * w1r - x1i * w1i;
            float b1i = x1r * w1i + x1i * w1r;
            float b3r = x3r * w1r - x3i * w1i;
            float b3i = x3r * w1i + x3i * w1r;
            float u0r = x0r + b1r;
            float u0i = x0i + b1i;
            float u1r = x0r - b1r;
            float u1i = x0i - b1i;
            float u2r = x2r + b3r;
            float u2i = x2i + b3i;
            float u3r = x2r - b3r;
            float u3i = x2i - b3i;
            float v2r = u2r * w2r - u2i * w2i;
            float v2i = u2r * w2i + u2i * w2r;
            float v3r = u3r * w3r - u3i * w3i;
            float v3i = u3r * w3i + u3i * w3r;
            re[a0 + c] = u0r + v2r;
            im[a0 + c] = u0i + v2i;
            re[a2 + c] = u0r - v2r;
            im[a2 + c] = u0i - v2i;
            re[a1 + c] = u1r + v3r;
            im[a1 + c] = u1i + v3i;
            re[a3 + c] = u1r - v3r;
            im[a3 + c] = u1i - v3i;
        }
    }

    /**
     * One row pair {@code (k, m − k)} of the real-input untangling: from the half-length spectra {@code P = Z[k]},
     * {@code Q = Z[m−k]} of the packed sequence, {@code X[k] = E + W·O} and {@code X[m−k] = conj(E − W·O)} with
     * {@code E = (P + conj Q)/2}, {@code O = −i(P − conj Q)/2}, {@code W = (wr, wi) = e^{−2πik/nh}}.
     */
    static void untangle(float[] zr, float[] zi, int a, int b, int len, float wr, float wi) {
        for (int c = 0; c < len; c++) {
            float pr = zr[a + c];
            float pi = zi[a + c];
            float qr = zr[b + c];
            float qi = zi[b + c];
            float er = 0.5f * (pr + qr);
            float ei = 0.5f * (pi - qi);
            float or = 0.5f * (pi + qi);
            float oi = -0.5f * (pr - qr);
            float tr = wr * or - wi * oi;
            float ti = wr * oi + wi * or;
            zr[a + c] = er + tr;
            zi[a + c] = ei + ti;
            zr[b + c] = er - tr;
            zi[b + c] = ti - ei;
        }
    }

    /**
     * The inverse of {@link #untangle}, times two, with {@code (wr, wi) = e^{+2πik/nh}}: {@code Z[k] = E' + i·O'},
     * {@code Z[m−k] = conj(E') + i·conj(O')}, {@code E' = X[k] + conj X[m−k]}, {@code O' = W·(X[k] − conj X[m−k])}.
     */
    static void tangle(float[] zr, float[] zi, int a, int b, int len, float wr, float wi) {
        for (int c = 0; c < len; c++) {
            float pr = zr[a + c];
            float pi = zi[a + c];
            float qr = zr[b + c];
            float qi = zi[b + c];
            float er = pr + qr;
            float ei = pi - qi;
            float fr = pr - qr;
            float fi = pi + qi;
            float or = wr * fr - wi * fi;
            float oi = wr * fi + wi * fr;
            zr[a + c] = er - oi;
            zi[a + c] = ei + or;
            zr[b + c] = er + oi;
            zi[b + c] = or - ei;
        }
    }
}
