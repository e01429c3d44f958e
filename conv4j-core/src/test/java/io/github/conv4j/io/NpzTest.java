package io.github.conv4j.io;

import static io.github.conv4j.io.NpyTestSupport.dict;
import static io.github.conv4j.io.NpyTestSupport.npy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.conv4j.tensor.DType;
import io.github.conv4j.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code .npz} archives: round trips, NumPy's own archives, and the archive-level checks. */
class NpzTest {
    @TempDir
    Path dir;

    private static Map<String, Tensor> sample() {
        Map<String, Tensor> arrays = new LinkedHashMap<>();
        arrays.put("weight", Tensor.randn(1, 4, 3, 3, 3));
        arrays.put("bias", Tensor.arange(4).to(DType.FLOAT64));
        arrays.put("scalar", Tensor.scalar(-1.5));
        arrays.put("empty", Tensor.zeros(0, 5));
        arrays.put("nested/name with spaces", Tensor.ones(2));
        return arrays;
    }

    private static void assertSameArrays(Map<String, Tensor> actual, Map<String, Tensor> expected) {
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        expected.forEach((k, v) -> {
            assertThat(actual.get(k).shape()).as(k).containsExactly(v.shape());
            assertThat(actual.get(k).dtype()).as(k).isEqualTo(v.dtype());
            assertThat(actual.get(k).contentEquals(v)).as(k).isTrue();
        });
    }

    /** Reads keeping float64 where it was written, to compare exactly. */
    private static Map<String, Tensor> readKeepingTypes(Path file) throws IOException {
        Map<String, Tensor> f32 = Npz.read(file);
        Map<String, Tensor> f64 = Npz.read(file, DType.FLOAT64);
        Map<String, Tensor> out = new LinkedHashMap<>();
        f32.forEach((k, v) -> out.put(k, k.equals("bias") ? f64.get(k) : v));
        return out;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void roundTripsInOrder(boolean compressed) throws IOException {
        Path file = dir.resolve("a.npz");
        if (compressed) {
            Npz.writeCompressed(file, sample());
        } else {
            Npz.write(file, sample());
        }

        assertSameArrays(readKeepingTypes(file), sample());
        try (ZipFile zip = new ZipFile(file.toFile())) {
            List<String> names = zip.stream().map(ZipEntry::getName).toList();
            assertThat(names)
                    .containsExactly(
                            "weight.npy", "bias.npy", "scalar.npy", "empty.npy", "nested/name with spaces.npy");
            assertThat(zip.stream().mapToInt(ZipEntry::getMethod).distinct().toArray())
                    .containsExactly(compressed ? ZipEntry.DEFLATED : ZipEntry.STORED);
        }
    }

    @Test
    void entriesAreTheBytesNpyWrites() throws IOException {
        Path file = dir.resolve("a.npz");
        Npz.write(file, sample());

        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (Map.Entry<String, Tensor> e : sample().entrySet()) {
                ByteArrayOutputStream npy = new ByteArrayOutputStream();
                Npy.write(npy, e.getValue());
                try (var in = zip.getInputStream(zip.getEntry(e.getKey() + ".npy"))) {
                    assertThat(in.readAllBytes()).isEqualTo(npy.toByteArray());
                }
            }
        }
    }

    @Test
    void outputIsReproducible() throws IOException {
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        Npz.writeCompressed(first, sample());
        Npz.writeCompressed(second, sample());

        assertThat(first.toByteArray()).isEqualTo(second.toByteArray());
    }

    @Test
    void streamIsFlushedButNotClosed() throws IOException {
        boolean[] closed = {false};
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        OutputStream out = new OutputStream() {
            @Override
            public void write(int b) {
                bytes.write(b);
            }

            @Override
            public void close() {
                closed[0] = true;
            }
        };
        Npz.write(out, sample());

        assertThat(closed[0]).isFalse();
        Path file = dir.resolve("s.npz");
        Files.write(file, bytes.toByteArray());
        assertSameArrays(readKeepingTypes(file), sample());
    }

    @Test
    void emptyArchiveRoundTrips() throws IOException {
        Path file = dir.resolve("empty.npz");
        Npz.write(file, Map.of());

        assertThat(Npz.read(file)).isEmpty();
    }

    @Test
    void seededRandomArchivesRoundTrip() throws IOException {
        SplittableRandom random = new SplittableRandom(7);
        for (int round = 0; round < 10; round++) {
            Map<String, Tensor> arrays = new LinkedHashMap<>();
            int count = random.nextInt(5);
            for (int i = 0; i < count; i++) {
                int[] shape = random.ints(random.nextInt(4), 0, 5).toArray();
                Tensor t = Tensor.randn(random.nextLong(), shape);
                arrays.put("a" + i, random.nextBoolean() ? t : t.to(DType.FLOAT64));
            }
            Path file = dir.resolve("r" + round + ".npz");
            boolean compressed = random.nextBoolean();
            if (compressed) {
                Npz.writeCompressed(file, arrays);
            } else {
                Npz.write(file, arrays);
            }

            Map<String, Tensor> back = Npz.read(file, DType.FLOAT64);
            assertThat(back.keySet()).containsExactlyElementsOf(arrays.keySet());
            arrays.forEach((k, v) -> assertThat(back.get(k).contentEquals(v.to(DType.FLOAT64)))
                    .as(k)
                    .isTrue());
        }
    }

    // ---------------------------------------------------------------- malformed archives

    private AbstractThrowableAssert<?, ? extends Throwable> assertRejected(Path file) {
        return assertThatThrownBy(() -> Npz.read(file))
                .isInstanceOf(NpyFormatException.class)
                .hasMessageStartingWith(file.toString());
    }

    private Path zip(String name, boolean deflate, Map<String, byte[]> entries) throws IOException {
        Path file = dir.resolve(name);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                if (!deflate) {
                    CRC32 crc = new CRC32();
                    crc.update(e.getValue());
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(e.getValue().length);
                    entry.setCrc(crc.getValue());
                }
                zip.putNextEntry(entry);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return file;
    }

    @Test
    void duplicateEntries() {
        Path file = NpyTestSupport.resource("npz_duplicate.npz");
        assertRejected(file).hasMessage(file + ": the entry 'a.npy' appears more than once");
    }

    @Test
    void nonArrayEntries() {
        Path file = NpyTestSupport.resource("npz_extra_entry.npz");
        assertRejected(file)
                .hasMessage(file + ": the entry 'README.txt' is not a .npy file; an .npz archive holds only arrays");
    }

    @Test
    void notAZipFile() throws IOException {
        Path file = dir.resolve("x.npz");
        Files.write(file, Files.readAllBytes(NpyTestSupport.resource("f4_le.npy")));
        assertRejected(file).hasMessageContaining(": not a valid zip archive");
    }

    @Test
    void tooManyEntries() throws IOException {
        Map<String, Tensor> arrays = new LinkedHashMap<>();
        for (int i = 0; i < 3; i++) {
            arrays.put("a" + i, Tensor.arange(2));
        }
        Path file = dir.resolve("many.npz");
        Npz.write(file, arrays);

        assertThat(Npz.read(file, DType.FLOAT32, Npz.DEFAULT_MAX_TOTAL_BYTES, 3))
                .hasSize(3);
        assertThatThrownBy(() -> Npz.read(file, DType.FLOAT32, Npz.DEFAULT_MAX_TOTAL_BYTES, 2))
                .isInstanceOf(NpyFormatException.class)
                .hasMessage(file + ": the archive has more than 2 entries");
    }

    @Test
    void zipBombIsRefusedBeforeInflating() throws IOException {
        // 64 MiB of zeros deflates to about 64 KiB.
        Path file = dir.resolve("bomb.npz");
        Npz.writeCompressed(file, Map.of("zeros", Tensor.zeros(4096, 4096)));
        assertThat(Files.size(file)).isLessThan(1 << 20);

        long allocated = NpyTestSupport.allocatedBytes(() -> Npz.read(file, DType.FLOAT32, 1 << 20));

        assertThatThrownBy(() -> Npz.read(file, DType.FLOAT32, 1 << 20))
                .isInstanceOf(NpyFormatException.class)
                .hasMessage(file + ": the entries declare more than 1048576 bytes of arrays in total (a zip bomb?);"
                        + " pass a larger maxTotalBytes if the archive is trusted");
        assertThat(allocated).isLessThan(4 << 20);
        assertThat(Npz.read(file).get("zeros").shape()).containsExactly(4096, 4096);
    }

    @Test
    void entryShapeLargerThanEntryIsRejectedWithoutAllocating() throws IOException {
        byte[] lie = npy(1, dict("<f8", false, "(100000, 100000)"), new byte[16]);
        Path file = zip("lie.npz", true, Map.of("w.npy", lie));

        long allocated = NpyTestSupport.allocatedBytes(() -> Npz.read(file));

        assertRejected(file)
                .hasMessage(file + ", entry 'w.npy': declared shape (100000, 100000) of float64 needs 80000000000 bytes"
                        + " but the entry has 16 bytes after the header");
        assertThat(allocated).isLessThan(1 << 20);
    }

    @Test
    void malformedEntryNamesTheEntry() throws IOException {
        byte[] object = npy(1, dict("|O", false, "(2,)"), new byte[16]);
        Path file = zip("obj.npz", false, Map.of("w.npy", object));

        assertRejected(file).hasMessageStartingWith(file + ", entry 'w.npy': unsupported dtype descr '|O'");
    }

    @Test
    void corruptStoredDataFailsTheCrcCheck() throws IOException {
        Path file = dir.resolve("crc.npz");
        Npz.write(file, Map.of("w", Tensor.arange(64)));
        byte[] bytes = Files.readAllBytes(file);
        bytes[200] ^= 1; // inside the array's data: the entry header and .npy header take about 170 bytes
        Files.write(file, bytes);

        assertRejected(file).hasMessageContaining(", entry 'w.npy': CRC mismatch");
    }

    @Test
    void corruptDeflatedData() throws IOException {
        Path file = dir.resolve("inflate.npz");
        Npz.writeCompressed(file, Map.of("w", Tensor.randn(3, 64, 64)));
        byte[] bytes = Files.readAllBytes(file);
        for (int i = 200; i < 260; i++) {
            bytes[i] = (byte) 0xFF;
        }
        Files.write(file, bytes);

        assertRejected(file).hasMessageContaining(", entry 'w.npy': ");
    }

    @Test
    void nullArrayIsRejected() {
        Map<String, Tensor> arrays = new LinkedHashMap<>();
        arrays.put("w", null);
        assertThatThrownBy(() -> Npz.write(new ByteArrayOutputStream(), arrays))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("output stream: the array 'w' is null");
    }

    @Test
    void nameWithNulIsRejected() {
        assertThatThrownBy(() -> Npz.write(new ByteArrayOutputStream(), Map.of("a\0b", Tensor.arange(1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 'a\\0b'");
    }
}
