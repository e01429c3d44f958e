package io.github.conv4j.kernel.simd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Runs in both surefire executions: with the incubator module (vector paths) and without it (scalar fallback). */
class SimdTest {
    @Test
    void followsTheModuleAndTheSwitch() {
        boolean present = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        boolean disabled = "false".equalsIgnoreCase(System.getProperty("conv4j.simd"));
        assertThat(Simd.available()).isEqualTo(present && !disabled);
    }
}
