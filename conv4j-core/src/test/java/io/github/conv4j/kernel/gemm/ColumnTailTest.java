package io.github.conv4j.kernel.gemm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The dot-product tail of the GEMM: the two tail kernels agree bit for bit and follow their contract (checked against
 * an independent transcription of it), Sgemm really computes the last {@code n mod 16 <= 8} columns that way, and the
 * shape-chosen three-vector kernel is picked where it should be.
 */
class ColumnTailTest {
    /**
     * The contract of {@link TailKernel}, written out: sixteen interleaved chains, zeros past the depth, then the tree.
     */
    private static float contract(int kc, float[] a, int aOff, float[] b, int bOff) {
        float[] s = new float[TailKernel.CHAINS];
        int padded = (kc + 15) / 16 * 16;
        for (int p = 0; p < padded; p++) {
            float x = p < kc ? a[aOff + p] : 0f;
            float y = p < kc ? b[bOff + p] : 0f;
            s[p % 16] = Math.fma(x, y, s[p % 16]);
        }
        for (int h = 8; h >= 1; h /= 2) {
            for (int l = 0; l < h; l++) {
                s[l] += s[l + h];
            }
        }
        return s[0];
    }

    /** The tail kernel for this machine's vectors: 16 floats, 8 floats, or none (scalar). */
    @Test
    void selectedTailKernelMatchesTheVectorWidth() {
        int lanes = GemmKernels.vectorLanes();
        Class<?> expected =
                lanes == 16 ? VectorTailKernel.class : lanes == 8 ? VectorTailKernel8.class : ScalarTailKernel.class;
        assertThat(ColumnTail.selectedKernel()).isInstanceOf(expected);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"VectorTailKernel", "VectorTailKernel8"})
    void vectorAndScalarTailKernelsFollowTheContractBitForBit(String vectorKernel) {
        Assumptions.assumeTrue(GemmKernels.vectorModulePresent(), "needs the Vector API");
        Assumptions.assumeTrue(
                GemmKernels.vectorLanes() == 16 || vectorKernel.equals("VectorTailKernel8"),
                "16-float vectors need AVX-512");
        TailKernel vector = ColumnTail.vectorKernel(vectorKernel);
        TailKernel scalar = new ScalarTailKernel();
        SplittableRandom r = new SplittableRandom(5);
        for (int trial = 0; trial < 400; trial++) {
            int kc = trial < 40 ? 1 + trial : 1 + r.nextInt(700);
            int rows = 1 + r.nextInt(TailKernel.ROWS);
            int lda = kc + r.nextInt(5);
            int aOff = r.nextInt(4);
            int bOff = r.nextInt(4);
            // NaN after each row and column: the masked last step must not read past the depth.
            float[] a = new float[aOff + rows * lda + 20];
            float[] b = new float[bOff + kc + 20];
            Arrays.fill(a, Float.NaN);
            Arrays.fill(b, Float.NaN);
            for (int i = 0; i < rows; i++) {
                for (int p = 0; p < kc; p++) {
                    a[aOff + i * lda + p] = (float) (r.nextDouble() * 2 - 1);
                }
            }
            for (int p = 0; p < kc; p++) {
                b[bOff + p] = (float) (r.nextDouble() * 2 - 1);
            }
            float[] fromVector = new float[TailKernel.ROWS];
            float[] fromScalar = new float[TailKernel.ROWS];
            vector.dot(kc, rows, a, aOff, lda, b, bOff, fromVector);
            scalar.dot(kc, rows, a, aOff, lda, b, bOff, fromScalar);
            for (int i = 0; i < rows; i++) {
                float expected = contract(kc, a, aOff + i * lda, b, bOff);
                String what = "kc " + kc + " row " + i + " of " + rows;
                assertThat(fromVector[i]).as("vector, " + what).isEqualTo(expected);
                assertThat(fromScalar[i]).as("scalar, " + what).isEqualTo(expected);
            }
        }
    }

    /**
     * Columns 0–47 of a 49-column product come from the micro-kernels, the same bits as the driver alone gives them;
     * column 48 is the tail's dot product (one depth block here, beta 0), which the micro-kernels' sequential chains
     * would not reproduce for every row.
     */
    @Test
    void theLastColumnsOfSgemmAreTheTailsDotProducts() {
        for (int n : new int[] {49, 8, 23}) {
            int m = 37;
            int k = 200;
            int tail = n % 16;
            assertThat(ColumnTail.columns(false, n)).isEqualTo(tail);
            assertThat(ColumnTail.columns(true, n))
                    .as("transposed A keeps the kernels")
                    .isZero();
            GemmCase cs = GemmCase.dense(false, false, m, n, k, 1f, 0f, n);
            GemmCase.Data d = cs.data();
            float[] c = d.c().clone();
            cs.runSgemm(d, c);
            cs.assertMatchesReference(d, c);
            MicroKernel kernel = GemmKernels.selected();
            float[] kernelsOnly = d.c().clone();
            cs.runPlan(kernel, GemmTuning.plan(m, n, k, kernel.mr(), kernel.nr()), d, kernelsOnly);
            float[] column = new float[k];
            boolean differs = false;
            for (int j = 0; j < n; j++) {
                for (int p = 0; p < k; p++) {
                    column[p] = d.b()[p * n + j];
                }
                for (int i = 0; i < m; i++) {
                    float got = c[i * n + j];
                    if (j < n - tail) {
                        assertThat(got)
                                .as("n %d, C[%d][%d] from the kernels", n, i, j)
                                .isEqualTo(kernelsOnly[i * n + j]);
                    } else {
                        assertThat(got)
                                .as("n %d, C[%d][%d] from the tail", n, i, j)
                                .isEqualTo(contract(k, d.a(), i * k, column, 0));
                        differs |= got != kernelsOnly[i * n + j];
                    }
                }
            }
            assertThat(differs)
                    .as("n %d: the tail's order differs from the kernels' somewhere", n)
                    .isTrue();
        }
    }

    /** The column-stable form gives a column the same bits in a product of any width that contains it. */
    @Test
    void columnStableProductsDoNotDependOnTheWidth() {
        int m = 29;
        int k = 300;
        GemmCase wide = GemmCase.dense(false, false, m, 64, k, 1f, 0f, 3);
        GemmCase.Data d = wide.data();
        float[] full = new float[m * 64];
        Sgemm.multiplyColumnStable(false, false, m, 64, k, 1f, d.a(), 0, k, d.b(), 0, 64, 0f, full, 0, 64);
        for (int n : new int[] {49, 40, 7, 1}) {
            float[] part = new float[m * n];
            // The first n columns of the same B, read through its leading dimension of 64.
            Sgemm.multiplyColumnStable(false, false, m, n, k, 1f, d.a(), 0, k, d.b(), 0, 64, 0f, part, 0, n);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    assertThat(part[i * n + j]).as("n %d, C[%d][%d]", n, i, j).isEqualTo(full[i * 64 + j]);
                }
            }
        }
    }

    @Test
    void threeVectorKernelTakesColumnsItCoversExactlyWhereTheTwoVectorOneNeedsItsPartner() {
        MicroKernel selected = GemmKernels.selected();
        Assumptions.assumeTrue(
                GemmKernels.vectorLanes() == 16 && selected.mr() == 6 && selected.nr() == 32, "6 × 2 on 16 floats");
        assertThat(GemmKernels.forShape(600, 48).name())
                .isEqualTo(GemmKernels.create("4x3").name());
        assertThat(GemmKernels.forShape(600, 144).nr()).isEqualTo(48);
        for (int n : new int[] {16, 32, 64, 80, 96, 192, 49}) {
            assertThat(GemmKernels.forShape(600, n)).as("n %d", n).isSameAs(selected);
        }
        // Rows: fewer than 256 that 4 divides and 6 does not, on columns both blocks cover exactly or nearly.
        for (int m : new int[] {64, 128, 188, 244}) {
            assertThat(GemmKernels.forShape(m, 96).nr()).as("m %d", m).isEqualTo(48);
            assertThat(GemmKernels.forShape(m, 12544).nr()).as("m %d", m).isEqualTo(48);
        }
        for (int m : new int[] {60, 66, 256, 512, 62}) {
            assertThat(GemmKernels.forShape(m, 96)).as("m %d", m).isSameAs(selected);
        }
        // ... but not where the columns would cost more: 64 = 48 + 16 on the narrow partner, 128 = 144 - 16.
        assertThat(GemmKernels.forShape(64, 64)).isSameAs(selected);
        assertThat(GemmKernels.forShape(128, 128)).isSameAs(selected);
    }

    @Test
    void twoVectorKernelTakesColumnsWhereTheSelectedThreeVectorOneWouldEndOnItsPartner() {
        MicroKernel selected = GemmKernels.selected();
        Assumptions.assumeTrue(
                GemmKernels.vectorLanes() == 16 && selected.mr() == 4 && selected.nr() == 48,
                "4 × 3 on 16 floats (JDK 17 with AVX-512 at half width)");
        // 64 = 48 + 16 on the partner against 32 + 32.
        for (int m : new int[] {64, 128, 600}) {
            MicroKernel chosen = GemmKernels.forShape(m, 64);
            assertThat(chosen.mr()).as("m %d", m).isEqualTo(4);
            assertThat(chosen.nr()).as("m %d", m).isEqualTo(32);
            assertThat(GemmKernels.narrowPartner(chosen).nr()).isEqualTo(16);
        }
        // Columns the three-vector kernel covers exactly, or where its partner's share is too small to matter
        // (256 = 5 · 48 + 16 against 8 · 32 at 17/16 the cost per column), or both end on a partner (112, 16).
        for (int n : new int[] {48, 96, 144, 49, 112, 160, 256, 3136, 16}) {
            assertThat(GemmKernels.forShape(64, n)).as("n %d", n).isSameAs(selected);
        }
    }
}
