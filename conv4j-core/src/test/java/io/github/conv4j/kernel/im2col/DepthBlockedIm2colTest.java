package io.github.conv4j.kernel.im2col;

import static io.github.conv4j.kernel.KernelTestSupport.geometry;
import static io.github.conv4j.kernel.KernelTestSupport.onThreads;
import static io.github.conv4j.kernel.KernelTestSupport.random;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.conv4j.kernel.gemm.Sgemm;
import io.github.conv4j.spec.ConvGeometry;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Im2colConv#forward} builds its column matrix one GEMM depth block at a time; the result must be the same
 * bits as one GEMM over the whole matrix (what it did before), on one thread (one sample, one group: the channel
 * slices) and on two, for depths from below one block to several uneven blocks ({@link Sgemm#depthBlock}), with and
 * without bias, groups, strides and NaN inputs.
 */
class DepthBlockedIm2colTest {
    static LongStream seeds() {
        return LongStream.range(0, 40);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void depthBlocksGiveTheWholeMatrixProductsBits(long seed) {
        SplittableRandom r = new SplittableRandom(seed * 31 + 7);
        int groups = r.nextInt(4) == 0 ? 2 : 1;
        // 5..64 input channels per group with 3×3 or 5×3 kernels: depths 45..960, i.e. one to four depth blocks.
        int cpg = 5 + r.nextInt(60);
        int kh = r.nextBoolean() ? 3 : 5;
        int kw = 3;
        int s = 1 + r.nextInt(2);
        int n = 1 + r.nextInt(2);
        int opg = 64 + r.nextInt(40); // >= 64: two threads split the output channels of a one-sample problem
        ConvGeometry g = geometry(
                n,
                groups * cpg,
                6 + r.nextInt(12),
                6 + r.nextInt(12),
                groups * opg,
                groups,
                kh,
                kw,
                s,
                s,
                1,
                1,
                1,
                1,
                1,
                1);
        float[] x = random(r, g.n() * g.inC() * g.inH() * g.inW(), r.nextInt(5) == 0);
        float[] w = random(r, g.outC() * cpg * kh * kw, false);
        float[] b = r.nextBoolean() ? random(r, g.outC(), false) : null;
        float[] expected = wholeMatrix(g, x, w, b);
        for (int threads : new int[] {1, 2}) {
            float[] y = onThreads(threads, () -> {
                float[] out = new float[expected.length];
                Im2colConv.forward(g, x, w, b, out);
                return out;
            });
            assertThat(y).as("%s on %d threads", g.descriptor(), threads).isEqualTo(expected);
        }
    }

    /** The product as one GEMM over the whole depth per sample and group. */
    private static float[] wholeMatrix(ConvGeometry g, float[] x, float[] w, float[] b) {
        int cpg = g.inCPerGroup();
        int opg = g.outCPerGroup();
        int k = cpg * g.kh() * g.kw();
        int l = g.outH() * g.outW();
        float[] y = new float[g.n() * g.outC() * l];
        float[] cols = new float[k * l];
        for (int n = 0; n < g.n(); n++) {
            for (int grp = 0; grp < g.groups(); grp++) {
                int xOff = (n * g.inC() + grp * cpg) * g.inH() * g.inW();
                int yOff = (n * g.outC() + grp * opg) * l;
                Im2col.build(g, x, xOff, 0, l, cols, 0, l, 0, k);
                if (b != null) {
                    for (int o = 0; o < opg; o++) {
                        java.util.Arrays.fill(y, yOff + o * l, yOff + (o + 1) * l, b[grp * opg + o]);
                    }
                }
                Sgemm.multiply(
                        false, false, opg, l, k, 1f, w, grp * opg * k, k, cols, 0, l, b == null ? 0f : 1f, y, yOff, l);
            }
        }
        return y;
    }
}
