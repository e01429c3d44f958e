package io.github.conv4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RfCommandTest {
    /** The table row of layer {@code index}, split into its columns. */
    private static List<String> row(CliRun run, int index) {
        return run.out()
                .lines()
                // Columns are at least two spaces apart; a start like "(0, 3)" holds a single one.
                .map(l -> List.of(l.trim().split("\\s{2,}")))
                .filter(cols -> cols.get(0).equals(String.valueOf(index)))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void twoStackedTwoByTwoConvolutionsSeeThreePixels() {
        CliRun run = CliRun.of("rf", "--input", "3", "conv2", "conv2", "--pixel", "0,0");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(row(run, 1)).containsExactly("1", "conv2", "2", "2", "1", "0.5");
        assertThat(row(run, 2)).containsExactly("2", "conv2", "1", "3", "1", "1");
        assertThat(run.out()).contains("output pixel (0, 0) sees input rows 0..2, columns 0..2");
    }

    @Test
    void alexNetReachesTheTextbook195() {
        // By hand: rf += (k-1)*jump, jump *= s, start += ((k-1)/2 - p)*jump.
        CliRun run = CliRun.of(
                "rf",
                "--input",
                "227",
                "conv11s4",
                "pool3s2",
                "conv5p2",
                "pool3s2",
                "conv3p1",
                "conv3p1",
                "conv3p1",
                "pool3s2");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(row(run, 1)).containsExactly("1", "conv11s4", "55", "11", "4", "5");
        assertThat(row(run, 2)).containsExactly("2", "pool3s2", "27", "19", "8", "9");
        assertThat(row(run, 3)).containsExactly("3", "conv5p2", "27", "51", "8", "9");
        assertThat(row(run, 4)).containsExactly("4", "pool3s2", "13", "67", "16", "17");
        assertThat(row(run, 7)).containsExactly("7", "conv3p1", "13", "163", "16", "17");
        assertThat(row(run, 8)).containsExactly("8", "pool3s2", "6", "195", "32", "33");
    }

    @Test
    void resNetStemAndNonSquareLayers() {
        CliRun run = CliRun.of(
                "rf", "--input", "224", "conv7s2p3", "pool3s2p1", "conv3x3", "conv3x3s2", "pool2", "--pixel", "0,0");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(row(run, 1)).containsExactly("1", "conv7s2p3", "112", "7", "2", "0");
        assertThat(row(run, 2)).containsExactly("2", "pool3s2p1", "56", "11", "4", "0");
        assertThat(row(run, 5)).containsExactly("5", "pool2", "13", "35", "16", "12");
        assertThat(run.out()).contains("rows -5..29, columns -5..29 (inside the image: rows 0..29, columns 0..29)");

        CliRun wide = CliRun.of("rf", "--input", "32x48", "conv1x7", "conv3d2");
        assertThat(wide.code()).as(wide.err()).isZero();
        assertThat(row(wide, 1)).containsExactly("1", "conv1x7", "32x42", "1x7", "1", "(0, 3)");
        assertThat(row(wide, 2)).containsExactly("2", "conv3d2", "28x38", "5x11", "1", "(2, 5)");
    }

    @Test
    void badLayersAndSizesAreUsageErrors() {
        for (String[] args : new String[][] {
            {"rf", "convx3"},
            {"rf", "conv3", "relu"},
            {"rf", "conv0"},
            {"rf", "conv3s0"},
            {"rf", "pool3p2"},
            {"rf", "conv99999999"},
            {"rf", "--input", "4", "conv7"},
            {"rf", "--input", "0", "conv3"},
            {"rf", "--input", "8", "conv3", "--pixel", "6,0"},
            {"rf"}
        }) {
            CliRun run = CliRun.of(args);
            assertThat(run.code()).as(String.join(" ", args) + ": " + run.err()).isEqualTo(2);
            assertThat(run.oneErrorLine()).as(run.err()).isTrue();
        }
        assertThat(CliRun.of("rf", "convx3").err()).contains("bad layer 'convx3'", "conv<k>[x<k>]");
    }
}
