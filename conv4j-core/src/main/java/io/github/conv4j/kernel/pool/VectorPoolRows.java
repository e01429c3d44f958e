package io.github.conv4j.kernel.pool;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API halves of {@link PoolRows}: each method does whole vectors from the start and returns the first index
 * it did not write, for the scalar code to finish. Lane-wise {@code MAX} has {@code Math.max} semantics (NaN wins),
 * and sums run in the same order as the scalar code, so both paths agree bit for bit.
 */
final class VectorPoolRows {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    static final int LANES = SPECIES.length();

    private VectorPoolRows() {}

    /**
     * Lane-wise operators must be compile-time constants for C2 to intrinsify them, so max and sum each get their
     * own loops rather than one loop over a variable operator.
     */
    static int reduceRows(boolean max, float[] x, int[] offs, int n, float[] v, int vOff, int len) {
        return max ? maxRows(x, offs, n, v, vOff, len) : sumRows(x, offs, n, v, vOff, len);
    }

    static int reduceWindow(boolean max, float[] v, int kw, int dw, float[] d, int dOff, int len) {
        return max ? maxWindow(v, kw, dw, d, dOff, len) : sumWindow(v, kw, dw, d, dOff, len);
    }

    private static int maxRows(float[] x, int[] offs, int n, float[] v, int vOff, int len) {
        int end = len - len % LANES;
        int a0 = offs[0];
        if (n == 2) {
            int a1 = offs[1];
            for (int c = 0; c < end; c += LANES) {
                FloatVector.fromArray(SPECIES, x, a0 + c)
                        .max(FloatVector.fromArray(SPECIES, x, a1 + c))
                        .intoArray(v, vOff + c);
            }
            return end;
        }
        if (n == 3) {
            int a1 = offs[1];
            int a2 = offs[2];
            for (int c = 0; c < end; c += LANES) {
                FloatVector.fromArray(SPECIES, x, a0 + c)
                        .max(FloatVector.fromArray(SPECIES, x, a1 + c))
                        .max(FloatVector.fromArray(SPECIES, x, a2 + c))
                        .intoArray(v, vOff + c);
            }
            return end;
        }
        for (int c = 0; c < end; c += LANES) {
            FloatVector.fromArray(SPECIES, x, a0 + c).intoArray(v, vOff + c);
        }
        for (int r = 1; r < n; r++) {
            int a = offs[r];
            for (int c = 0; c < end; c += LANES) {
                FloatVector.fromArray(SPECIES, v, vOff + c)
                        .max(FloatVector.fromArray(SPECIES, x, a + c))
                        .intoArray(v, vOff + c);
            }
        }
        return end;
    }

    private static int sumRows(float[] x, int[] offs, int n, float[] v, int vOff, int len) {
        int end = len - len % LANES;
        int a0 = offs[0];
        if (n == 2) {
            int a1 = offs[1];
            for (int c = 0; c < end; c += LANES) {
                FloatVector.fromArray(SPECIES, x, a0 + c)
                        .add(FloatVector.fromArray(SPECIES, x, a1 + c))
                        .intoArray(v, vOff + c);
            }
            return end;
        }
        if (n == 3) {
            int a1 = offs[1];
            int a2 = offs[2];
            for (int c = 0; c < end; c += LANES) {
                FloatVector.fromArray(SPECIES, x, a0 + c)
                        .add(FloatVector.fromArray(SPECIES, x, a1 + c))
                        .add(FloatVector.fromArray(SPECIES, x, a2 + c))
                        .intoArray(v, vOff + c);
            }
            return end;
        }
        for (int c = 0; c < end; c += LANES) {
            FloatVector.fromArray(SPECIES, x, a0 + c).intoArray(v, vOff + c);
        }
        for (int r = 1; r < n; r++) {
            int a = offs[r];
            for (int c = 0; c < end; c += LANES) {
                FloatVector.fromArray(SPECIES, v, vOff + c)
                        .add(FloatVector.fromArray(SPECIES, x, a + c))
                        .intoArray(v, vOff + c);
            }
        }
        return end;
    }

    private static int maxWindow(float[] v, int kw, int dw, float[] d, int dOff, int len) {
        int end = len - len % LANES;
        if (kw == 2) {
            for (int j = 0; j < end; j += LANES) {
                FloatVector.fromArray(SPECIES, v, j)
                        .max(FloatVector.fromArray(SPECIES, v, j + dw))
                        .intoArray(d, dOff + j);
            }
            return end;
        }
        if (kw == 3) {
            for (int j = 0; j < end; j += LANES) {
                FloatVector.fromArray(SPECIES, v, j)
                        .max(FloatVector.fromArray(SPECIES, v, j + dw))
                        .max(FloatVector.fromArray(SPECIES, v, j + 2 * dw))
                        .intoArray(d, dOff + j);
            }
            return end;
        }
        for (int j = 0; j < end; j += LANES) {
            FloatVector acc = FloatVector.fromArray(SPECIES, v, j);
            for (int q = 1; q < kw; q++) {
                acc = acc.max(FloatVector.fromArray(SPECIES, v, j + q * dw));
            }
            acc.intoArray(d, dOff + j);
        }
        return end;
    }

    private static int sumWindow(float[] v, int kw, int dw, float[] d, int dOff, int len) {
        int end = len - len % LANES;
        if (kw == 2) {
            for (int j = 0; j < end; j += LANES) {
                FloatVector.fromArray(SPECIES, v, j)
                        .add(FloatVector.fromArray(SPECIES, v, j + dw))
                        .intoArray(d, dOff + j);
            }
            return end;
        }
        if (kw == 3) {
            for (int j = 0; j < end; j += LANES) {
                FloatVector.fromArray(SPECIES, v, j)
                        .add(FloatVector.fromArray(SPECIES, v, j + dw))
                        .add(FloatVector.fromArray(SPECIES, v, j + 2 * dw))
                        .intoArray(d, dOff + j);
            }
            return end;
        }
        for (int j = 0; j < end; j += LANES) {
            FloatVector acc = FloatVector.fromArray(SPECIES, v, j);
            for (int q = 1; q < kw; q++) {
                acc = acc.add(FloatVector.fromArray(SPECIES, v, j + q * dw));
            }
            acc.intoArray(d, dOff + j);
        }
        return end;
    }

    static int divide(float[] s, float[] div, float rowDiv, float[] y, int yOff, int len) {
        int end = len - len % LANES;
        FloatVector r = FloatVector.broadcast(SPECIES, rowDiv);
        for (int j = 0; j < end; j += LANES) {
            FloatVector.fromArray(SPECIES, s, j)
                    .div(FloatVector.fromArray(SPECIES, div, j).mul(r))
                    .intoArray(y, yOff + j);
        }
        return end;
    }
}
