package io.github.conv4j.kernel.gemm;

import io.github.conv4j.kernel.parallel.Parallel;

/**
 * The blocked SGEMM for one call: C is cut into tiles ({@link GemmTuning#plan}), the tiles are spread over
 * {@link Parallel}, and each tile walks the depth in blocks of {@code kc}, sweeping register blocks over its rows of A
 * (read in place when A is not transposed, else packed) and packed panels of B with the micro-kernel. When there are
 * several row tiles, op(B) is first packed once (in parallel) into a buffer all of them read; with one row tile, each
 * tile packs its own B, which saves a parallel phase (a few tens of microseconds to hand work to pool threads here).
 *
 * <p>Each element of C is computed by exactly one thread and sees the same arithmetic in any tile: per depth block, the
 * micro-kernel's FMA chain from zero, then one update of C ({@code alpha * acc} for the first block when
 * {@code beta == 0}, else {@code fma(acc, alpha, beta' * c)} with {@code beta' = beta} for the first block and 1 after).
 * Edge blocks run the same kernel into a scratch tile and apply that update in scalar code, which rounds identically.
 * A last panel of columns at most one vector wide runs on the kernel's narrow partner
 * ({@link GemmKernels#narrowPartner}; its B panel is packed that wide), which computes the same chains.
 * So results depend only on the shape and {@link GemmTuning#KC}: not on the thread count, the tiling or the kernel.
 */
final class GemmDriver {
    /**
     * Packing buffers per thread, kept for the thread's life: allocating (and first touching) megabytes per call
     * costs page faults that are a large fraction of a GEMM's time on small and medium shapes.
     */
    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    private final MicroKernel kernel;
    private final MicroKernel narrow;
    /**
     * The kernels' block sizes, read once: several kernel classes run in one JVM, so each {@code nr()} in the per-block
     * path was a megamorphic interface call (half a percent of all benchmark samples).
     */
    private final int mr;

    private final int nr;
    private final int narrowNr;
    private final ColumnTail tail;
    private final boolean transA;
    private final boolean transB;
    private final int m;
    private final int n;
    private final int k;
    private final float alpha;
    private final float[] a;
    private final int aOff;
    private final int lda;
    private final float[] b;
    private final int bOff;
    private final int ldb;
    private final float beta;
    private final float[] c;
    private final int cOff;
    private final int ldc;
    private final GemmTuning.Plan plan;

    /**
     * Expects validated arguments with {@code m, n, k > 0} and {@code alpha != 0}, and a plan for this shape and
     * kernel ({@link GemmTuning#plan}; tests pass others to show that the tiling does not change the result).
     * {@code narrow}, when not null, is a kernel with the same rows and one vector of columns, for last panels that fit
     * it. {@code tail}, when not null, computes the columns after these {@code n} ({@link ColumnTail}; A not
     * transposed): the tiles holding the last of these columns run it for their rows, depth block by depth block.
     */
    GemmDriver(
            MicroKernel kernel,
            MicroKernel narrow,
            ColumnTail tail,
            GemmTuning.Plan plan,
            boolean transA,
            boolean transB,
            int m,
            int n,
            int k,
            float alpha,
            float[] a,
            int aOff,
            int lda,
            float[] b,
            int bOff,
            int ldb,
            float beta,
            float[] c,
            int cOff,
            int ldc) {
        this.kernel = kernel;
        this.narrow = narrow;
        this.mr = kernel.mr();
        this.nr = kernel.nr();
        this.narrowNr = narrow == null ? nr : narrow.nr();
        this.tail = tail;
        this.transA = transA;
        this.transB = transB;
        this.m = m;
        this.n = n;
        this.k = k;
        this.alpha = alpha;
        this.a = a;
        this.aOff = aOff;
        this.lda = lda;
        this.b = b;
        this.bOff = bOff;
        this.ldb = ldb;
        this.beta = beta;
        this.c = c;
        this.cOff = cOff;
        this.ldc = ldc;
        this.plan = plan;
    }

    void run() {
        if (!plan.shareB()) {
            Parallel.forRange(plan.tilesM() * plan.tilesN(), plan.grain(), (from, to) -> tiles(from, to, 0, null, 0));
            return;
        }
        Workspace callerSpace = WORKSPACE.get();
        int blockCols = plan.blockTilesN() * plan.tileCols();
        for (int j0 = 0; j0 < n; j0 += blockCols) {
            int col0 = j0;
            int cols = Math.min(n - j0, blockCols);
            int colsPadded = GemmTuning.roundUp(cols, nr);
            float[] shared = callerSpace.sharedB(k * colsPadded);
            Parallel.forRange(colsPadded / nr, plan.packGrain(), (from, to) -> {
                int first = from * nr;
                packSharedB(shared, colsPadded, col0 + first, Math.min(cols - first, (to - from) * nr), first);
            });
            int tiles = plan.tilesM() * GemmTuning.ceilDiv(cols, plan.tileCols());
            Parallel.forRange(tiles, plan.grain(), (from, to) -> tiles(from, to, col0, shared, colsPadded));
        }
    }

    /**
     * Packs columns {@code [j0, j0 + cols)} of op(B), all depth blocks, into the shared layout: block {@code p0}
     * starts at {@code p0 * colsPadded} and holds the panels of the whole column block, this range from
     * {@code firstCol * kc} on.
     */
    private void packSharedB(float[] shared, int colsPadded, int j0, int cols, int firstCol) {
        for (int p0 = 0; p0 < k; p0 += plan.kc()) {
            int kc = Math.min(plan.kc(), k - p0);
            Packing.packB(
                    transB, b, bOff, ldb, p0, kc, j0, cols, nr, narrowNr, shared, p0 * colsPadded + firstCol * kc);
        }
    }

    /**
     * Computes tiles {@code [from, to)}; with {@code shared} non-null, of the column block starting at {@code col0}
     * whose B is packed there, otherwise of the whole matrix with B packed per tile.
     */
    private void tiles(int from, int to, int col0, float[] shared, int colsPadded) {
        Workspace ws = WORKSPACE.get();
        int colEnd = shared == null ? n : Math.min(n, col0 + plan.blockTilesN() * plan.tileCols());
        for (int t = from; t < to; t++) {
            // Row-tile index varies fastest: consecutive tiles read the same B columns.
            int i0 = (t % plan.tilesM()) * plan.tileRows();
            int j0 = col0 + (t / plan.tilesM()) * plan.tileCols();
            int rows = Math.min(m - i0, plan.tileRows());
            int cols = Math.min(colEnd - j0, plan.tileCols());
            tile(i0, rows, j0, cols, ws, shared, col0, colsPadded);
        }
    }

    private void tile(int i0, int rows, int j0, int cols, Workspace ws, float[] shared, int col0, int colsPadded) {
        int kcMax = plan.kc();
        int fullRows = rows / mr * mr;
        // Plain A is read in place; only a transposed A, or a plain A's last partial row panel, needs a packed copy.
        float[] packedA = ws.packedA((transA ? GemmTuning.roundUp(rows, mr) : mr) * kcMax);
        float[] packedB = shared != null ? shared : ws.packedB(GemmTuning.roundUp(cols, nr) * kcMax);
        float[] edge = ws.edge(mr * nr);
        for (int p0 = 0; p0 < k; p0 += kcMax) {
            int kc = Math.min(kcMax, k - p0);
            float blockBeta = p0 == 0 ? beta : 1f;
            int bBase;
            if (shared != null) {
                bBase = p0 * colsPadded + (j0 - col0) * kc;
            } else {
                bBase = 0;
                Packing.packB(transB, b, bOff, ldb, p0, kc, j0, cols, nr, narrowNr, packedB, 0);
            }
            if (transA) {
                Packing.packA(true, a, aOff, lda, i0, rows, p0, kc, mr, packedA, 0);
            } else if (fullRows < rows) {
                Packing.packA(false, a, aOff, lda, i0 + fullRows, rows - fullRows, p0, kc, mr, packedA, 0);
            }
            if (kc <= GemmTuning.ROWS_OUTER_MAX_DEPTH) {
                // Short depth: C traffic dominates, so each register block of rows sweeps its C rows left to right
                // (a few sequential write streams) while the small B panels come from L2.
                for (int ir = 0; ir < rows; ir += mr) {
                    for (int jr = 0; jr < cols; jr += nr) {
                        block(ir, jr, i0, rows, j0, cols, p0, kc, fullRows, packedA, packedB, bBase, edge, blockBeta);
                    }
                }
            } else {
                // B micro-panel outer so it stays in L1 while the A panels (L2) stream past it.
                for (int jr = 0; jr < cols; jr += nr) {
                    for (int ir = 0; ir < rows; ir += mr) {
                        block(ir, jr, i0, rows, j0, cols, p0, kc, fullRows, packedA, packedB, bBase, edge, blockBeta);
                    }
                }
            }
            if (tail != null && j0 + cols == n) {
                // This depth block of the tile's rows of A is still in L2 (and each six rows in L1 for all of the
                // tail's columns); a separate pass would read the whole of A again from memory.
                tail.rows(i0, rows, p0, kc, alpha, blockBeta, a, aOff, lda, c, cOff, ldc);
            }
        }
    }

    /**
     * One register block of C, rows {@code ir} and columns {@code jr} of the tile at {@code (i0, j0)}, over depth block
     * {@code [p0, p0 + kc)}: the wide kernel, or the narrow one on a last panel packed narrow; edge blocks through the
     * scratch tile.
     */
    private void block(
            int ir,
            int jr,
            int i0,
            int rows,
            int j0,
            int cols,
            int p0,
            int kc,
            int fullRows,
            float[] packedA,
            float[] packedB,
            int bBase,
            float[] edge,
            float blockBeta) {
        int nb = Math.min(nr, cols - jr);
        int width = Packing.panelWidth(nb, nr, narrowNr);
        MicroKernel panelKernel = width == nr ? kernel : narrow;
        int bPanel = bBase + jr * kc;
        float[] aSrc;
        int aAt;
        int aLd;
        if (transA) {
            aSrc = packedA;
            aAt = ir * kc;
            aLd = kc;
        } else if (ir < fullRows) {
            aSrc = a;
            aAt = aOff + (i0 + ir) * lda + p0;
            aLd = lda;
        } else {
            aSrc = packedA;
            aAt = 0;
            aLd = kc;
        }
        int mb = Math.min(mr, rows - ir);
        int ci = cOff + (i0 + ir) * ldc + j0 + jr;
        if (mb == mr && nb == width) {
            panelKernel.multiply(kc, aSrc, aAt, aLd, packedB, bPanel, alpha, blockBeta, c, ci, ldc);
        } else {
            panelKernel.multiply(kc, aSrc, aAt, aLd, packedB, bPanel, 1f, 0f, edge, 0, width);
            updateEdge(edge, width, mb, nb, blockBeta, ci);
        }
    }

    /** The micro-kernel's C update in scalar form (same roundings), for the valid part of an edge block. */
    private void updateEdge(float[] acc, int nr, int mb, int nb, float blockBeta, int ci) {
        for (int i = 0; i < mb; i++) {
            int row = ci + i * ldc;
            for (int j = 0; j < nb; j++) {
                float x = acc[i * nr + j];
                c[row + j] = blockBeta == 0f ? alpha * x : Math.fma(x, alpha, blockBeta * c[row + j]);
            }
        }
    }

    /**
     * One thread's packing buffers; they only grow, to the largest tile (and, for a calling thread, the largest shared
     * B block, at most {@link GemmTuning#SHARED_B_FLOATS}) the thread has seen.
     */
    private static final class Workspace {
        private float[] packedA = new float[0];
        private float[] packedB = new float[0];
        private float[] sharedB = new float[0];
        private float[] edge = new float[0];

        float[] sharedB(int size) {
            if (sharedB.length < size) {
                sharedB = new float[size];
            }
            return sharedB;
        }

        float[] packedA(int size) {
            if (packedA.length < size) {
                packedA = new float[size];
            }
            return packedA;
        }

        float[] packedB(int size) {
            if (packedB.length < size) {
                packedB = new float[size];
            }
            return packedB;
        }

        float[] edge(int size) {
            if (edge.length < size) {
                edge = new float[size];
            }
            return edge;
        }
    }
}
