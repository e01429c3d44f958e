package io.github.conv4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicOutputTest {
    @TempDir
    Path dir;

    @Test
    void writesAndRefusesToOverwriteWithoutPermission() throws IOException {
        Path target = dir.resolve("a.txt");
        AtomicOutput.write(target, false, out -> out.write("one".getBytes(StandardCharsets.UTF_8)));
        assertThat(target).hasContent("one");
        assertThatThrownBy(() -> AtomicOutput.write(target, false, out -> out.write(1)))
                .isInstanceOf(CliException.class)
                .hasMessageContaining("output exists");
        assertThat(target).hasContent("one");
        AtomicOutput.write(target, true, out -> out.write("two".getBytes(StandardCharsets.UTF_8)));
        assertThat(target).hasContent("two");
        assertThat(Files.getPosixFilePermissions(target)).hasSize(4);
    }

    @Test
    void aFailingWriterLeavesNothingBehind() throws IOException {
        Path target = dir.resolve("b.png");
        assertThatThrownBy(() -> AtomicOutput.write(target, false, out -> {
                    out.write(new byte[1000]);
                    throw new IOException("disk full");
                }))
                .isInstanceOf(CliException.class)
                .hasMessageContaining("disk full");
        assertThatThrownBy(() -> AtomicOutput.write(target, false, out -> {
                    out.write(1);
                    throw new IllegalArgumentException("bad tensor");
                }))
                .isInstanceOf(IllegalArgumentException.class);
        Files.writeString(target, "old");
        assertThatThrownBy(() -> AtomicOutput.write(target, true, out -> {
                    throw new IOException("boom");
                }))
                .isInstanceOf(CliException.class);
        assertThat(target).hasContent("old");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }
}
