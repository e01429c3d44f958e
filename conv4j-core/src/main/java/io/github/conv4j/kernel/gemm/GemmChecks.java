package io.github.conv4j.kernel.gemm;

/** Argument validation shared by {@link Sgemm} and {@link ReferenceGemm}, so both accept exactly the same calls. */
final class GemmChecks {
    private GemmChecks() {}

    static void check(
            boolean transA,
            boolean transB,
            int m,
            int n,
            int k,
            float[] a,
            int aOff,
            int lda,
            float[] b,
            int bOff,
            int ldb,
            float[] c,
            int cOff,
            int ldc) {
        nonNegative("m", m);
        nonNegative("n", n);
        nonNegative("k", k);
        // Stored shapes in row-major order: op(A) is m x k, so A itself is k x m when transposed.
        int aRows = transA ? k : m;
        int aCols = transA ? m : k;
        int bRows = transB ? n : k;
        int bCols = transB ? k : n;
        checkMatrix("a", a, aOff, lda, aRows, aCols, transA ? "k x m" : "m x k");
        checkMatrix("b", b, bOff, ldb, bRows, bCols, transB ? "n x k" : "k x n");
        checkMatrix("c", c, cOff, ldc, m, n, "m x n");
        // C is written while A and B are still read, so a shared element would make the result depend on timing.
        if (a == c && overlaps(aOff, lda, aRows, aCols, cOff, ldc, m, n)) {
            throw new IllegalArgumentException("a and c share elements of the same array (aOff " + aOff + ", lda " + lda
                    + ", cOff " + cOff + ", ldc " + ldc + "); c must not overlap a");
        }
        if (b == c && overlaps(bOff, ldb, bRows, bCols, cOff, ldc, m, n)) {
            throw new IllegalArgumentException("b and c share elements of the same array (bOff " + bOff + ", ldb " + ldb
                    + ", cOff " + cOff + ", ldc " + ldc + "); c must not overlap b");
        }
    }

    private static void nonNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " (" + value + ") must be >= 0");
        }
    }

    private static void checkMatrix(String name, float[] x, int off, int ld, int rows, int cols, String shape) {
        if (x == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (off < 0) {
            throw new IllegalArgumentException(name + "Off (" + off + ") must be >= 0");
        }
        if (ld < Math.max(1, cols)) {
            throw new IllegalArgumentException("ld" + name + " (" + ld + ") must be >= max(1, " + cols
                    + ") (the row length of " + name + ", stored " + shape + ")");
        }
        if (rows == 0 || cols == 0) {
            return;
        }
        long last = off + (long) (rows - 1) * ld + cols - 1;
        if (last >= x.length) {
            throw new IllegalArgumentException(name + " (length " + x.length + ") is too short for a " + rows + " x "
                    + cols + " matrix (" + shape + ") at offset " + off + " with ld" + name + " " + ld
                    + ": needs length >= " + (last + 1));
        }
    }

    /**
     * Whether two strided matrices in one array share an element. Exact rather than a bounding-range test, because
     * side-by-side column blocks of one larger matrix (for example A and C as neighbouring columns) are disjoint
     * although their ranges interleave. Rows of C are disjoint and ascending (ldc >= its row length), so for each row
     * of X only the first C row ending at or after the X row's start can be the first to intersect it.
     */
    private static boolean overlaps(int xOff, int ldx, int xRows, int xCols, int cOff, int ldc, int cRows, int cCols) {
        if (xRows == 0 || xCols == 0 || cRows == 0 || cCols == 0) {
            return false;
        }
        for (int r = 0; r < xRows; r++) {
            long start = xOff + (long) r * ldx;
            long end = start + xCols - 1;
            long row = Math.max(0, -Math.floorDiv(-(start - cOff - (cCols - 1)), (long) ldc));
            if (row < cRows && cOff + row * ldc <= end) {
                return true;
            }
        }
        return false;
    }
}
