package io.github.conv4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.github.conv4j.tensor.Tensor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded random corruption of valid files: whatever the bytes, the readers return a tensor or throw
 * {@link NpyFormatException}, never another exception and never an out-of-memory error.
 */
class NpyFuzzTest {
    private static final List<String> NPY_SEEDS =
            List.of("f4_le.npy", "i8_be.npy", "b1.npy", "fortran_f4.npy", "scalar_f8.npy", "empty_i8.npy", "v3_f4.npy");
    private static final byte[] HEADER_ALPHABET =
            "{}()[]',:\" 0123456789-LTrueFalseNone<>|=fiubOVS\n\\_".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    private static byte[] mutate(byte[] original, SplittableRandom random) {
        byte[] b = original.clone();
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            switch (random.nextInt(5)) {
                case 0 -> b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                case 1 -> {
                    // Most of the interesting structure is in the first 128 bytes: magic, length, header text.
                    int at = random.nextInt(Math.min(b.length, 128));
                    b[at] = HEADER_ALPHABET[random.nextInt(HEADER_ALPHABET.length)];
                }
                case 2 -> b = Arrays.copyOf(b, random.nextInt(b.length + 1));
                case 3 -> {
                    byte[] longer = Arrays.copyOf(b, b.length + 1 + random.nextInt(16));
                    for (int i = b.length; i < longer.length; i++) {
                        longer[i] = (byte) random.nextInt(256);
                    }
                    b = longer;
                }
                default -> {
                    // Lengths and sizes live in these bytes; large values probe the allocation guards.
                    int at = 8 + random.nextInt(4);
                    if (at < b.length) {
                        b[at] = (byte) 0xFF;
                    }
                }
            }
            if (b.length == 0) {
                break;
            }
        }
        return b;
    }

    @Test
    void corruptNpyIsReadOrRejectedCleanly() throws IOException {
        SplittableRandom random = new SplittableRandom(0xC0FFEE);
        Path file = dir.resolve("fuzz.npy");
        int accepted = 0;
        for (int round = 0; round < 3000; round++) {
            String seed = NPY_SEEDS.get(random.nextInt(NPY_SEEDS.size()));
            byte[] bytes = mutate(Files.readAllBytes(NpyTestSupport.resource(seed)), random);
            boolean viaFile = round % 4 == 0;
            if (viaFile) {
                Files.write(file, bytes);
            }
            try {
                Tensor t = viaFile ? Npy.read(file) : Npy.read(new ByteArrayInputStream(bytes));
                assertThat(t.numel()).isLessThanOrEqualTo(bytes.length);
                accepted++;
            } catch (NpyFormatException expected) {
                assertThat(expected.getMessage()).startsWith(viaFile ? file + ": " : "input stream: ");
            } catch (RuntimeException | Error | IOException e) {
                fail("round " + round + " (" + seed + "): unexpected " + e, e);
            }
        }
        assertThat(accepted).as("some mutations keep the file valid").isPositive();
    }

    @Test
    void corruptNpzIsReadOrRejectedCleanly() throws IOException {
        Path source = dir.resolve("seed.npz");
        Npz.writeCompressed(source, Map.of("w", Tensor.randn(1, 3, 4), "s", Tensor.scalar(1)));
        byte[] stored = Files.readAllBytes(NpyTestSupport.resource("savez.npz"));
        byte[] deflated = Files.readAllBytes(source);
        SplittableRandom random = new SplittableRandom(0xBEEF);
        Path file = dir.resolve("fuzz.npz");
        for (int round = 0; round < 600; round++) {
            byte[] original = random.nextBoolean() ? stored : deflated;
            byte[] bytes = original.clone();
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits; e++) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }
            if (random.nextInt(8) == 0) {
                bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length));
            }
            Files.write(file, bytes);
            try {
                Npz.read(file);
            } catch (NpyFormatException expected) {
                assertThat(expected.getMessage()).startsWith(file.toString());
            } catch (RuntimeException | Error | IOException e) {
                fail("round " + round + ": unexpected " + e, e);
            }
        }
    }
}
