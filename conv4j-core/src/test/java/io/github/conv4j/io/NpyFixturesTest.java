package io.github.conv4j.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.conv4j.tensor.DType;
import io.github.conv4j.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reads every file NumPy wrote in {@code tools/npy-fixtures.py} and compares with the values NumPy itself computed
 * for {@code astype(float32)} and {@code astype(float64)}, bit for bit.
 */
class NpyFixturesTest {
    static Stream<NpyTestSupport.Expected> npyFiles() throws IOException {
        return NpyTestSupport.expected().stream().filter(e -> e.entry() == null);
    }

    static Stream<NpyTestSupport.Expected> npzEntries() throws IOException {
        return NpyTestSupport.expected().stream().filter(e -> e.entry() != null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("npyFiles")
    void readsAsFloat32LikeNumpy(NpyTestSupport.Expected e) throws IOException {
        Tensor t = Npy.read(NpyTestSupport.resource(e.file()));

        assertThat(t.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(t.shape()).containsExactly(e.shape());
        // Arrays.equals semantics: NaN equals NaN, and -0.0 differs from 0.0.
        assertThat(t.floatArray()).isEqualTo(e.floats());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("npyFiles")
    void readsAsFloat64LikeNumpy(NpyTestSupport.Expected e) throws IOException {
        Tensor t = Npy.read(NpyTestSupport.resource(e.file()), DType.FLOAT64);

        assertThat(t.dtype()).isEqualTo(DType.FLOAT64);
        assertThat(t.shape()).containsExactly(e.shape());
        assertThat(t.doubleArray()).isEqualTo(e.doubles());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("npyFiles")
    void readsFromStreamLikeFromFile(NpyTestSupport.Expected e) throws IOException {
        try (InputStream in = Files.newInputStream(NpyTestSupport.resource(e.file()))) {
            Tensor t = Npy.read(in, DType.FLOAT64);

            assertThat(t.shape()).containsExactly(e.shape());
            assertThat(t.doubleArray()).isEqualTo(e.doubles());
            assertThat(in.read())
                    .as("the stream is left at the end of the array")
                    .isEqualTo(-1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("npzEntries")
    void readsNpzEntriesLikeNumpy(NpyTestSupport.Expected e) throws IOException {
        Map<String, Tensor> arrays = Npz.read(NpyTestSupport.resource(e.file()));

        Tensor t = arrays.get(e.entry());
        assertThat(t).isNotNull();
        assertThat(t.shape()).containsExactly(e.shape());
        assertThat(t.floatArray()).isEqualTo(e.floats());
    }

    @Test
    void coversEveryDtypeByteOrderAndLayout() throws IOException {
        List<String> files = npyFiles().map(NpyTestSupport.Expected::file).toList();

        assertThat(files)
                .contains("b1.npy", "i1.npy", "u1.npy", "fortran_f4.npy", "fortran_i2_be.npy", "v2_f4.npy", "v3_f4.npy")
                .contains("scalar_f8.npy", "empty_f4.npy", "empty_i8.npy", "tensor3d_f8_be.npy", "tensor4d_f4.npy");
        for (String code : new String[] {"f4", "f8", "i2", "i4", "i8", "u2", "u4", "u8"}) {
            assertThat(files).contains(code + "_le.npy", code + "_be.npy");
        }
    }

    @Test
    void bothByteOrdersGiveTheSameTensor() throws IOException {
        for (String code : new String[] {"f4", "f8", "i2", "i4", "i8", "u2", "u4", "u8"}) {
            Tensor little = Npy.read(NpyTestSupport.resource(code + "_le.npy"), DType.FLOAT64);
            Tensor big = Npy.read(NpyTestSupport.resource(code + "_be.npy"), DType.FLOAT64);

            assertThat(big.doubleArray()).as(code).isEqualTo(little.doubleArray());
        }
    }

    @Test
    void fortranOrderIsTransposedIntoRowMajor() throws IOException {
        Tensor t = Npy.read(NpyTestSupport.resource("fortran_f4.npy"));

        // np.asfortranarray(np.arange(24).reshape(2, 3, 4)) is still arange(24) in C order once loaded.
        assertThat(t.shape()).containsExactly(2, 3, 4);
        assertThat(t.floatArray()).isEqualTo(Tensor.arange(24).floatArray());
        assertThat(t.get(1, 2, 3)).isEqualTo(23);
    }

    @Test
    void zeroDimensionalArrayBecomesScalarTensor() throws IOException {
        Tensor t = Npy.read(NpyTestSupport.resource("scalar_f8.npy"), DType.FLOAT64);

        assertThat(t.dim()).isZero();
        assertThat(t.item()).isEqualTo(3.25);
    }

    @Test
    void emptyArraysKeepTheirShape() throws IOException {
        assertThat(Npy.read(NpyTestSupport.resource("empty_i8.npy")).shape()).containsExactly(2, 0, 4);
        assertThat(Npy.read(NpyTestSupport.resource("empty_1d_f8.npy")).numel()).isZero();
    }

    @Test
    void npzKeepsArchiveOrderAndStripsSuffix() throws IOException {
        // np.savez puts keyword arrays first, then positional ones as arr_0, arr_1, ...
        assertThat(Npz.read(NpyTestSupport.resource("savez.npz")).keySet())
                .containsExactly("weight", "bias", "scalar", "arr_0");
        assertThat(Npz.read(NpyTestSupport.resource("savez_compressed.npz")).keySet())
                .containsExactly("weight", "bias", "zeros");
    }
}
