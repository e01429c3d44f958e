package io.github.conv4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code conv4j bench}: table and JSON output, forced algorithms, and bad workloads. */
class BenchCommandTest {
    @Test
    void printsOneJsonObjectPerWorkload() {
        CliRun run = CliRun.of(
                "bench",
                "--samples",
                "2",
                "--warmup-ms",
                "0",
                "--json",
                "conv:n1c4h8w8o4k3p1",
                "conv-bwd:n1c4h8w8o4k3p1",
                "maxpool:n1c2h8w8k2",
                "filter:h16w16:sobel",
                "filter-into:h16w16:k5");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out().lines())
                .hasSize(5)
                .allMatch(l -> l.startsWith("{\"workload\": \"") && l.contains("\"median_ms\": "));
        assertThat(run.out()).contains("\"workload\": \"maxpool:n1c2h8w8k2\"", "\"gflops\": null");
    }

    @Test
    void forcedAlgorithmRunsOrSaysWhyNot() {
        CliRun table = CliRun.of(
                "bench", "--samples", "1", "--warmup-ms", "0", "--algorithm", "WINOGRAD", "conv:n2c16h12w12o16k3p1");
        assertThat(table.code()).as(table.err()).isZero();
        assertThat(table.out()).contains("median ms", "conv:n2c16h12w12o16k3p1");

        CliRun refused = CliRun.of(
                "bench", "--samples", "1", "--warmup-ms", "0", "--algorithm", "WINOGRAD", "conv:n1c4h9w9o4k3s2");
        assertThat(refused.code()).isNotZero();
        assertThat(refused.oneErrorLine()).as(refused.err()).isTrue();
        assertThat(refused.err()).contains("algorithm WINOGRAD cannot compute n1c4h9w9o4k3s2");
    }

    @Test
    void badWorkloadsAndOptionsAreUsageErrors() {
        for (String[] args : new String[][] {
            {"bench", "conv-fwd:n1c4h8w8o4k3"},
            {"bench", "nothing"},
            {"bench", "--samples", "0", "conv:n1c4h8w8o4k3"},
            {"bench", "--algorithm", "FASTEST", "conv:n1c4h8w8o4k3"},
            {"bench", "filter:h16w16:k0x"},
            {"bench", "filter-into:h16w16"}
        }) {
            CliRun run = CliRun.of(args);
            assertThat(run.code()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(run.oneErrorLine()).as(run.err()).isTrue();
        }
    }
}
