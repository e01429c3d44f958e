package io.github.conv4j.kernel.fft;

/**
 * A complex FFT of one power-of-two length {@code n}, applied to many independent sequences at once. The data are
 * split real/imaginary float arrays; sequence element {@code r} of lane {@code c} lives at
 * {@code off + r·stride + c}, so the lanes are contiguous. Every butterfly then runs over a contiguous run of lanes
 * with one twiddle factor, a loop the JIT can vectorise, and a 2-D transform never needs a strided 1-D FFT.
 *
 * <p>Two orderings avoid explicit bit reversal: {@link #dit} reads its rows in bit-reversed order and writes natural
 * order, {@link #dif} reads natural order and writes bit-reversed order. Callers fold the reversal into a copy they
 * make anyway, or chain a {@code dif} with a {@code dit} so that the reversals cancel. Neither direction scales.
 * Stages are fused in pairs (radix 2², four rows per pass) to halve the passes over memory.
 *
 * <pre>{@code
 * FftPlan p = FftPlan.of(8);
 * p.dif(re, im, 0, lanes, lanes, -1); // forward along axis 0, result rows bit-reversed
 * p.dit(re, im, 0, lanes, lanes, +1); // inverse, natural order again, scaled by 8
 * }</pre>
 */
final class FftPlan {
    /** Lanes × rows × 8 bytes per lane block: keeps one block of a tall transform in L2. */
    private static final int BLOCK_FLOATS = 1 << 14;

    private static final FftPlan[] CACHE = new FftPlan[31];

    private final int n;
    private final boolean vector;
    private final int[] bitReverse;
    /** {@code cos(2πk/n)}, {@code sin(2πk/n)} for {@code k < n/2}, rounded from double. */
    private final float[] cos;

    private final float[] sin;

    private FftPlan(int n, boolean vector) {
        this.n = n;
        this.vector = vector;
        int bits = Integer.numberOfTrailingZeros(n);
        bitReverse = new int[n];
        for (int i = 0; i < n; i++) {
            bitReverse[i] = bits == 0 ? 0 : Integer.reverse(i) >>> (32 - bits);
        }
        int half = Math.max(1, n / 2);
        cos = new float[half];
        sin = new float[half];
        for (int k = 0; k < half; k++) {
            double a = 2 * Math.PI * k / n;
            cos[k] = (float) Math.cos(a);
            sin[k] = (float) Math.sin(a);
        }
    }

    /**
     * The plan for length {@code n}, shared: plans are immutable.
     *
     * @param n a power of two, at least 1
     * @return the plan
     * @throws IllegalArgumentException if {@code n} is not a positive power of two
     */
    static FftPlan of(int n) {
        checkLength(n);
        int log = Integer.numberOfTrailingZeros(n);
        FftPlan p = CACHE[log];
        if (p == null) {
            p = new FftPlan(n, FftSimd.VECTOR);
            CACHE[log] = p;
        }
        return p;
    }

    /**
     * A new plan that never uses the Vector API, so that tests cover the scalar loops as well.
     *
     * @param n a power of two, at least 1
     * @return the plan
     */
    static FftPlan scalar(int n) {
        checkLength(n);
        return new FftPlan(n, false);
    }

    private static void checkLength(int n) {
        if (n < 1 || Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("FFT length must be a power of two, got " + n);
        }
    }

    /** @return the transform length */
    int length() {
        return n;
    }

    /**
     * @param i an index below {@link #length()}
     * @return {@code i} with its {@code log2 n} bits reversed
     */
    int reverse(int i) {
        return bitReverse[i];
    }

    /**
     * Decimation in frequency: natural-order input, bit-reversed output, computed in place.
     *
     * @param re real parts
     * @param im imaginary parts
     * @param off index of row 0, lane 0
     * @param stride distance between rows
     * @param lanes number of independent sequences
     * @param sign −1 for the forward transform {@code Σ x·e^{−2πi·jk/n}}, +1 for the unscaled inverse
     */
    void dif(float[] re, float[] im, int off, int stride, int lanes, int sign) {
        int block = laneBlock(lanes);
        for (int c0 = 0; c0 < lanes; c0 += block) {
            int len = Math.min(block, lanes - c0);
            for (int h = n / 4; h >= 1; h /= 4) {
                for (int k = 0; k < n; k += 4 * h) {
                    for (int j = 0; j < h; j++) {
                        int t1 = j * (n / (2 * h));
                        int t2 = j * (n / (4 * h));
                        int a0 = off + c0 + (k + j) * stride;
                        dif4(
                                re,
                                im,
                                a0,
                                a0 + h * stride,
                                a0 + 2 * h * stride,
                                a0 + 3 * h * stride,
                                len,
                                cos[t2],
                                sign * sin[t2],
                                cos[t1],
                                sign * sin[t1],
                                sign);
                    }
                }
            }
            if (Integer.numberOfTrailingZeros(n) % 2 == 1) {
                for (int k = 0; k < n; k += 2) {
                    int a0 = off + c0 + k * stride;
                    plain2(re, im, a0, a0 + stride, len);
                }
            }
        }
    }

    /**
     * Decimation in time: bit-reversed input, natural-order output, computed in place.
     *
     * @param re real parts
     * @param im imaginary parts
     * @param off index of row 0, lane 0
     * @param stride distance between rows
     * @param lanes number of independent sequences
     * @param sign −1 for the forward transform, +1 for the unscaled inverse
     */
    void dit(float[] re, float[] im, int off, int stride, int lanes, int sign) {
        int block = laneBlock(lanes);
        boolean odd = Integer.numberOfTrailingZeros(n) % 2 == 1;
        for (int c0 = 0; c0 < lanes; c0 += block) {
            int len = Math.min(block, lanes - c0);
            int h = 1;
            if (odd) {
                for (int k = 0; k < n; k += 2) {
                    int a0 = off + c0 + k * stride;
                    plain2(re, im, a0, a0 + stride, len);
                }
                h = 2;
            }
            for (; 4 * h <= n; h *= 4) {
                for (int k = 0; k < n; k += 4 * h) {
                    for (int j = 0; j < h; j++) {
                        int t1 = j * (n / (2 * h));
                        int t2 = j * (n / (4 * h));
                        int a0 = off + c0 + (k + j) * stride;
                        dit4(
                                re,
                                im,
                                a0,
                                a0 + h * stride,
                                a0 + 2 * h * stride,
                                a0 + 3 * h * stride,
                                len,
                                cos[t1],
                                sign * sin[t1],
                                cos[t2],
                                sign * sin[t2],
                                sign);
                    }
                }
            }
        }
    }

    private void plain2(float[] re, float[] im, int a, int b, int len) {
        if (vector) {
            VectorButterflies.plain2(re, im, a, b, len);
        } else {
            Butterflies.plain2(re, im, a, b, len);
        }
    }

    private void dif4(
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
        if (vector) {
            VectorButterflies.dif4(re, im, a0, a1, a2, a3, len, w2r, w2i, w1r, w1i, sign);
        } else {
            Butterflies.dif4(re, im, a0, a1, a2, a3, len, w2r, w2i, w1r, w1i, sign);
        }
    }

    private void dit4(
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
        if (vector) {
            VectorButterflies.dit4(re, im, a0, a1, a2, a3, len, w1r, w1i, w2r, w2i, sign);
        } else {
            Butterflies.dit4(re, im, a0, a1, a2, a3, len, w1r, w1i, w2r, w2i, sign);
        }
    }

    private int laneBlock(int lanes) {
        int block = Math.max(16, BLOCK_FLOATS / Math.max(1, n));
        return Math.min(lanes, block);
    }
}
