package io.github.conv4j.kernel.gemm;

/**
 * Every tuning constant of the GEMM in one place: cache blocking, the split of C into parallel tiles, and which
 * register block (micro-kernel) runs on which JDK. Blocking tuned on a 2-core AMD EPYC Zen 3 (AVX2 + FMA, 32 KiB
 * L1d and 512 KiB L2 per core, 32 MiB L3), register blocks also measured on the AVX-512 EPYC this project now runs on;
 * see {@code conv4j-bench/GEMM-NOTES.md} for the measurements behind the choices.
 *
 * <p>None of these values changes results except {@link #KC}: the depth blocking fixes the order in which each
 * element of C is summed, so it is a constant, never derived from the thread count or the machine.
 */
final class GemmTuning {
    /**
     * Depth of one packed block. A micro-panel of B ({@code KC x nr}, 16 KiB for nr = 16) plus one of A (4 KiB for
     * mr = 4) fit the 32 KiB L1 together, so B stays in L1 while the A panels stream past it.
     */
    static final int KC = 256;

    /**
     * The most rows of C in one tile: the packed A block ({@code MC x KC}, 128 KiB) stays in the 512 KiB L2 while
     * every B micro-panel of the tile passes it. Also the unit of parallel work, so 1024 rows make 8 tiles.
     */
    static final int MC = 128;

    /**
     * The most columns of C in one tile: the packed B block ({@code KC x NC}, 2 MiB per thread) lives in L3. Wider
     * tiles re-pack A less often (A is packed once per tile and depth block).
     */
    static final int NC = 2048;

    /**
     * Depth blocks this short or shorter sweep C row block by row block (each along its rows) instead of B panel by B
     * panel. With so few multiply-adds per element of C, the stores of C dominate: walking down a panel writes to
     * {@code MC} rows at once, more streams than the prefetchers follow. Measured on a 1×1 convolution, 64 → 256
     * channels on 56×56 (k = 64), 8 samples, one thread: 12.9–17.4 ms panel by panel, 9.9–12.2 ms row by row; ties
     * for depths of 128 and more (Winograd and im2col layers).
     */
    static final int ROWS_OUTER_MAX_DEPTH = 64;

    /**
     * The most columns past the last multiple of 16 that {@link ColumnTail} computes as dot products along the depth;
     * more go to the register-blocked kernels, whose one-vector panel then does more useful work.
     */
    static final int TAIL_MAX_COLUMNS = 8;

    /**
     * Products with fewer rows than this whose row count the selected kernel's rows do not divide, and the
     * three-vector kernel's do, run on the three-vector kernel ({@link GemmKernels#forShape}).
     */
    static final int ROW_FIT_MAX_ROWS = 256;

    /** Tiles a problem is split into, when it is big enough: 2 per core on the 2-core target lets fast threads help. */
    static final int MIN_TILES = 4;

    /** Splitting rows stops here: below it the micro-kernel's B panel is reused too few times per load from L3. */
    static final int MIN_TILE_ROWS = 64;

    /** Splitting columns stops here: A is packed once per tile, costing roughly 16 / columns of the tile's time. */
    static final int MIN_TILE_COLS = 256;

    /**
     * Fused multiply-adds a parallel chunk should hold (about 40 us at 100 GFLOP/s): handing work to a pool thread
     * costs 5 to 40 us in these VMs, so smaller tiles are grouped into one chunk.
     */
    static final long MIN_CHUNK_FMAS = 1L << 22;

    /**
     * Floats of op(B) packed once and shared by all row tiles (8 MiB, a quarter of L3). Packing B separately per row
     * tile cost 10 to 25% of the time at 1024^3 with 512-bit vectors; wider problems are cut into column blocks, and
     * when not even one panel over the whole depth fits (k above 64K or 128K) each tile packs its own B.
     */
    static final int SHARED_B_FLOATS = 1 << 21;

    /** Floats per chunk when packing the shared B in parallel: enough to amortise handing the chunk to a thread. */
    static final int PACK_CHUNK_FLOATS = 1 << 16;

    /**
     * The two-vector kernel's cost per column of C in sixteenths of the three-vector kernel's, where JDK 17 selects
     * 4 × 3 on 16-float vectors: a 64 × 2304 × 256 product took 0.825 against 0.778 ms (1.06).
     */
    static final int TWO_VECTOR_COST_SIXTEENTHS = 17;

    /**
     * Whether the micro-kernels compute {@code beta == 0} (a product's first depth block, C not read) by the same
     * instructions as {@code beta != 0}, adding {@code -0.0} read from a constant row instead of C. On JDK 17 a kernel
     * compiled while only one case had run (a 1×1 layer: one depth block) was recompiled, when a later layer reached
     * the other, with its stores to C no longer intrinsics ({@code -XX:+PrintInlining}: "failed to inline
     * (intrinsic)"), each store boxing its vector: N=8 512→512 after the 1×1 layer 22.9–32.3 against 17 ms alone,
     * 17.6–18.9 with one sequence; the pointwise layer after it 0.86–1.30 against 0.70–0.74. JDK 25 never showed it, and there
     * the extra loads cost 3–5 % of the 1×1 layers (whose depth is short), so it keeps the two cases.
     */
    static final boolean ONE_UPDATE = Runtime.version().feature() < 25;

    /** System property naming the micro-kernel ({@code 4x2}, {@code 6x2}, {@code 4x3}, {@code 6x1}, {@code 4x1} or {@code scalar}). */
    static final String KERNEL_PROPERTY = "conv4j.gemm.kernel";

    private GemmTuning() {}

    /**
     * The register block (rows x vectors) for a JDK feature release and vector width, from full-GEMM measurements
     * on JDK 17 and 25 (GEMM-NOTES.md). With 16 vector registers (AVX2, 8 floats), which block C2 can keep in
     * registers depends on the JDK: 4 x 3 is the fastest on JDK 17 but spills to half speed on JDK 25, and 6 x 2 does
     * the reverse, so other releases get 4 x 2, measured fast on both. With 32 registers (AVX-512, 16 floats) 6 x 2
     * is the fastest on JDK 25; on JDK 17 4 x 3 is where 512-bit instructions run on 256-bit units (Zen 4: on the
     * 64-row im2col shape 117 against 88 GFLOP/s) and 6 x 2 where they run at full width (Zen 5, with the same
     * per-shape alternatives as on JDK 25: N=8 512→512 9.7–9.9 against 11.4–11.9 ms, its backward 23.0–23.9 against
     * 25.2–27.1, the 64-channel backward 24.2–24.9 against 25.9–26.7, one thread).
     *
     * @param fullWidth512 whether 512-bit instructions run on full-width units ({@code VectorUnits.fullWidth512()})
     */
    static String defaultVectorKernel(int jdkFeature, int floatLanes, boolean fullWidth512) {
        if (floatLanes >= 16) {
            return jdkFeature == 17 && !fullWidth512 ? "4x3" : "6x2";
        }
        if (floatLanes == 8 && jdkFeature == 17) {
            return "4x3";
        }
        return "4x2";
    }

    /**
     * The depth-block length for a given k: blocks of at most {@link #KC}, balanced so a k slightly above KC does not
     * leave a tiny last block. Depends on k only, which keeps the summation order fixed.
     */
    static int depthBlock(int k) {
        int blocks = ceilDiv(k, KC);
        return ceilDiv(k, blocks);
    }

    /**
     * Splits an m x n x k problem into tiles of C. Depends on the shape and the register block only, never on the
     * thread count (and results do not depend on it either: each element is computed the same way in any tile).
     */
    static Plan plan(int m, int n, int k, int mr, int nr) {
        int tilesM = ceilDiv(m, MC);
        int tilesN = ceilDiv(n, NC);
        long fmas = (long) m * n * k;
        while ((long) tilesM * tilesN < MIN_TILES && fmas / ((long) tilesM * tilesN) >= 2 * MIN_CHUNK_FMAS) {
            // Rows first: with a shared B a row split costs nothing extra, a column split re-packs A.
            if (ceilDiv(m, tilesM + 1) >= MIN_TILE_ROWS) {
                tilesM++;
            } else if (ceilDiv(n, tilesN + 1) >= MIN_TILE_COLS) {
                tilesN++;
            } else {
                break;
            }
        }
        // Round tile sizes up to whole register blocks so only the last tile of a row or column has an edge.
        int tileRows = roundUp(ceilDiv(m, tilesM), mr);
        int tileCols = roundUp(ceilDiv(n, tilesN), nr);
        tilesM = ceilDiv(m, tileRows);
        // Sharing needs at least one panel of the whole depth in the buffer; beyond that (k > 64K) B is packed per
        // tile.
        boolean shareB = tilesM > 1 && (long) k * nr <= SHARED_B_FLOATS;
        int blockTilesN;
        if (shareB) {
            int maxCols = (SHARED_B_FLOATS / k) / nr * nr;
            if (tileCols > maxCols) {
                tileCols = roundUp(ceilDiv(n, ceilDiv(n, maxCols)), nr);
            }
            tilesN = ceilDiv(n, tileCols);
            blockTilesN = Math.max(1, maxCols / tileCols);
        } else {
            tilesN = ceilDiv(n, tileCols);
            blockTilesN = tilesN;
        }
        long tileFmas = (long) tileRows * tileCols * k;
        int grain = (int) Math.min((long) tilesM * tilesN, Math.max(1, ceilDiv(MIN_CHUNK_FMAS, tileFmas)));
        int packGrain = (int) Math.max(1, ceilDiv(PACK_CHUNK_FLOATS, (long) k * nr));
        return new Plan(tileRows, tileCols, tilesM, tilesN, depthBlock(k), shareB, blockTilesN, grain, packGrain);
    }

    /** {@code ceil(x / y)} for {@code x >= 0, y > 0}, without the overflow of {@code (x + y - 1) / y}. */
    static int ceilDiv(int x, int y) {
        return x == 0 ? 0 : (x - 1) / y + 1;
    }

    private static long ceilDiv(long x, long y) {
        return x == 0 ? 0 : (x - 1) / y + 1;
    }

    static int roundUp(int x, int multiple) {
        return ceilDiv(x, multiple) * multiple;
    }

    /**
     * How one GEMM call is cut: tiles of {@code tileRows x tileCols} (the last row/column of tiles may be smaller),
     * numbered row-tile first, {@code grain} tiles per parallel chunk; depth blocks of {@code kc}. With
     * {@code shareB}, op(B) is packed once per column block of {@code blockTilesN} tile columns (in parallel,
     * {@code packGrain} panels per chunk) and read by every row tile; otherwise each tile packs its own B.
     */
    record Plan(
            int tileRows,
            int tileCols,
            int tilesM,
            int tilesN,
            int kc,
            boolean shareB,
            int blockTilesN,
            int grain,
            int packGrain) {}
}
