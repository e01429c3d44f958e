package io.github.conv4j.kernel.winograd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.conv4j.kernel.simd.Simd;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code ∂w = Gᵀ U G}: the channel-by-channel form against hand-computed values, and the vector form bit for bit against
 * it (same expressions in the same order), on channel counts around one and two vectors, odd strides and offsets, with
 * NaN, infinities, signed zeros and sentinels in and around the data.
 */
class F2GradientUntransformTest {
    static LongStream seeds() {
        return LongStream.range(0, 30);
    }

    @Test
    void handComputed() {
        // U = all ones except component 5 (row 1, column 1) = 2: Gᵀ U G with G's rows [1,0,0], [½,½,½], [½,−½,½],
        // [0,0,1]; for U = ones, Gᵀ 1 G = (Gᵀ1)(1ᵀG) = [2,0,2]ᵀ[2,0,2]; the extra 1 at (1,1) adds g1ᵀ g1 = ¼
        // everywhere.
        float[] u = new float[16];
        java.util.Arrays.fill(u, 1f);
        u[5] = 2f;
        float[] gw = new float[9];
        F2GradientUntransform.scalar(u, 0, 1, 0, 1, gw, 0, F2GradientUntransform.scratch());
        assertThat(gw).containsExactly(4.25f, 0.25f, 4.25f, 0.25f, 0.25f, 0.25f, 4.25f, 0.25f, 4.25f);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void vectorMatchesScalarBitForBit(long seed) {
        assumeTrue(Simd.available(), "no Vector API");
        SplittableRandom r = new SplittableRandom(seed);
        int lanes = 16; // the widest vector (AVX-512): counts up to three of them and past
        int count = 1 + r.nextInt(3 * lanes + 2);
        int at = r.nextInt(7);
        int stride = count + r.nextInt(40);
        float[] u = new float[at + 15 * stride + count + r.nextInt(5)];
        for (int i = 0; i < u.length; i++) {
            u[i] = value(r);
        }
        int out = r.nextInt(5);
        float[] expected = new float[out + 9 * count + 3];
        java.util.Arrays.fill(expected, 7f);
        float[] actual = expected.clone();
        F2GradientUntransform.scalar(u, at, stride, 0, count, expected, out, F2GradientUntransform.scratch());
        F2GradientUntransform.channels(u, at, stride, count, actual, out, F2GradientUntransform.scratch());
        assertThat(floatBits(actual)).as("count %d stride %d", count, stride).containsExactly(floatBits(expected));
        assertThat(expected[out + 9 * count]).isEqualTo(7f);
    }

    private static float value(SplittableRandom r) {
        return switch (r.nextInt(40)) {
            case 0 -> Float.NaN;
            case 1 -> Float.POSITIVE_INFINITY;
            case 2 -> Float.NEGATIVE_INFINITY;
            case 3 -> -0f;
            case 4 -> Float.MIN_VALUE;
            default -> (float) (r.nextDouble(-4, 4) * Math.pow(2, r.nextInt(-20, 20)));
        };
    }

    private static int[] floatBits(float[] a) {
        int[] bits = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            bits[i] = Float.floatToIntBits(a[i]); // NaN payloads are not part of the contract
        }
        return bits;
    }
}
