package io.github.conv4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.conv4j.tensor.DType;
import io.github.conv4j.tensor.Shapes;
import io.github.conv4j.tensor.Tensor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The writer: byte-identical to {@code np.save}, and everything it writes reads back unchanged. */
class NpyWriteTest {
    @TempDir
    Path dir;

    /** The fixtures np.save wrote in the only layout we write: little-endian float, C order, format 1.0. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "f4_le.npy",
                "f8_le.npy",
                "scalar_f8.npy",
                "empty_f4.npy",
                "empty_1d_f8.npy",
                "vector_f4.npy",
                "tensor4d_f4.npy"
            })
    void writesTheSameBytesAsNumpy(String fixture) throws IOException {
        Path numpyFile = NpyTestSupport.resource(fixture);
        DType dtype = fixture.contains("f8") ? DType.FLOAT64 : DType.FLOAT32;
        Tensor t = Npy.read(numpyFile, dtype);

        Path javaFile = dir.resolve(fixture);
        Npy.write(javaFile, t);

        assertThat(javaFile).hasBinaryContent(Files.readAllBytes(numpyFile));
    }

    static Stream<Object[]> randomTensors() {
        SplittableRandom random = new SplittableRandom(20240611L);
        return IntStream.range(0, 40).mapToObj(i -> {
            int rank = random.nextInt(6);
            int[] shape = new int[rank];
            for (int d = 0; d < rank; d++) {
                shape[d] = random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(7);
            }
            DType dtype = random.nextBoolean() ? DType.FLOAT32 : DType.FLOAT64;
            return new Object[] {i, dtype, shape, random.nextLong()};
        });
    }

    @ParameterizedTest(name = "#{0}: {1} {2}")
    @MethodSource("randomTensors")
    void randomRoundTripsThroughFileAndStream(int index, DType dtype, int[] shape, long seed) throws IOException {
        Tensor t = randomTensor(dtype, shape, seed);

        Path file = dir.resolve("t" + index + ".npy");
        Npy.write(file, t);
        Tensor fromFile = Npy.read(file, dtype);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Npy.write(bytes, t);
        Tensor fromStream = Npy.read(new ByteArrayInputStream(bytes.toByteArray()), dtype);

        for (Tensor back : new Tensor[] {fromFile, fromStream}) {
            assertThat(back.shape()).containsExactly(shape);
            assertThat(back.dtype()).isEqualTo(dtype);
            assertThat(back.contentEquals(t)).isTrue();
        }
        assertThat(bytes.toByteArray()).isEqualTo(Files.readAllBytes(file));
        assertThat(dataOffset(bytes.toByteArray()) % 64).as("data alignment").isZero();
    }

    /** Random values including the ones that break naive formats: NaN, infinities, -0.0, subnormals. */
    private static Tensor randomTensor(DType dtype, int[] shape, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] specials = {Double.NaN, Double.POSITIVE_INFINITY, -0.0, Double.MIN_VALUE, Float.MIN_VALUE, 1e300};
        double[] values = new double[Shapes.numel("shape", shape)];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextInt(8) == 0
                    ? specials[random.nextInt(specials.length)]
                    : (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-10, 10));
        }
        return Tensor.fromDoubles(values, dtype, shape);
    }

    @Test
    void float32ValuesSurviveExactlyIncludingNanPayloads() throws IOException {
        float[] data = {Float.intBitsToFloat(0x7fc00001), -0f, Float.MIN_VALUE, Float.MAX_VALUE};
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Npy.write(bytes, Tensor.wrap(data.clone(), 2, 2));

        float[] back = Npy.read(new ByteArrayInputStream(bytes.toByteArray())).floatArray();

        for (int i = 0; i < data.length; i++) {
            assertThat(Float.floatToRawIntBits(back[i])).isEqualTo(Float.floatToRawIntBits(data[i]));
        }
    }

    @Test
    void headersUseNumpyLayoutForEveryRank() throws IOException {
        for (int rank = 0; rank <= 8; rank++) {
            int[] shape = new int[rank];
            Arrays.fill(shape, rank == 0 ? 1 : 2);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            Npy.write(bytes, Tensor.zeros(shape));
            byte[] b = bytes.toByteArray();

            int offset = dataOffset(b);
            assertThat(b[6]).as("major version").isEqualTo((byte) 1);
            assertThat(offset % 64).isZero();
            assertThat(b[offset - 1]).isEqualTo((byte) '\n');
            assertThat(new String(b, 10, offset - 10, StandardCharsets.US_ASCII))
                    .startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (");
        }
    }

    @Test
    void version2HeaderOnlyWhenVersion1CannotHoldIt() throws IOException {
        int[] shape = new int[30_000];
        Arrays.fill(shape, 1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Npy.write(bytes, Tensor.full(7, shape));
        byte[] b = bytes.toByteArray();

        assertThat(b[6]).as("major version").isEqualTo((byte) 2);
        assertThat(dataOffset(b) % 64).isZero();
        Tensor back = Npy.read(new ByteArrayInputStream(b));
        assertThat(back.dim()).isEqualTo(30_000);
        assertThat(back.item()).isEqualTo(7);
    }

    @Test
    void severalArraysCanBeReadBackFromOneStream() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Npy.write(bytes, Tensor.arange(3));
        Npy.write(bytes, Tensor.scalar(5).to(DType.FLOAT64));
        Npy.write(bytes, Tensor.zeros(0, 2));
        ByteArrayInputStream in = new ByteArrayInputStream(bytes.toByteArray());

        assertThat(Npy.read(in).floatArray()).containsExactly(0, 1, 2);
        assertThat(Npy.read(in, DType.FLOAT64).item()).isEqualTo(5);
        assertThat(Npy.read(in).shape()).containsExactly(0, 2);
        assertThat(in.available()).isZero();
    }

    @Test
    void largeArraysCrossChunkBoundaries() throws IOException {
        // 1 MiB chunks: 600k float64 values span several, and the stream path grows its array past 1 Mi elements.
        int n = 1_500_000;
        double[] data = new double[n];
        for (int i = 0; i < n; i++) {
            data[i] = i * 0.25 - 1000;
        }
        Tensor t = Tensor.wrap(data, 1500, 1000);
        Path file = dir.resolve("big.npy");
        Npy.write(file, t);

        assertThat(Npy.read(file, DType.FLOAT64).contentEquals(t)).isTrue();
        try (var in = Files.newInputStream(file)) {
            assertThat(Npy.read(in, DType.FLOAT64).contentEquals(t)).isTrue();
        }
        assertThat(Npy.read(file).floatArray()).isEqualTo(t.toFloatArray());
    }

    @Test
    void writingRefusesNullArguments() {
        assertThatThrownBy(() -> Npy.write(dir.resolve("x.npy"), null)).isInstanceOf(NullPointerException.class);
        assertThat(dir.resolve("x.npy")).doesNotExist();
    }

    private static int dataOffset(byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        return file[6] == 1 ? 10 + (b.getShort(8) & 0xFFFF) : 12 + b.getInt(8);
    }
}
