package io.github.conv4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.conv4j.tensor.Tensor;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A write either replaces the target completely or leaves it, and its directory, exactly as they were. */
class AtomicWriteTest {
    @TempDir
    Path dir;

    private List<String> listing() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void missingDirectoryLeavesNothingBehind() throws IOException {
        Path target = dir.resolve("missing").resolve("t.npy");

        assertThatThrownBy(() -> Npy.write(target, Tensor.arange(4))).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> Npz.write(target, Map.of("a", Tensor.arange(4))))
                .isInstanceOf(NoSuchFileException.class);
        assertThat(listing()).isEmpty();
    }

    @Test
    void refusingToReplaceKeepsTheOldFile() throws IOException {
        Path target = dir.resolve("t.npy");
        Files.writeString(target, "precious");

        assertThatThrownBy(() -> Npy.write(target, Tensor.arange(4), false))
                .isInstanceOf(FileAlreadyExistsException.class)
                .hasMessageContaining("t.npy");
        assertThatThrownBy(() -> Npz.write(target, Map.of("a", Tensor.arange(4)), false))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThatThrownBy(() -> Npz.writeCompressed(target, Map.of("a", Tensor.arange(4)), false))
                .isInstanceOf(FileAlreadyExistsException.class);

        assertThat(target).hasContent("precious");
        assertThat(listing()).containsExactly("t.npy");
    }

    @Test
    void replacingIsTheDefault() throws IOException {
        Path target = dir.resolve("t.npy");
        Files.writeString(target, "old");

        Npy.write(target, Tensor.arange(4));

        assertThat(Npy.read(target).floatArray()).containsExactly(0, 1, 2, 3);
        assertThat(listing()).containsExactly("t.npy");
    }

    @Test
    void newFileWithoutReplaceIsWritten() throws IOException {
        Path target = dir.resolve("t.npy");

        Npy.write(target, Tensor.arange(4), false);

        assertThat(Npy.read(target).floatArray()).containsExactly(0, 1, 2, 3);
        assertThat(listing()).containsExactly("t.npy");
    }

    @Test
    void failedRenameRemovesTheTempFile() throws IOException {
        // A non-empty directory cannot be replaced by a file: the data is written, then the rename fails.
        Path target = dir.resolve("t.npy");
        Files.createDirectory(target);
        Files.writeString(target.resolve("inside"), "x");

        assertThatThrownBy(() -> Npy.write(target, Tensor.arange(4))).isInstanceOf(IOException.class);

        assertThat(listing()).containsExactly("t.npy");
        assertThat(target.resolve("inside")).hasContent("x");
    }

    @Test
    void failureWhileWritingRemovesTheTempFile() throws IOException {
        Path target = dir.resolve("t.npz");
        Files.writeString(target, "old");
        Map<String, Tensor> arrays = new LinkedHashMap<>();
        arrays.put("ok", Tensor.arange(4));
        arrays.put("rank", Tensor.zeros(new int[400_000])); // header too large to write, found mid-archive

        assertThatThrownBy(() -> Npz.write(target, arrays))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("400000 dimensions");

        assertThat(target).hasContent("old");
        assertThat(listing()).containsExactly("t.npz");
    }

    @Test
    void badArrayNameIsRejectedBeforeAnythingIsWritten() throws IOException {
        Path target = dir.resolve("t.npz");
        Map<String, Tensor> arrays = new LinkedHashMap<>();
        arrays.put("ok", Tensor.arange(4));
        arrays.put("", Tensor.arange(4));

        assertThatThrownBy(() -> Npz.write(target, arrays))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(target + ": array names must be non-empty and free of NUL characters, got ''");
        assertThat(listing()).isEmpty();
    }

    @Test
    void writtenFilesGetTheUsualPermissionsNotThoseOfATempFile() throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Path reference = Files.createFile(dir.resolve("reference"));
        Path target = dir.resolve("t.npy");

        Npy.write(target, Tensor.arange(4));

        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(reference);
        assertThat(Files.getPosixFilePermissions(target)).isEqualTo(expected);
    }
}
