package io.github.conv4j.kernel;

import io.github.conv4j.kernel.simd.Simd;
import io.github.conv4j.kernel.simd.VectorExponents;

/**
 * Magnitude scans for kernels whose intermediate values can overflow or smear a NaN where the direct method would not
 * (FFT, Winograd): they compare the largest binary exponent of the input and of the weights against a limit and
 * decline, so the caller runs a direct kernel instead.
 *
 * <pre>{@code
 * int e = Magnitudes.maxExponent(new float[] {0.5f, -3f}, 2); // 128: 3 = 1.5·2^1, biased exponent 127 + 1
 * }</pre>
 */
public final class Magnitudes {
    /** The biased exponent of NaN and the infinities. */
    public static final int NON_FINITE = 0xff;

    private Magnitudes() {}

    /**
     * The largest biased IEEE exponent among the first {@code len} elements: {@code floor(log2|v|) + 127} for normal
     * values, 0 for zeros and subnormals, {@link #NON_FINITE} if any element is NaN or infinite. One pass of integer
     * maxima, on whole vectors when the Vector API is there.
     *
     * @param a the values
     * @param len how many leading elements to scan, {@code 0 <= len <= a.length}
     * @return the largest biased exponent, 0 for an empty prefix
     */
    public static int maxExponent(float[] a, int len) {
        if (Simd.available()) {
            return VectorExponents.maxExponentField(a, len) >>> 23;
        }
        int max = 0;
        for (int i = 0; i < len; i++) {
            max = Math.max(max, Float.floatToRawIntBits(a[i]) & 0x7f800000);
        }
        return max >>> 23;
    }

    /**
     * Whether every product {@code x·w} of the two prefixes is finite and below {@code 2^limit} in magnitude, judged
     * from the largest exponents (so a pair of values just under the limit may be refused; never the reverse).
     *
     * @param x the input values
     * @param xLen how many leading input values matter
     * @param w the weights
     * @param wLen how many leading weights matter
     * @param limit the largest allowed exponent of {@code max|x|·max|w|}
     * @return {@code false} if a value is NaN or infinite or the products may reach {@code 2^limit}
     */
    public static boolean productsBelow(float[] x, int xLen, float[] w, int wLen, int limit) {
        return exponentsBelow(maxExponent(x, xLen), maxExponent(w, wLen), limit);
    }

    /**
     * {@link #productsBelow} from largest exponents already known (as {@link #maxExponent} returns them), e.g. those
     * of weights kept unchanged between calls.
     *
     * @param ex the largest biased exponent of the inputs
     * @param ew the largest biased exponent of the weights
     * @param limit the largest allowed exponent of {@code max|x|·max|w|}
     * @return {@code false} if either is {@link #NON_FINITE} or the products may reach {@code 2^limit}
     */
    public static boolean exponentsBelow(int ex, int ew, int limit) {
        if (ex == NON_FINITE || ew == NON_FINITE) {
            return false;
        }
        return (ex - 127) + (ew - 127) < limit;
    }
}
