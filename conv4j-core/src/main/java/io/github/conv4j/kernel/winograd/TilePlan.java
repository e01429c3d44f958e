package io.github.conv4j.kernel.winograd;

import io.github.conv4j.kernel.ConvTuning;
import io.github.conv4j.spec.ConvGeometry;

/**
 * How one Winograd call walks its output: m×m tiles (m = 2 or 4) in bands (one band = one row of tiles of one image, bands
 * numbered image by image), bands grouped into chunks whose transformed input and output ({@code (m + 2)² × (C_in + C_out)}
 * floats per tile) fit {@link ConvTuning#WINOGRAD_CHUNK_BYTES}, so the three stages of a chunk pass their data through
 * the cache rather than memory. Each element's arithmetic does not depend on the chunking, so neither do the results.
 *
 * @param tile the output tile's side m: 2 for F(2×2, 3×3), 4 for F(4×4, 3×3)
 * @param tilesH tile rows per image, {@code ceil(H_out / m)}
 * @param tilesW tiles per band, {@code ceil(W_out / m)}
 * @param bands bands in the whole batch, {@code N · tilesH}
 * @param bandsPerChunk bands per chunk (the last chunk may hold fewer)
 * @param chunks number of chunks
 */
record TilePlan(int tile, int tilesH, int tilesW, int bands, int bandsPerChunk, int chunks) {
    /**
     * Slack after each transformed row: the vector stages write whole vectors past a band's last tile (the next band
     * overwrites them) and read as far; 64 floats covers any vector length up to 2048 bits.
     */
    static final int PAD = 64;

    /** Tiles a chunk should hold at least, so each of its 16 GEMMs has enough columns to run at full speed. */
    private static final int MIN_CHUNK_TILES = 64;

    /**
     * Plans a call.
     *
     * @param g the geometry (3×3, stride 1, undilated)
     * @param tile the output tile's side, 2 or 4
     * @param threads the thread count: chunks are split further so that each thread gets a few
     * @return the plan
     */
    static TilePlan of(ConvGeometry g, int tile, int threads) {
        int tilesH = ceilDiv(g.outH(), tile);
        int tilesW = ceilDiv(g.outW(), tile);
        int bands = g.n() * tilesH;
        long bytesPerTile = 4L * (tile + 2) * (tile + 2) * (g.inCPerGroup() + g.outCPerGroup());
        // Each chunk streams all transformed weights (16 or 36 · C_in · C_out floats) through its GEMMs once, so a
        // chunk
        // should hold at least as many bytes of tiles: 512 → 512 channels have 16 MiB of them.
        long weightBytes = 4L * (tile + 2) * (tile + 2) * g.inCPerGroup() * g.outCPerGroup();
        long chunkBytes = Math.max(ConvTuning.WINOGRAD_CHUNK_BYTES, weightBytes);
        long tiles = Math.max(MIN_CHUNK_TILES, chunkBytes / bytesPerTile);
        int maxBands = (int) Math.max(1, Math.min(bands, tiles / tilesW));
        int chunks = ceilDiv(bands, maxBands);
        if (threads > 1 && chunks == 1 && splitPerThread((long) bands * tilesW, threads)) {
            // One chunk per thread needs one hand-off instead of three parallel stages.
            chunks = threads;
        }
        if (threads > 1 && chunks > 1) {
            // Whole rounds of equal chunks: 4 chunks of 9, 9, 9 and 1 bands kept one of 2 threads idle a third of
            // the time.
            chunks = Math.min(bands, ceilDiv(chunks, threads) * threads);
        }
        int bandsPerChunk = ceilDiv(bands, chunks);
        chunks = ceilDiv(bands, bandsPerChunk);
        return new TilePlan(tile, tilesH, tilesW, bands, bandsPerChunk, chunks);
    }

    /**
     * Whether {@link #of} gives this plan for every thread count: one chunk, with too few tiles to be cut into one per
     * thread. Then the GEMMs' column counts are fixed by the problem, and they may sum their last
     * columns in their own order (the dot-product tail) without the bits depending on the thread count.
     *
     * @return whether the chunking is independent of the thread count
     */
    boolean sameForAnyThreadCount() {
        // The split needs more tiles the more threads there are, so if two threads do not split, none do.
        return chunks == 1 && !splitPerThread((long) bands * tilesW, 2);
    }

    /** Whether {@link #of} cuts a single chunk of {@code tiles} tiles into one per thread. */
    private static boolean splitPerThread(long tiles, int threads) {
        return tiles >= (long) threads * MIN_CHUNK_TILES;
    }

    /** Transformed components per tile, {@code (m + 2)²}: one GEMM each. */
    /**
     * Tiles the output (and output-gradient) transforms put in one run of vectors: a vector of 16 lanes covers only 4
     * tiles of a 7×7 layer's band, so the bands of a narrow layer are transformed several at a time, their tiles side by
     * side (measured for 512 channels 7×7, N=8: 0.76 → 0.36 ms per call; the input transform, whose staging dominates,
     * measured no faster that way).
     */
    static final int GROUP_TILES = 64;

    /**
     * How many consecutive bands the transforms handle at once: as many as fit in {@link #GROUP_TILES} tiles, at least
     * one.
     *
     * @param tilesW tiles per band
     * @return bands per group
     */
    static int bandsPerGroup(int tilesW) {
        return Math.max(1, GROUP_TILES / tilesW);
    }

    /**
     * The tiles of the largest group of bands.
     *
     * @param tilesW tiles per band
     * @return {@code bandsPerGroup(tilesW)·tilesW}
     */
    static int groupTiles(int tilesW) {
        return bandsPerGroup(tilesW) * tilesW;
    }

    int components() {
        return (tile + 2) * (tile + 2);
    }

    /** The most tiles one chunk holds. */
    int maxChunkTiles() {
        return bandsPerChunk * tilesW;
    }

    /** Distance between the rows of a chunk's transformed arrays: its tiles plus {@link #PAD}. */
    int rowStride() {
        return maxChunkTiles() + PAD;
    }

    private static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }
}
