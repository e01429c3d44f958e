package io.github.conv4j.cli;

import jdk.incubator.vector.FloatVector;

/**
 * The only class of the CLI that links against {@code jdk.incubator.vector}, kept apart so that the JVM loads it
 * (and needs the module) only when {@link InfoCommand} has checked that the module is present.
 */
final class SimdWidth {
    private SimdWidth() {}

    static int preferredFloatLanes() {
        return FloatVector.SPECIES_PREFERRED.length();
    }
}
