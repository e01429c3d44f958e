package io.github.conv4j.kernel.gemm;

/**
 * {@link TailKernel} in plain Java: the chains one after the other, with {@link Math#fma}, so it gives the vector
 * kernel's bits when {@code jdk.incubator.vector} is absent or its vectors are not 16 floats wide.
 */
final class ScalarTailKernel implements TailKernel {
    private static final ThreadLocal<float[]> CHAIN_SUMS = ThreadLocal.withInitial(() -> new float[CHAINS]);

    @Override
    public void dot(int kc, int rows, float[] a, int aOff, int lda, float[] b, int bOff, float[] out) {
        int padded = GemmTuning.roundUp(kc, CHAINS);
        float[] s = CHAIN_SUMS.get();
        for (int i = 0; i < rows; i++) {
            int row = aOff + i * lda;
            for (int l = 0; l < CHAINS; l++) {
                float acc = 0f;
                for (int p = l; p < padded; p += CHAINS) {
                    // Past the depth both factors are 0, as in the vector kernel's masked last step.
                    acc = p < kc ? Math.fma(a[row + p], b[bOff + p], acc) : Math.fma(0f, 0f, acc);
                }
                s[l] = acc;
            }
            // The contract's tree: lane l adds lane l + half, for half = 8, 4, 2, 1.
            for (int half = CHAINS / 2; half >= 1; half /= 2) {
                for (int l = 0; l < half; l++) {
                    s[l] = s[l] + s[l + half];
                }
            }
            out[i] = s[0];
        }
    }
}
