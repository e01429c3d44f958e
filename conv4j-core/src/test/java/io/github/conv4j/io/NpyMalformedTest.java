package io.github.conv4j.io;

import static io.github.conv4j.io.NpyTestSupport.dict;
import static io.github.conv4j.io.NpyTestSupport.littleEndianFloats;
import static io.github.conv4j.io.NpyTestSupport.npy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.conv4j.tensor.DType;
import io.github.conv4j.tensor.Tensor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One test per way a {@code .npy} file can be malformed: each must fail with a clear {@link NpyFormatException}. */
class NpyMalformedTest {
    private static final byte[] SIX_FLOATS = littleEndianFloats(1, 2, 3, 4, 5, 6);

    @TempDir
    Path dir;

    /** Writes the bytes to weights.npy and asserts that reading fails with a message naming that file. */
    private AbstractThrowableAssert<?, ? extends Throwable> assertFileRejected(byte[] bytes) throws IOException {
        Path file = dir.resolve("weights.npy");
        Files.write(file, bytes);
        return assertThatThrownBy(() -> Npy.read(file))
                .isInstanceOf(NpyFormatException.class)
                .hasMessageStartingWith(file + ": ")
                .satisfies(e -> assertThat(((NpyFormatException) e).source()).isEqualTo(file.toString()));
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertStreamRejected(byte[] bytes) {
        return assertThatThrownBy(() -> Npy.read(new ByteArrayInputStream(bytes)))
                .isInstanceOf(NpyFormatException.class)
                .hasMessageStartingWith("input stream: ");
    }

    private static byte[] valid() {
        return npy(1, dict("<f4", false, "(2, 3)"), SIX_FLOATS);
    }

    @Test
    void theHelperBuildsValidFiles() throws IOException {
        assertThat(Npy.read(new ByteArrayInputStream(valid())).floatArray()).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void badMagic() throws IOException {
        byte[] bytes = valid();
        bytes[5] = 'Z';
        assertFileRejected(bytes)
                .hasMessageContaining("not a .npy file: it starts with \"\\x93NUMPZ\\x01\\x00\"")
                .hasMessageContaining("magic string");
    }

    @Test
    void zipArchiveIsRecognised() throws IOException {
        assertFileRejected(Files.readAllBytes(NpyTestSupport.resource("savez.npz")))
                .hasMessageContaining("zip archive")
                .hasMessageContaining("Npz.read");
    }

    @Test
    void emptyFile() throws IOException {
        assertFileRejected(new byte[0]).hasMessageContaining("file is empty");
    }

    @Test
    void fileEndsInsideMagic() throws IOException {
        assertFileRejected(Arrays.copyOf(valid(), 5)).hasMessageContaining("ends after 5 bytes, inside the magic");
    }

    @ParameterizedTest
    @CsvSource({"4, 0, 4.0", "1, 1, 1.1", "0, 0, 0.0"})
    void unknownVersion(int major, int minor, String shown) throws IOException {
        byte[] bytes = valid();
        bytes[6] = (byte) major;
        bytes[7] = (byte) minor;
        assertFileRejected(bytes)
                .hasMessageContaining("unsupported .npy format version " + shown + " (supported: 1.0, 2.0, 3.0)");
    }

    @Test
    void headerLengthBeyondCapIsRejectedBeforeAllocating() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0}).putInt(0x7FFF_FFFF);
        long allocated = NpyTestSupport.allocatedBytes(() -> Npy.read(new ByteArrayInputStream(b.array())));

        assertStreamRejected(b.array()).hasMessageContaining("header length 2147483647 exceeds the limit of 1048576");
        assertThat(allocated).isLessThan(1 << 20);
    }

    @Test
    void truncatedHeader() throws IOException {
        assertFileRejected(Arrays.copyOf(valid(), 40))
                .hasMessageContaining(
                        "file ends inside the header: the header length field says 118 bytes but only 30" + " follow");
    }

    @Test
    void truncatedLengthField() throws IOException {
        assertFileRejected(Arrays.copyOf(valid(), 9)).hasMessageContaining("inside the header length field");
    }

    @Test
    void nonLiteralHeaderIsNeverEvaluated() throws IOException {
        String evil = "{'descr': __import__('os').system('touch pwned'), 'fortran_order': False, 'shape': (6,), }";
        assertFileRejected(npy(1, evil, SIX_FLOATS))
                .hasMessageContaining("header is not a valid dict literal")
                .hasMessageContaining("the name '__import__' is not a literal");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "{'descr': '<f4', 'fortran_order': False, 'shape': (6,), } junk | unexpected text after the closing",
                "['descr', '<f4'] | the header must be a dict starting with '{'",
                "{'descr': '<f4', 'fortran_order': False 'shape': (6,)} | expected ',' or '}'",
                "{'descr: '<f4', 'fortran_order': False, 'shape': (6,), } | expected ':' after the key",
                "{descr: '<f4', 'fortran_order': False, 'shape': (6,), } | expected a quoted key",
                "{'descr': '<f4\\n', 'fortran_order': False, 'shape': (6,), } | escape sequences",
                "{'descr': '<f4', 'fortran_order': False, 'shape': (6,), 'descr': '<f8'} | duplicate key 'descr'",
                "{'descr': '<f4', 'fortran_order': None, 'shape': (6,), } | the name 'None' is not a literal",
            })
    void malformedDictLiterals(String header, String message) throws IOException {
        assertFileRejected(npy(1, header, SIX_FLOATS)).hasMessageContaining(message);
    }

    @Test
    void headerEndingInsideTheDict() throws IOException {
        assertFileRejected(npy(1, "{'descr': '<f4', 'shape': (2, 3", SIX_FLOATS))
                .hasMessageContaining("the header ends unexpectedly");
    }

    @Test
    void unterminatedString() throws IOException {
        assertFileRejected(npy(1, "{'descr': '<f4", new byte[0])).hasMessageContaining("unterminated string");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "(6) | (6) is a parenthesised integer, not a tuple; write (6,)",
                "(3,,) | expected an integer in the tuple",
                "(2 3) | expected ',' or ')' in the tuple",
                "(1e3,) | malformed integer",
                "(02, 3) | leading zeros",
                "(99999999999999999999,) | does not fit in 64 bits",
                "(2L, 3L) | malformed integer",
            })
    void malformedTuples(String shape, String message) throws IOException {
        // 'L' suffixes are Python 2 syntax, accepted only in format 1.0 and 2.0 headers.
        assertFileRejected(npy(3, dict("<f4", false, shape), SIX_FLOATS)).hasMessageContaining(message);
    }

    @Test
    void python2LongSuffixIsAcceptedInVersion1() throws IOException {
        Tensor t = Npy.read(new ByteArrayInputStream(npy(1, dict("<f4", false, "(2L, 3L)"), SIX_FLOATS)));

        assertThat(t.shape()).containsExactly(2, 3);
    }

    @Test
    void objectDtypeIsRefused() throws IOException {
        assertFileRejected(npy(1, dict("|O", false, "(6,)"), new byte[48]))
                .hasMessageContaining("unsupported dtype descr '|O'")
                .hasMessageContaining("pickled Python objects");
    }

    @Test
    void structuredDtypeIsRefused() throws IOException {
        String header = "{'descr': [('x', '<f4'), ('y', '<f4')], 'fortran_order': False, 'shape': (3,), }";
        assertFileRejected(npy(1, header, SIX_FLOATS)).hasMessageContaining("structured dtype");
    }

    @ParameterizedTest
    @CsvSource(
            delimiterString = "=>",
            quoteCharacter = '"',
            value = {
                "<f2 => float16 is not supported",
                "<c8 => complex numbers are not supported",
                "<U4 => string dtypes are not supported",
                "<M8 => datetime and timedelta",
                "|V8 => structured (record) and void dtypes",
                "<i3 => there is no i3 integer type",
                "<q8 => unknown dtype kind 'q'",
                "f4 => does not start with a byte-order character",
                "< => not of the form",
                "<fx => 'x' is not an element size",
                "<f => '' is not an element size",
            })
    void unsupportedDtypes(String descr, String message) throws IOException {
        assertFileRejected(npy(1, dict(descr, false, "(6,)"), new byte[48]))
                .hasMessageContaining("unsupported dtype descr '" + descr + "'")
                .hasMessageContaining(message);
    }

    @Test
    void missingKey() throws IOException {
        assertFileRejected(npy(1, "{'descr': '<f4', 'fortran_order': False, }", SIX_FLOATS))
                .hasMessageContaining("header lacks the key 'shape'");
    }

    @Test
    void extraKey() throws IOException {
        String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (6,), 'version': 1, }";
        assertFileRejected(npy(1, header, SIX_FLOATS)).hasMessageContaining("unexpected key 'version'");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "{'descr': 4, 'fortran_order': False, 'shape': (6,), } | 'descr' must be a dtype string",
                "{'descr': '<f4', 'fortran_order': 0, 'shape': (6,), } | 'fortran_order' must be True or False, not 0",
                "{'descr': '<f4', 'fortran_order': False, 'shape': 6, } | 'shape' must be a tuple of integers",
                "{'descr': '<f4', 'fortran_order': False, 'shape': '6', } | not the string '6'",
            })
    void wrongValueTypes(String header, String message) throws IOException {
        assertFileRejected(npy(1, header, SIX_FLOATS)).hasMessageContaining(message);
    }

    @Test
    void negativeDimension() throws IOException {
        assertFileRejected(npy(1, dict("<f4", false, "(3, -1)"), SIX_FLOATS))
                .hasMessageContaining("shape (3, -1) has the negative dimension -1");
    }

    @Test
    void shapeOverflowingLong() throws IOException {
        String shape = "(4294967296, 4294967296, 4294967296)";
        assertFileRejected(npy(1, dict("<f4", false, shape), SIX_FLOATS))
                .hasMessageContaining(
                        "declared shape " + shape + " of float32 needs more than 9223372036854775807" + " bytes");
        assertStreamRejected(npy(1, dict("<f4", false, shape), SIX_FLOATS))
                .hasMessageContaining("has more than 9223372036854775807 elements");
    }

    @Test
    void shapeBeyondJavaArrayLimit() {
        assertStreamRejected(npy(1, dict("<f4", false, "(3, 1000000000)"), SIX_FLOATS))
                .hasMessageContaining("declared shape (3, 1000000000) of float32 has 3000000000 elements, more than"
                        + " Java's array limit of 2147483639");
    }

    @Test
    void callerElementLimit() {
        assertThatThrownBy(() -> Npy.read(new ByteArrayInputStream(valid()), DType.FLOAT32, 5))
                .isInstanceOf(NpyFormatException.class)
                .hasMessageContaining("has 6 elements, more than the limit of 5 set by the caller");
    }

    @Test
    void hugeDimensionOfEmptyArray() {
        assertStreamRejected(npy(1, dict("<f4", false, "(0, 3000000000)"), new byte[0]))
                .hasMessageContaining("has the dimension 3000000000, beyond Java's array limit");
    }

    @Test
    void declaredSizeLargerThanFileIsRejectedWithoutAllocating() throws IOException {
        // Unpadded, so that the whole file is 100 bytes: a 73-byte header and 27 bytes of data.
        String compact = "{'descr':'<f4','fortran_order':False,'shape':(100000, 100000)}";
        byte[] bytes = NpyTestSupport.npyUnaligned(compact, new byte[27]);
        assertThat(bytes).hasSize(100);
        Path file = dir.resolve("weights.npy");
        Files.write(file, bytes);

        long allocated = NpyTestSupport.allocatedBytes(() -> Npy.read(file));

        assertFileRejected(bytes)
                .hasMessage(file + ": declared shape (100000, 100000) of float32 needs 40000000000 bytes but the file"
                        + " has 27 bytes after the header");
        assertThat(allocated).as("bytes allocated").isLessThan(1 << 20);
    }

    @Test
    void briefExampleMessage() throws IOException {
        assertFileRejected(npy(1, dict("<f4", false, "(3, 1000000000)"), new byte[40]))
                .hasMessageEndingWith(": declared shape (3, 1000000000) of float32 needs 12000000000 bytes but the"
                        + " file has 40 bytes after the header");
    }

    @Test
    void truncatedDataInFile() throws IOException {
        assertFileRejected(Arrays.copyOf(valid(), valid().length - 4))
                .hasMessageContaining("needs 24 bytes but the file has 20 bytes after the header");
    }

    @Test
    void truncatedDataInStream() {
        assertStreamRejected(Arrays.copyOf(valid(), valid().length - 14))
                .hasMessageContaining("data is truncated: the declared shape (2, 3) of float32 needs 24 bytes but only"
                        + " 10 follow the header");
    }

    @Test
    void shortStreamWithHugeShapeAllocatesOnlyWhatArrives() {
        byte[] bytes = npy(1, dict("<f4", false, "(40000, 40000)"), new byte[36]);

        long allocated = NpyTestSupport.allocatedBytes(() -> Npy.read(new ByteArrayInputStream(bytes)));

        assertStreamRejected(bytes).hasMessageContaining("data is truncated");
        // 1.6e9 elements declared; the reader starts at 1 Mi elements and grows only as data arrives.
        assertThat(allocated).as("bytes allocated").isLessThan(16L << 20);
    }

    @Test
    void trailingBytesInFile() throws IOException {
        byte[] bytes = Arrays.copyOf(valid(), valid().length + 8);
        assertFileRejected(bytes)
                .hasMessageContaining("the file has 8 unexpected bytes after the data")
                .hasMessageContaining("read(InputStream)");
    }

    @Test
    void invalidUtf8InVersion3Header() throws IOException {
        byte[] bytes = npy(3, dict("<f4", false, "(6,)"), SIX_FLOATS);
        bytes[14] = (byte) 0xFF;
        assertFileRejected(bytes).hasMessageContaining("format 3.0 header is not valid UTF-8");
    }

    @Test
    void latin1HeaderTextIsQuotedSafelyInMessages() throws IOException {
        String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (6,), \u0001: 1}";
        assertFileRejected(npy(1, header, SIX_FLOATS)).hasMessageContaining("\\x01");
    }
}
