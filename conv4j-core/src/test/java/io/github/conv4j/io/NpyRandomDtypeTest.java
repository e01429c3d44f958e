package io.github.conv4j.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.conv4j.tensor.DType;
import io.github.conv4j.tensor.Tensor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random arrays of every supported dtype, byte order and memory order, encoded here independently of the
 * reader, with expected values from {@link BigInteger}'s correctly rounded conversions.
 */
class NpyRandomDtypeTest {
    /** descr kind+size, as in NumPy. */
    private static final String[] CODES = {"b1", "i1", "u1", "i2", "u2", "i4", "u4", "i8", "u8", "f4", "f8"};

    record Case(int index, String descr, boolean fortran, int[] shape, long seed) {
        @Override
        public String toString() {
            return "#" + index + " " + descr + (fortran ? " F " : " C ") + Arrays.toString(shape);
        }
    }

    static Stream<Case> cases() {
        SplittableRandom random = new SplittableRandom(31337);
        return IntStream.range(0, 200).mapToObj(i -> {
            String code = CODES[random.nextInt(CODES.length)];
            char order = code.charAt(1) == '1' ? '|' : random.nextBoolean() ? '<' : '>';
            int[] shape = random.ints(random.nextInt(5), 0, 6).toArray();
            return new Case(i, order + code, random.nextBoolean(), shape, random.nextLong());
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void readsRandomArraysLikeTheReferenceConversion(Case c) throws IOException {
        int n = Arrays.stream(c.shape()).reduce(1, (a, b) -> a * b);
        int size = c.descr().charAt(2) - '0';
        char kind = c.descr().charAt(1);
        SplittableRandom random = new SplittableRandom(c.seed());
        long[] raw = new long[n]; // element bits, C order
        for (int i = 0; i < n; i++) {
            raw[i] = random.nextLong() >> random.nextInt(64); // small and large magnitudes alike
        }
        ByteBuffer data = ByteBuffer.allocate(n * size)
                .order(c.descr().charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            int at = (c.fortran() ? fortranOffset(i, c.shape()) : i) * size;
            switch (size) {
                case 1 -> data.put(at, (byte) raw[i]);
                case 2 -> data.putShort(at, (short) raw[i]);
                case 4 -> data.putInt(at, (int) raw[i]);
                default -> data.putLong(at, raw[i]);
            }
        }
        byte[] file =
                NpyTestSupport.npy(1, NpyTestSupport.dict(c.descr(), c.fortran(), shapeText(c.shape())), data.array());

        Tensor f32 = Npy.read(new ByteArrayInputStream(file));
        Tensor f64 = Npy.read(new ByteArrayInputStream(file), DType.FLOAT64);

        assertThat(f32.shape()).containsExactly(c.shape());
        for (int i = 0; i < n; i++) {
            double expected = reference(kind, size, raw[i]);
            // Compared as bits (NaNs canonicalised), since == never holds for NaN.
            assertThat(Double.doubleToLongBits(f64.doubleArray()[i]))
                    .as("element %d as float64: %s", i, expected)
                    .isEqualTo(Double.doubleToLongBits(expected));
            float expectedFloat = kind == 'f' || kind == 'b' ? (float) expected : referenceFloat(kind, size, raw[i]);
            assertThat(Float.floatToIntBits(f32.floatArray()[i]))
                    .as("element %d as float32: %s", i, expectedFloat)
                    .isEqualTo(Float.floatToIntBits(expectedFloat));
        }
    }

    private static BigInteger integer(char kind, int size, long bits) {
        long masked = size == 8 ? bits : bits & ((1L << (8 * size)) - 1);
        if (kind == 'u') {
            return new BigInteger(Long.toUnsignedString(masked));
        }
        long signed = size == 8 ? bits : (masked << (64 - 8 * size)) >> (64 - 8 * size);
        return BigInteger.valueOf(signed);
    }

    private static double reference(char kind, int size, long bits) {
        return switch (kind) {
            case 'b' -> (bits & 0xFF) != 0 ? 1 : 0;
            case 'f' -> size == 4 ? Float.intBitsToFloat((int) bits) : Double.longBitsToDouble(bits);
            default -> integer(kind, size, bits).doubleValue();
        };
    }

    private static float referenceFloat(char kind, int size, long bits) {
        return integer(kind, size, bits).floatValue();
    }

    /** Where C-order element {@code i} lives in Fortran order: the first index varies fastest. */
    private static int fortranOffset(int i, int[] shape) {
        int offset = 0;
        int stride = 1;
        int[] index = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            index[d] = i % shape[d];
            i /= shape[d];
        }
        for (int d = 0; d < shape.length; d++) {
            offset += index[d] * stride;
            stride *= shape[d];
        }
        return offset;
    }

    private static String shapeText(int[] shape) {
        long[] dims = Arrays.stream(shape).asLongStream().toArray();
        return NpyHeader.shapeText(dims);
    }
}
