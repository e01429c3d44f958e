package io.github.conv4j.kernel.gemm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The micro-kernels' {@code beta == 0} case, which the vector kernels compute as an addition of {@code -0.0} rather than
 * a separate branch: C's old contents are never read (NaN there is overwritten) and a negative zero
 * {@code alpha * acc} stays negative, bit for bit, on every kernel, for {@code beta} of {@code +0.0} and {@code -0.0};
 * with {@code beta != 0} C is read through its own leading dimension.
 */
class MicroKernelOverwriteTest {

    @Test
    void betaZeroOverwritesAndKeepsTheSignOfZero() {
        for (MicroKernel kernel : kernels()) {
            int mr = kernel.mr();
            int nr = kernel.nr();
            int kc = 5;
            int ldc = nr + 3;
            // A is zero, so every acc is +0.0 and alpha = -1 makes each result -0.0.
            float[] a = new float[mr * kc];
            float[] b = new float[kc * nr];
            Arrays.fill(b, 2.5f);
            for (float beta : new float[] {0f, -0f}) {
                float[] c = new float[mr * ldc];
                Arrays.fill(c, Float.NaN);
                kernel.multiply(kc, a, 0, kc, b, 0, -1f, beta, c, 0, ldc);
                for (int i = 0; i < mr; i++) {
                    for (int j = 0; j < ldc; j++) {
                        float v = c[i * ldc + j];
                        if (j < nr) {
                            assertThat(Float.floatToRawIntBits(v))
                                    .as("%s, beta %s, C[%d][%d]", kernel.name(), beta, i, j)
                                    .isEqualTo(Float.floatToRawIntBits(-0f));
                        } else {
                            assertThat(v)
                                    .as("%s leaves the gap past the block", kernel.name())
                                    .isNaN();
                        }
                    }
                }
            }
        }
    }

    @Test
    void betaNonZeroReadsEachRowOfC() {
        for (MicroKernel kernel : kernels()) {
            int mr = kernel.mr();
            int nr = kernel.nr();
            int kc = 3;
            int ldc = nr + 5;
            float[] a = new float[mr * kc];
            float[] b = new float[kc * nr];
            Arrays.fill(a, 1f);
            Arrays.fill(b, 0.5f);
            float[] c = new float[mr * ldc];
            for (int i = 0; i < c.length; i++) {
                c[i] = i;
            }
            kernel.multiply(kc, a, 0, kc, b, 0, 2f, 0.25f, c, 0, ldc);
            for (int i = 0; i < mr; i++) {
                for (int j = 0; j < nr; j++) {
                    int at = i * ldc + j;
                    assertThat(c[at]).as("%s C[%d][%d]", kernel.name(), i, j).isEqualTo(Math.fma(1.5f, 2f, 0.25f * at));
                }
            }
        }
    }

    private static List<MicroKernel> kernels() {
        List<MicroKernel> all = new ArrayList<>();
        all.add(GemmKernels.create(GemmKernels.SCALAR));
        if (GemmKernels.vectorModulePresent()) {
            for (String shape : GemmKernels.VECTOR_SHAPES) {
                all.add(GemmKernels.create(shape));
            }
        }
        assumeTrue(!all.isEmpty());
        return all;
    }
}
