package io.github.conv4j.kernel.separable;

/** Per-thread buffers of {@link SeparableConv}, grown on demand and kept: steady-state calls do not allocate. */
final class SeparableWorkspace {
    private static final ThreadLocal<SeparableWorkspace> CURRENT = ThreadLocal.withInitial(SeparableWorkspace::new);

    float[] line = new float[0];
    float[] line2 = new float[0];
    float[] line3 = new float[0];
    float[] line4 = new float[0];
    float[] dense = new float[0];
    float[] ring = new float[0];
    int[] ringRow = new int[0];
    int[] offs = new int[0];
    float[] taps = new float[0];

    /**
     * Line {@code k} of the four the vertical pass fills at once: {@code line}, {@code line2}, {@code line3},
     * {@code line4}.
     */
    float[] line(int k) {
        return switch (k) {
            case 0 -> line;
            case 1 -> line2;
            case 2 -> line3;
            default -> line4;
        };
    }

    static SeparableWorkspace get() {
        return CURRENT.get();
    }

    void ensure(int lineLen, int denseLen, int ringLen, int rows) {
        if (line.length < lineLen) {
            line = new float[lineLen];
            line2 = new float[lineLen];
            line3 = new float[lineLen];
            line4 = new float[lineLen];
        }
        if (dense.length < denseLen) {
            dense = new float[denseLen];
        }
        if (ring.length < ringLen) {
            ring = new float[ringLen];
        }
        if (offs.length < rows + 3) {
            offs = new int[rows + 3];
            taps = new float[rows + 3];
            ringRow = new int[rows + 3];
        }
    }
}
