package io.github.conv4j.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.conv4j.tensor.DType;
import io.github.conv4j.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the writer producing files NumPy has been shown to read.
 *
 * <p>The files in {@code src/test/resources/npy/java/} were written by this class and then loaded with
 * {@code /usr/bin/python3 tools/npy-fixtures.py --check}, which compares every array with the values NumPy computes
 * for them (see {@code tools/README.md} for the recorded run). This test checks that the writer still produces
 * exactly those bytes, so the NumPy check stays valid without Python. The deflated archive is compared by content,
 * because zlib builds may choose different (equally valid) encodings.
 *
 * <p>To regenerate after an intended format change: {@code mvn -o test -Dtest=JavaWrittenFilesTest
 * -Dconv4j.npy.writeTo=$PWD/conv4j-core/src/test/resources/npy/java}, then run the NumPy check again.
 */
class JavaWrittenFilesTest {
    private static final List<String> BYTE_EXACT =
            List.of("java-f4.npy", "java-f8.npy", "java-scalar.npy", "java-empty.npy", "java-stored.npz");

    @TempDir
    Path temp;

    /** The arrays of {@code java_expected()} in {@code tools/npy-fixtures.py}. */
    static Tensor f4() {
        return Tensor.arange(24).reshape(2, 3, 4).div(4).sub(3);
    }

    static Tensor f8() {
        double[] d = new double[6];
        for (int i = 0; i < d.length; i++) {
            d[i] = i / 3.0;
        }
        return Tensor.wrap(d, 2, 3);
    }

    static Map<String, Tensor> archive() {
        Map<String, Tensor> arrays = new LinkedHashMap<>();
        arrays.put("w", f4());
        arrays.put("b", f8());
        arrays.put("s", Tensor.scalar(2.5));
        return arrays;
    }

    static void writeAll(Path dir) throws IOException {
        Npy.write(dir.resolve("java-f4.npy"), f4());
        Npy.write(dir.resolve("java-f8.npy"), f8());
        Npy.write(dir.resolve("java-scalar.npy"), Tensor.scalar(2.5));
        Npy.write(dir.resolve("java-empty.npy"), Tensor.zeros(0, 3));
        Npz.write(dir.resolve("java-stored.npz"), archive());
        Npz.writeCompressed(dir.resolve("java-deflated.npz"), archive());
    }

    @Test
    void writerStillProducesTheFilesNumpyRead() throws IOException {
        String regenerate = System.getProperty("conv4j.npy.writeTo");
        if (regenerate != null) {
            writeAll(Files.createDirectories(Path.of(regenerate)));
        }
        writeAll(temp);

        for (String name : BYTE_EXACT) {
            assertThat(temp.resolve(name)).as(name).hasSameBinaryContentAs(NpyTestSupport.resource("java/" + name));
        }
        Map<String, Tensor> verified = Npz.read(NpyTestSupport.resource("java/java-deflated.npz"), DType.FLOAT64);
        Map<String, Tensor> fresh = Npz.read(temp.resolve("java-deflated.npz"), DType.FLOAT64);
        assertThat(fresh.keySet()).containsExactly("w", "b", "s");
        fresh.forEach(
                (k, v) -> assertThat(v.contentEquals(verified.get(k))).as(k).isTrue());
    }
}
