package io.github.conv4j.kernel.pool;

/** Per-thread row buffers of {@link FastPool}, grown on demand and kept so that steady-state calls do not allocate. */
final class PoolWorkspace {
    private static final ThreadLocal<PoolWorkspace> CURRENT = ThreadLocal.withInitial(PoolWorkspace::new);

    float[] padded = new float[0];
    float[] dense = new float[0];
    float[] compact = new float[0];
    float[] colDiv = new float[0];
    int[] offs = new int[0];
    int[] paddedIdx = new int[0];
    int[] denseIdx = new int[0];

    static PoolWorkspace get() {
        return CURRENT.get();
    }

    void ensure(int paddedLen, int denseLen, int outW, int kh) {
        if (padded.length < paddedLen) {
            padded = new float[paddedLen];
            paddedIdx = new int[paddedLen];
        }
        if (dense.length < denseLen) {
            dense = new float[denseLen];
            denseIdx = new int[denseLen];
        }
        if (compact.length < outW) {
            compact = new float[outW];
            colDiv = new float[outW];
        }
        if (offs.length < kh) {
            offs = new int[kh];
        }
    }
}
