package io.github.conv4j.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * The header of a {@code .npy} file: magic string, format version, and the dict that gives dtype, memory order and
 * shape.
 *
 * <p>Layout (NumPy's {@code numpy.lib.format}): the six bytes {@code \x93NUMPY}, a major and a minor version byte,
 * the header length as a little-endian {@code u16} (version 1.0) or {@code u32} (2.0 and 3.0), then the header text
 * (Latin-1, or UTF-8 in 3.0), padded with spaces and a final newline so that the data starts at a multiple of 64
 * bytes.
 */
final class NpyHeader {
    /**
     * The longest header text we accept. Real headers are about 100 bytes; the cap keeps a hostile {@code u32} length
     * from making us allocate gigabytes before we have seen any of it.
     */
    static final int MAX_HEADER_BYTES = 1 << 20;

    /** NumPy aligns the start of the data to this many bytes (its {@code ARRAY_ALIGN}). */
    static final int ALIGNMENT = 64;

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    /** NumPy leaves room for the first dimension to grow to this many digits, so that it can append in place. */
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;

    /** The element type. */
    final NpyDtype dtype;
    /** The byte order of the stored elements. */
    final ByteOrder order;
    /** Whether the data is stored column-major. */
    final boolean fortranOrder;
    /** The dimensions, each non-negative; empty for a 0-d array. */
    final long[] shape;
    /** The format's major version: 1, 2 or 3. */
    final int majorVersion;
    /** Bytes from the start of the file to the first data byte. */
    final long dataOffset;

    private NpyHeader(
            NpyDtype dtype, ByteOrder order, boolean fortranOrder, long[] shape, int majorVersion, long dataOffset) {
        this.dtype = dtype;
        this.order = order;
        this.fortranOrder = fortranOrder;
        this.shape = shape;
        this.majorVersion = majorVersion;
        this.dataOffset = dataOffset;
    }

    /**
     * Reads and validates a header, leaving the source positioned at the first data byte.
     *
     * @param source the file, for error messages
     * @param in the bytes
     * @return the header
     * @throws NpyFormatException if the header is malformed or unsupported
     * @throws IOException if reading fails
     */
    static NpyHeader read(String source, ByteSource in) throws IOException {
        ByteBuffer prefix = ByteBuffer.allocate(MAGIC.length + 2).order(ByteOrder.LITTLE_ENDIAN);
        int got = in.readFully(prefix);
        checkMagic(source, prefix.array(), got);
        if (got < prefix.capacity()) {
            throw new NpyFormatException(
                    source, "file ends after " + got + " bytes, inside the magic string and version");
        }
        int major = prefix.get(6) & 0xFF;
        int minor = prefix.get(7) & 0xFF;
        if (major < 1 || major > 3 || minor != 0) {
            throw new NpyFormatException(
                    source, "unsupported .npy format version " + major + "." + minor + " (supported: 1.0, 2.0, 3.0)");
        }
        int lengthBytes = major == 1 ? 2 : 4;
        ByteBuffer lengthField = ByteBuffer.allocate(lengthBytes).order(ByteOrder.LITTLE_ENDIAN);
        if (in.readFully(lengthField) < lengthBytes) {
            throw new NpyFormatException(source, "file ends inside the header length field");
        }
        long headerLength = major == 1 ? lengthField.getShort(0) & 0xFFFF : lengthField.getInt(0) & 0xFFFF_FFFFL;
        if (headerLength > MAX_HEADER_BYTES) {
            throw new NpyFormatException(
                    source,
                    "header length " + headerLength + " exceeds the limit of " + MAX_HEADER_BYTES
                            + " bytes (real headers are about 100 bytes; the file is corrupt or hostile)");
        }
        ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
        int headerGot = in.readFully(headerBytes);
        if (headerGot < headerLength) {
            throw new NpyFormatException(
                    source,
                    "file ends inside the header: the header length field says " + headerLength + " bytes but only "
                            + headerGot + " follow");
        }
        String text = decodeText(source, headerBytes.array(), major);
        Map<String, Object> dict = NpyHeaderParser.parse(source, text, major <= 2);
        return fromDict(source, dict, text, major, MAGIC.length + 2 + lengthBytes + headerLength);
    }

    private static void checkMagic(String source, byte[] bytes, int got) {
        int n = Math.min(got, MAGIC.length);
        if (got == 0) {
            throw new NpyFormatException(source, "file is empty, not a .npy file");
        }
        if (!Arrays.equals(bytes, 0, n, MAGIC, 0, n)) {
            if (got >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4) {
                throw new NpyFormatException(
                        source, "this is a zip archive (an .npz file?), not a .npy file; read it with Npz.read");
            }
            throw new NpyFormatException(
                    source,
                    "not a .npy file: it starts with " + quoteBytes(bytes, Math.min(got, 8))
                            + " instead of the magic string \"\\x93NUMPY\"");
        }
    }

    private static String quoteBytes(byte[] bytes, int n) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < n; i++) {
            int b = bytes[i] & 0xFF;
            if (b >= 0x20 && b < 0x7F && b != '"' && b != '\\') {
                sb.append((char) b);
            } else {
                sb.append(String.format("\\x%02x", b));
            }
        }
        return sb.append('"').toString();
    }

    private static String decodeText(String source, byte[] bytes, int major) {
        if (major < 3) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new NpyFormatException(source, "format 3.0 header is not valid UTF-8", e);
        }
    }

    private static NpyHeader fromDict(
            String source, Map<String, Object> dict, String text, int major, long dataOffset) {
        for (String key : new String[] {"descr", "fortran_order", "shape"}) {
            if (!dict.containsKey(key)) {
                throw new NpyFormatException(
                        source, "header lacks the key '" + key + "': " + NpyHeaderParser.snippet(text));
            }
        }
        for (String key : dict.keySet()) {
            if (!key.equals("descr") && !key.equals("fortran_order") && !key.equals("shape")) {
                throw new NpyFormatException(
                        source,
                        "header has the unexpected key '" + key + "' (a .npy header holds exactly 'descr',"
                                + " 'fortran_order' and 'shape')");
            }
        }
        if (!(dict.get("descr") instanceof String)) {
            throw new NpyFormatException(
                    source, "'descr' must be a dtype string such as '<f4', not " + describe(dict.get("descr")) + "");
        }
        if (!(dict.get("fortran_order") instanceof Boolean)) {
            throw new NpyFormatException(
                    source, "'fortran_order' must be True or False, not " + describe(dict.get("fortran_order")));
        }
        if (!(dict.get("shape") instanceof long[])) {
            throw new NpyFormatException(
                    source, "'shape' must be a tuple of integers such as (2, 3), not " + describe(dict.get("shape")));
        }
        long[] shape = (long[]) dict.get("shape");
        for (long d : shape) {
            if (d < 0) {
                throw new NpyFormatException(source, "shape " + shapeText(shape) + " has the negative dimension " + d);
            }
        }
        NpyDtype.Typed typed = NpyDtype.parse(source, (String) dict.get("descr"));
        return new NpyHeader(
                typed.type(), typed.order(), (Boolean) dict.get("fortran_order"), shape, major, dataOffset);
    }

    private static String describe(Object value) {
        if (value instanceof String) {
            return "the string '" + value + "'";
        }
        if (value instanceof long[]) {
            return "the tuple " + shapeText((long[]) value);
        }
        return String.valueOf(value);
    }

    /**
     * Returns the number of elements, or {@code -1} if it exceeds {@code Long.MAX_VALUE}.
     *
     * @return the exact product of the dimensions
     */
    long elementCount() {
        return product(shape, 1);
    }

    /**
     * Returns the number of data bytes, or {@code -1} if it exceeds {@code Long.MAX_VALUE}.
     *
     * @return the exact product of the dimensions and the element size
     */
    long dataBytes() {
        return product(shape, dtype.size());
    }

    private static long product(long[] dims, long start) {
        for (long d : dims) {
            if (d == 0) {
                return 0;
            }
        }
        long p = start;
        try {
            for (long d : dims) {
                p = Math.multiplyExact(p, d);
            }
        } catch (ArithmeticException e) {
            return -1;
        }
        return p;
    }

    /**
     * Formats a shape as Python prints a tuple: {@code ()}, {@code (3,)}, {@code (2, 3)}.
     *
     * @param shape the dimensions
     * @return the text
     */
    static String shapeText(long[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(shape[i]);
        }
        if (shape.length == 1) {
            sb.append(',');
        }
        return sb.append(')').toString();
    }

    /**
     * Builds the complete header of a C-order array exactly as {@code np.save} does, byte for byte: format 1.0 when
     * the header fits its 16-bit length field, 2.0 otherwise.
     *
     * @param descr the dtype descriptor, e.g. {@code "<f4"}
     * @param shape the dimensions
     * @return magic string, version, length field and padded header text
     */
    static byte[] encode(String descr, int[] shape) {
        long[] dims = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            dims[i] = shape[i];
        }
        StringBuilder dict = new StringBuilder()
                .append("{'descr': '")
                .append(descr)
                .append("', 'fortran_order': False, 'shape': ")
                .append(shapeText(dims))
                .append(", }");
        if (shape.length > 0) {
            dict.append(" "
                    .repeat(GROWTH_AXIS_MAX_DIGITS - Integer.toString(shape[0]).length()));
        }
        byte[] text = dict.toString().getBytes(StandardCharsets.US_ASCII);
        int major = 1;
        int lengthBytes = 2;
        int padded = paddedLength(text.length, lengthBytes);
        if (padded > 0xFFFF) {
            major = 2;
            lengthBytes = 4;
            padded = paddedLength(text.length, lengthBytes);
        }
        ByteBuffer out =
                ByteBuffer.allocate(MAGIC.length + 2 + lengthBytes + padded).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) major).put((byte) 0);
        if (lengthBytes == 2) {
            out.putShort((short) padded);
        } else {
            out.putInt(padded);
        }
        out.put(text);
        while (out.position() < out.capacity() - 1) {
            out.put((byte) ' ');
        }
        out.put((byte) '\n');
        return out.array();
    }

    /** NumPy's rule: always at least the newline, and the data offset a multiple of the alignment. */
    private static int paddedLength(int textLength, int lengthBytes) {
        int withNewline = textLength + 1;
        int pad = ALIGNMENT - (MAGIC.length + 2 + lengthBytes + withNewline) % ALIGNMENT;
        return withNewline + pad;
    }
}
