package io.github.conv4j.kernel.simd;

import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Masks of a run of lanes, for the loads and stores at the ends of rows. {@code species.indexInRange(offset, limit)}
 * with a negative offset (a row's left padding) runs in Java on JDK 17 and 25, allocating: measured 12 ns a mask
 * against 1–2 ns with a non-negative offset, which the JIT compiles to a compare of lane numbers. Loaded only when
 * {@link Simd#available()}.
 *
 * <p>On JDK 17 even that compare is slow in a loop: it converts the limit to a float (its lane numbers are floats),
 * and the conversion instruction keeps the upper bits of a register the loop's last permute wrote, so each mask waits
 * for the previous iteration's result and the iterations run one after another. There the masks are loaded from two
 * tables of booleans instead ({@link #fromTables}): the stride-2 depthwise layer 64×112×112 took 0.30 against 0.43 ms.
 * On JDK 25, whose lane compare is an intrinsic, the tables were the slower (0.22 against 0.18 ms).
 *
 * <p>Example: {@code LaneMasks.between(S, 1, 14)} sets lanes 1 to 13.
 */
public final class LaneMasks {
    /**
     * Whether masks come from the tables: on JDK 17, where they measured faster; releases up to 24 were not measured and
     * take the tables too, which need nothing from the JIT but a mask load.
     */
    private static final boolean TABLES = Runtime.version().feature() < 25;

    /** The widest species the tables serve, in lanes (2048-bit vectors of floats). */
    private static final int MAX_LANES = 64;

    /** {@code MAX_LANES} false then {@code MAX_LANES} true: read from {@code MAX_LANES − from}, lanes {@code ≥ from}. */
    private static final boolean[] FROM = new boolean[2 * MAX_LANES];

    /** {@code MAX_LANES} true then {@code MAX_LANES} false: read from {@code MAX_LANES − to}, lanes {@code < to}. */
    private static final boolean[] BELOW = new boolean[2 * MAX_LANES];

    static {
        for (int i = 0; i < MAX_LANES; i++) {
            FROM[MAX_LANES + i] = true;
            BELOW[i] = true;
        }
    }

    private LaneMasks() {}

    /**
     * The lanes {@code l} with {@code from <= l < to}, the same mask as {@code species.indexInRange(-from, to - from)}.
     *
     * @param species the vector species
     * @param from the first lane set (clamped to 0)
     * @param to one past the last lane set (clamped to 0)
     * @return the mask
     */
    public static VectorMask<Float> between(VectorSpecies<Float> species, int from, int to) {
        if (TABLES) {
            return fromTables(species, from, to);
        }
        return species.indexInRange(0, Math.max(0, to)).andNot(species.indexInRange(0, Math.max(0, from)));
    }

    /**
     * The lanes {@code l < to}, the same mask as {@code species.indexInRange(0, to)}; none for {@code to <= 0}.
     *
     * @param species the vector species
     * @param to one past the last lane set
     * @return the mask
     */
    public static VectorMask<Float> below(VectorSpecies<Float> species, int to) {
        if (TABLES) {
            return VectorMask.fromArray(species, BELOW, MAX_LANES - clamp(species, to));
        }
        return species.indexInRange(0, Math.max(0, to));
    }

    /** {@link #between} from the tables, on any JDK (tests compare both ways). */
    static VectorMask<Float> fromTables(VectorSpecies<Float> species, int from, int to) {
        return VectorMask.fromArray(species, FROM, MAX_LANES - clamp(species, from))
                .and(VectorMask.fromArray(species, BELOW, MAX_LANES - clamp(species, to)));
    }

    private static int clamp(VectorSpecies<Float> species, int lane) {
        return Math.max(0, Math.min(species.length(), lane));
    }
}
