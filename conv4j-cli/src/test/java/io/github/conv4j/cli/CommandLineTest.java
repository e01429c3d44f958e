package io.github.conv4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandLineTest {
    @Test
    void infoReportsVersionsSimdAndThreads() {
        CliRun run = CliRun.of("info", "--threads", "3");
        assertThat(run.code()).isZero();
        assertThat(run.out())
                .contains("conv4j ")
                .contains("java        " + System.getProperty("java.version"))
                .contains("processors  " + Runtime.getRuntime().availableProcessors())
                .contains("threads     3");
        // Surefire adds the incubator module, so the SIMD width is known here.
        assertThat(run.out()).contains("SIMD width");
    }

    @Test
    void globalOptionsWorkBeforeAndAfterTheSubcommand() {
        assertThat(CliRun.of("--threads", "2", "info").out()).contains("threads     2");
        assertThat(CliRun.of("info", "--threads", "5").out()).contains("threads     5");
    }

    @Test
    void versionAndHelp() {
        CliRun version = CliRun.of("--version");
        assertThat(version.code()).isZero();
        assertThat(version.out()).startsWith("conv4j ");
        for (String sub : new String[] {"demo", "info", "filter", "edges"}) {
            CliRun help = CliRun.of(sub, "--help");
            assertThat(help.code()).as(sub).isZero();
            assertThat(help.out()).as(sub).contains("Usage: conv4j " + sub).contains("Examples:");
        }
        assertThat(CliRun.of("--help").out())
                .contains("demo")
                .contains("filter")
                .contains("--force");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "--bogus",
                "demo --bogus",
                "info --threads 0",
                "info --threads many",
                "nosuchcommand",
                "",
                "edges",
                "filter in.png -o out.png",
                "filter in.png --kernel sobel-x",
                "filter in.png --kernel nope -o out.png",
                "filter in.png --kernel edge --padding 1,2,3 -o out.png",
                "filter in.png --kernel edge --padding-mode wobble -o out.png",
                "filter in.png --kernel edge --normalize log -o out.png",
                "filter in.png --kernel edge --correlate --convolve -o out.png",
                "filter in.png --kernel edge -o out.jpg",
                "filter in.png --kernel edge --bit-depth 12 -o out.png",
                "edges in.png --operator canny -o out.png"
            })
    void badUsageIsExitTwoWithOneLine(String line) {
        String[] args = line.isEmpty() ? new String[0] : line.split(" ");
        CliRun run = CliRun.of(args);
        assertThat(run.code()).as(line).isEqualTo(2);
        assertThat(run.oneErrorLine()).as(line + " -> " + run.err()).isTrue();
        assertThat(run.out()).as(line).isEmpty();
    }

    @Test
    void verboseAddsTheStackTrace() {
        CliRun run = CliRun.of("--verbose", "filter", "in.png", "--kernel", "nope", "-o", "x.png");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("at picocli.").contains("conv4j: error: kernel: unknown kernel 'nope'");
    }
}
