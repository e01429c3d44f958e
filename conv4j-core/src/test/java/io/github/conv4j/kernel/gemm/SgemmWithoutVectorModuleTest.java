package io.github.conv4j.kernel.gemm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import org.junit.jupiter.api.Test;

/**
 * Runs in a JVM started without {@code --add-modules=jdk.incubator.vector} (the {@code no-vector-module} Surefire
 * execution in this module's pom): Sgemm must pick the scalar kernel and never load a Vector API class, which would
 * fail with NoClassDefFoundError here. In the normal test run the module is present and this class is skipped.
 */
class SgemmWithoutVectorModuleTest {
    @Test
    void fallsBackToTheScalarKernelAndStaysCorrect() {
        assumeFalse(GemmKernels.vectorModulePresent(), "needs a JVM without jdk.incubator.vector");
        assertThat(Sgemm.kernelName()).isEqualTo("scalar 4x4");
        for (GemmCase cs : new GemmCase[] {
            new GemmCase(false, true, 67, 45, 300, 1.5f, 0f, 1, 2, 3, 4, 5, 6, 1),
            new GemmCase(true, false, 300, 129, 31, -1f, 0.5f, 0, 0, 0, 3, 0, 0, 2)
        }) {
            GemmCase.Data d = cs.data();
            float[] c = d.c().clone();
            cs.runSgemm(d, c);
            cs.assertMatchesReference(d, c);
        }
        assertThatThrownBy(() -> GemmKernels.create("4x2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--add-modules=jdk.incubator.vector");
    }
}
