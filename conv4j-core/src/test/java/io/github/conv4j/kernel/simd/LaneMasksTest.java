package io.github.conv4j.kernel.simd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;

/**
 * The lane masks against their definition, lane by lane, for bounds before, inside and past the vector, on every
 * float species: both the table-loaded masks (JDK 17's) and the lane compares (JDK 25's), whichever this JDK uses for
 * {@link LaneMasks#between} and {@link LaneMasks#below}.
 */
class LaneMasksTest {
    @Test
    void betweenSetsExactlyTheLanesFromFromToTo() {
        assumeTrue(Simd.available());
        for (VectorSpecies<Float> s : species()) {
            for (int from = -20; from <= 40; from++) {
                for (int to = -20; to <= 40; to++) {
                    String what = s + " from " + from + " to " + to;
                    assertLanes(LaneMasks.between(s, from, to).toArray(), from, to, what);
                    assertLanes(LaneMasks.fromTables(s, from, to).toArray(), from, to, "tables, " + what);
                }
            }
        }
    }

    @Test
    void belowSetsExactlyTheLanesBeforeTo() {
        assumeTrue(Simd.available());
        for (VectorSpecies<Float> s : species()) {
            for (int to = -20; to <= 40; to++) {
                assertLanes(LaneMasks.below(s, to).toArray(), 0, to, s + " below " + to);
                assertThat(LaneMasks.below(s, to).toLong())
                        .as("%s below %d", s, to)
                        .isEqualTo(s.indexInRange(0, Math.max(0, to)).toLong());
            }
        }
    }

    /**
     * Every float species. Vector API types stay out of fields and signatures: the class must load for discovery in
     * the test run without the module.
     */
    private static List<VectorSpecies<Float>> species() {
        return List.of(
                FloatVector.SPECIES_64, FloatVector.SPECIES_128, FloatVector.SPECIES_256, FloatVector.SPECIES_512);
    }

    private static void assertLanes(boolean[] mask, int from, int to, String what) {
        for (int lane = 0; lane < mask.length; lane++) {
            assertThat(mask[lane]).as("%s, lane %d", what, lane).isEqualTo(lane >= from && lane < to);
        }
    }
}
