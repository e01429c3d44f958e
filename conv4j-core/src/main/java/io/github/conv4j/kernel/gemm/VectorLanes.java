package io.github.conv4j.kernel.gemm;

import java.util.function.IntSupplier;
import jdk.incubator.vector.FloatVector;

/**
 * Reports how many floats the preferred vector species holds (8 with AVX2, 16 with AVX-512), so the tuning can pick a
 * register block per vector width. Loaded reflectively, like the kernels, only when the module is present.
 */
final class VectorLanes implements IntSupplier {
    @Override
    public int getAsInt() {
        return FloatVector.SPECIES_PREFERRED.length();
    }
}
