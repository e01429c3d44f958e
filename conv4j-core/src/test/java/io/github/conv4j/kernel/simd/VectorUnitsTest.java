package io.github.conv4j.kernel.simd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@link VectorUnits}'s reading of {@code /proc/cpuinfo}: the vendor, family and {@code avx512f} flag of the first
 * processor decide, and anything else (other vendors, older families, missing or malformed fields) answers no.
 */
class VectorUnitsTest {
    private static String cpu(String vendor, String family, String flags) {
        return "processor\t: 0\nvendor_id\t: " + vendor + "\ncpu family\t: " + family + "\nmodel\t\t: 2\n"
                + "model name\t: AMD EPYC\nflags\t\t: " + flags + "\n\nprocessor\t: 1\nvendor_id\t: GenuineIntel\n"
                + "cpu family\t: 6\nflags\t\t: fpu\n";
    }

    @Test
    void zen5WithAvx512RunsFullWidth() {
        assertThat(VectorUnits.fullWidth512(cpu("AuthenticAMD", "26", "fpu avx2 avx512f avx512bw")))
                .isTrue();
        assertThat(VectorUnits.fullWidth512(cpu("AuthenticAMD", "27", "avx512f")))
                .isTrue();
    }

    @Test
    void zen4OtherVendorsAndMissingAvx512DoNot() {
        assertThat(VectorUnits.fullWidth512(cpu("AuthenticAMD", "25", "fpu avx2 avx512f")))
                .as("Zen 4")
                .isFalse();
        assertThat(VectorUnits.fullWidth512(cpu("GenuineIntel", "26", "avx512f")))
                .as("Intel")
                .isFalse();
        assertThat(VectorUnits.fullWidth512(cpu("AuthenticAMD", "26", "fpu avx2 avx512fx")))
                .as("a flag that only starts with avx512f")
                .isFalse();
        assertThat(VectorUnits.fullWidth512(cpu("AuthenticAMD", "twenty-six", "avx512f")))
                .as("malformed family")
                .isFalse();
        assertThat(VectorUnits.fullWidth512("")).as("empty").isFalse();
        assertThat(VectorUnits.fullWidth512("garbage without colons\n\n")).isFalse();
    }

    @Test
    void onlyTheFirstProcessorCounts() {
        String intelFirst = "vendor_id\t: GenuineIntel\ncpu family\t: 6\nflags\t: avx512f\n\n"
                + "vendor_id\t: AuthenticAMD\ncpu family\t: 26\nflags\t: avx512f\n";
        assertThat(VectorUnits.fullWidth512(intelFirst)).isFalse();
    }

    @Test
    void thisMachineIsReadFromItsCpuinfo() throws IOException {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        boolean expected = Files.isReadable(cpuinfo) && VectorUnits.fullWidth512(Files.readString(cpuinfo));
        assertThat(VectorUnits.fullWidth512()).isEqualTo(expected);
    }
}
