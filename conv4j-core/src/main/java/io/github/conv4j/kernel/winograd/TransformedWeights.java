package io.github.conv4j.kernel.winograd;

import io.github.conv4j.kernel.ConvTuning;
import io.github.conv4j.kernel.Magnitudes;
import io.github.conv4j.kernel.Workspace;
import io.github.conv4j.kernel.parallel.Parallel;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Winograd-transformed weights kept for weight arrays that are convolved with again unchanged (inference, repeated
 * filtering): the transform of a 512→512 layer writes 16 MiB and took as long as a third of an N=8 forward pass.
 *
 * <p>Correctness does not rest on the caller: a weight array is recognised by identity, and its contents are
 * compared with the copy taken when it was transformed ({@link Arrays#equals(float[], int, int, float[], int, int)},
 * bit patterns), so a weight changed in place, through {@code floatArray()} or an optimiser step, is transformed
 * again. The transform is deterministic, so a cached and a fresh transform are the same bits.
 *
 * <p>Admission keeps one-off arrays cheap: the first time an array is seen only its identity is noted and the
 * transform goes to per-thread scratch, as without a cache; from the second call on it gets its own copy and
 * transform (at most {@link ConvTuning#WINOGRAD_WEIGHT_CACHE_BYTES} in all, least recently used first out, arrays
 * reused when the same weights change). Entries hold their weight arrays weakly, so dropping the weights frees them.
 */
final class TransformedWeights {
    /** Floats per parallel chunk of the comparison with the cached copy (256 KiB of each array). */
    private static final int COMPARE_CHUNK_FLOATS = 1 << 16;

    /** Identities remembered, cached or not. */
    private static final int MAX_ENTRIES = 32;

    private static final List<Entry> ENTRIES = new ArrayList<>();
    private static long clock;

    private TransformedWeights() {}

    /**
     * A cached transform found valid for the weights as they are now, with the largest exponent of those weights (taken
     * with the copy), so the caller's magnitude check need not scan them again.
     */
    record Valid(float[] u, int maxExponent) {}

    /** Fills {@code u} with the transform of {@code w} (the caller's parallel weight transform). */
    @FunctionalInterface
    interface Transform {
        void into(float[] u);
    }

    /**
     * The transformed weights of {@code w}, cached or computed now.
     *
     * @param w the weight array (recognised by identity)
     * @param weights how many leading floats of {@code w} the transform reads
     * @param tile 2 or 4 (the variant the transform is for)
     * @param flipped whether the transform reads {@code w} as an input gradient's rotated weights (a separate entry)
     * @param size floats of the transform
     * @param transform writes the transform into an array of at least {@code size} floats
     * @return an array whose first {@code size} floats are the transform; read-only for the caller
     */
    static float[] of(float[] w, int weights, int tile, boolean flipped, int size, Transform transform) {
        int variant = flipped ? -tile : tile;
        Entry seen = find(w, weights, variant, size);
        if (seen != null && seen.copy != null && Arrays.equals(seen.copy, 0, weights, w, 0, weights)) {
            return seen.u;
        }
        long bytes = 4L * (weights + size);
        if (seen == null || bytes > ConvTuning.WINOGRAD_WEIGHT_CACHE_BYTES) {
            remember(new Entry(w, weights, variant, size, null, null, 0));
            float[] u = Workspace.floats(1, size);
            transform.into(u);
            return u;
        }
        // Seen before: give the array its own transform, reusing the arrays of the stale one if there was one.
        float[] copy = seen.copy != null ? seen.copy : new float[weights];
        float[] u = seen.u != null ? seen.u : new float[size];
        System.arraycopy(w, 0, copy, 0, weights);
        transform.into(u);
        remember(new Entry(w, weights, variant, size, copy, u, Magnitudes.maxExponent(copy, weights)));
        return u;
    }

    /**
     * The cached transform of {@code w} (arguments as {@link #of}) if there is one and {@code w} still holds, bit for
     * bit, the weights it was made from; {@code null} otherwise. One pass over {@code w} and the copy: with the
     * exponent it returns, the caller skips both the magnitude scan of the weights and {@link #of}'s comparison.
     */
    static Valid valid(float[] w, int weights, int tile, boolean flipped, int size) {
        Entry seen = find(w, weights, flipped ? -tile : tile, size);
        if (seen != null && seen.copy != null && sameContents(seen.copy, w, weights)) {
            return new Valid(seen.u, seen.maxExponent);
        }
        return null;
    }

    /**
     * Whether the first {@code len} floats of the two arrays are equal ({@link Arrays#equals}), compared in parallel
     * chunks: for a 512→512 layer this pass reads 19 MB, which on one thread was the serial part that kept the layer
     * from scaling to two.
     */
    private static boolean sameContents(float[] copy, float[] w, int len) {
        int chunks = (int) Math.min(64, Math.max(1, len / COMPARE_CHUNK_FLOATS));
        if (chunks == 1) {
            return Arrays.equals(copy, 0, len, w, 0, len);
        }
        boolean[] differs = new boolean[chunks];
        Parallel.forRange(chunks, 1, (c0, c1) -> {
            for (int c = c0; c < c1; c++) {
                int from = (int) ((long) len * c / chunks);
                int to = (int) ((long) len * (c + 1) / chunks);
                differs[c] = !Arrays.equals(copy, from, to, w, from, to);
            }
        });
        for (boolean d : differs) {
            if (d) {
                return false;
            }
        }
        return true;
    }

    /** Forgets every entry (tests). */
    static synchronized void clear() {
        ENTRIES.clear();
    }

    /** Bytes held by cached copies and transforms. */
    static synchronized long bytesHeld() {
        long total = 0;
        for (Entry e : ENTRIES) {
            total += e.bytes();
        }
        return total;
    }

    /** The entry of {@code w} for this transform; {@code variant} is the tile side, negated for flipped reads. */
    private static synchronized Entry find(float[] w, int weights, int variant, int size) {
        ENTRIES.removeIf(e -> e.key.get() == null);
        for (Entry e : ENTRIES) {
            if (e.matches(w, weights, variant, size)) {
                e.lastUse = ++clock;
                return e;
            }
        }
        return null;
    }

    private static synchronized void remember(Entry fresh) {
        float[] w = fresh.key.get();
        ENTRIES.removeIf(e -> e.key.get() == null || e.matches(w, fresh.weights, fresh.variant, fresh.size));
        fresh.lastUse = ++clock;
        ENTRIES.add(fresh);
        long held = 0;
        for (Entry e : ENTRIES) {
            held += e.bytes();
        }
        while (ENTRIES.size() > MAX_ENTRIES || held > ConvTuning.WINOGRAD_WEIGHT_CACHE_BYTES) {
            Entry oldest = null;
            for (Entry e : ENTRIES) {
                if (e != fresh && (oldest == null || e.lastUse < oldest.lastUse)) {
                    oldest = e;
                }
            }
            if (oldest == null) {
                break;
            }
            ENTRIES.remove(oldest);
            held -= oldest.bytes();
        }
    }

    private static final class Entry {
        final WeakReference<float[]> key;
        final int weights;
        /** The tile side, negated for flipped reads. */
        final int variant;

        final int size;
        /** The weights as transformed, or {@code null} for an identity only seen once. */
        final float[] copy;

        final float[] u;
        /** {@link Magnitudes#maxExponent} of the copy (0 without one). */
        final int maxExponent;

        long lastUse;

        Entry(float[] w, int weights, int variant, int size, float[] copy, float[] u, int maxExponent) {
            this.key = new WeakReference<>(w);
            this.weights = weights;
            this.variant = variant;
            this.size = size;
            this.copy = copy;
            this.u = u;
            this.maxExponent = maxExponent;
        }

        boolean matches(float[] w, int weights, int variant, int size) {
            return key.get() == w && this.weights == weights && this.variant == variant && this.size == size;
        }

        long bytes() {
            return copy == null ? 0 : 4L * (copy.length + u.length);
        }
    }
}
