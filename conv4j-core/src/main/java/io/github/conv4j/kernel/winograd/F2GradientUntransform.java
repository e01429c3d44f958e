package io.github.conv4j.kernel.winograd;

import io.github.conv4j.kernel.simd.Simd;

/**
 * The last step of {@link WinogradWeightGradient}: {@code ∂w = Gᵀ U G}, 4×4 → 3×3, for consecutive input channels of
 * one output channel, {@code G = [[1,0,0],[½,½,½],[½,−½,½],[0,0,1]]}. On whole vectors of channels
 * ({@link F2VectorGradientUntransform}) when the Vector API is present, else channel by channel; both evaluate the
 * same expressions in the same order, so the bits are the same.
 *
 * <p>Channel by channel it was 6 to 8 % of the backward pass of the 256- and 512-channel layers at two threads: 16
 * loads and 9 stores per channel pair. On vectors the 256 → 256 pass (U 4 MiB) took 15.0 against 16.1 ms (N=8, two
 * threads, three runs each); the 512 → 512 one is bound by reading U's 16 MiB from memory either way (19.0 against
 * 18.7 ms).
 */
final class F2GradientUntransform {
    private F2GradientUntransform() {}

    /**
     * For {@code c < count}: component ξ = 4i + j of channel c's U at {@code u[at + c + ξ·stride]}, its 3×3 result to
     * {@code gw[out + 9c ..]}, row-major; {@code scratch} from {@link #scratch()}, reused across calls.
     */
    static void channels(float[] u, int at, int stride, int count, float[] gw, int out, float[] scratch) {
        int done = Simd.available() ? F2VectorGradientUntransform.channels(u, at, stride, count, gw, out, scratch) : 0;
        scalar(u, at, stride, done, count, gw, out, scratch);
    }

    /** Scratch for {@link #channels}, {@code 9 · 64} floats: enough for vectors of up to 64 floats (2048 bits). */
    static float[] scratch() {
        return new float[9 * 64];
    }

    /** {@link #channels} channel by channel for channels {@code [from, count)} (the vector path's twin in tests). */
    static void scalar(float[] u, int at, int stride, int from, int count, float[] gw, int out, float[] scratch) {
        for (int c = from; c < count; c++) {
            one(u, at + c, stride, scratch, gw, out + 9 * c);
        }
    }

    /** One channel pair; {@code t} is scratch for {@code Gᵀ U} (12 floats). */
    private static void one(float[] u, int at, int stride, float[] t, float[] gw, int out) {
        for (int j = 0; j < 4; j++) {
            // Column j of Gᵀ U.
            float u0 = u[at + j * stride];
            float u1 = u[at + (4 + j) * stride];
            float u2 = u[at + (8 + j) * stride];
            float u3 = u[at + (12 + j) * stride];
            float sum = 0.5f * (u1 + u2);
            t[j] = u0 + sum;
            t[4 + j] = 0.5f * (u1 - u2);
            t[8 + j] = sum + u3;
        }
        for (int i = 0; i < 3; i++) {
            // Row i of (Gᵀ U) G.
            float t0 = t[4 * i];
            float t1 = t[4 * i + 1];
            float t2 = t[4 * i + 2];
            float t3 = t[4 * i + 3];
            float sum = 0.5f * (t1 + t2);
            gw[out + 3 * i] = t0 + sum;
            gw[out + 3 * i + 1] = 0.5f * (t1 - t2);
            gw[out + 3 * i + 2] = sum + t3;
        }
    }
}
