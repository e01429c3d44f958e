package io.github.conv4j.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;

/**
 * The NumPy element types the reader accepts, and their bulk conversion to {@code float} and {@code double}.
 *
 * <p>Conversions work on {@link ByteBuffer} views ({@link ByteBuffer#asFloatBuffer()} and friends) so that byte
 * swapping and copying happen in bulk inside the JDK rather than element by element through a stream. Integer to
 * floating-point conversions round to nearest, as NumPy's {@code astype} does, so large {@code int32}, {@code int64}
 * and {@code uint64} values lose precision in float32 (and 64-bit ones beyond 2<sup>53</sup> in float64).
 */
enum NpyDtype {
    /** NumPy's {@code bool} ({@code '|b1'}): any non-zero byte is true, read as 1. */
    BOOL('b', 1, "bool"),
    /** Signed 8-bit integer ({@code '|i1'}). */
    INT8('i', 1, "int8"),
    /** Unsigned 8-bit integer ({@code '|u1'}). */
    UINT8('u', 1, "uint8"),
    /** Signed 16-bit integer ({@code '<i2'}). */
    INT16('i', 2, "int16"),
    /** Unsigned 16-bit integer ({@code '<u2'}). */
    UINT16('u', 2, "uint16"),
    /** Signed 32-bit integer ({@code '<i4'}); beyond 2<sup>24</sup> in magnitude it rounds in float32. */
    INT32('i', 4, "int32"),
    /** Unsigned 32-bit integer ({@code '<u4'}). */
    UINT32('u', 4, "uint32"),
    /** Signed 64-bit integer ({@code '<i8'}); beyond 2<sup>53</sup> it rounds even in float64. */
    INT64('i', 8, "int64"),
    /** Unsigned 64-bit integer ({@code '<u8'}). */
    UINT64('u', 8, "uint64"),
    /** IEEE binary32 ({@code '<f4'}). */
    FLOAT32('f', 4, "float32"),
    /** IEEE binary64 ({@code '<f8'}). */
    FLOAT64('f', 8, "float64");

    private final char kind;
    private final int size;
    private final String numpyName;

    NpyDtype(char kind, int size, String numpyName) {
        this.kind = kind;
        this.size = size;
        this.numpyName = numpyName;
    }

    /**
     * Returns the element size.
     *
     * @return the size in bytes
     */
    int size() {
        return size;
    }

    /**
     * Returns NumPy's name for the type, used in error messages.
     *
     * @return e.g. {@code "float32"}
     */
    String numpyName() {
        return numpyName;
    }

    /**
     * Decodes a dtype descriptor such as {@code '<f4'}: a byte-order character followed by a kind and a size.
     *
     * @param source the file, for error messages
     * @param descr the descriptor string from the header
     * @return the type and its byte order
     * @throws NpyFormatException for anything but the supported numeric types
     */
    static Typed parse(String source, String descr) {
        if (descr.length() < 2) {
            throw unsupported(source, descr, "it is not of the form '<f4' (byte order, kind, size)");
        }
        char orderChar = descr.charAt(0);
        ByteOrder order;
        switch (orderChar) {
            case '<':
                order = ByteOrder.LITTLE_ENDIAN;
                break;
            case '>':
                order = ByteOrder.BIG_ENDIAN;
                break;
            // '|' means "byte order not applicable" and '=' means "the writer's native order"; NumPy reads both
            // in the reader's native order, and so do we.
            case '|':
            case '=':
                order = ByteOrder.nativeOrder();
                break;
            default:
                throw unsupported(source, descr, "it does not start with a byte-order character (< > | =)");
        }
        char kind = descr.charAt(1);
        String sizeText = descr.substring(2);
        // Checked before the size because NumPy writes object arrays as '|O', without one.
        if (kind == 'O') {
            throw unsupported(
                    source,
                    descr,
                    "object arrays hold pickled Python objects, which are never loaded because unpickling can run"
                            + " arbitrary code");
        }
        if (!sizeText.matches("[0-9]{1,2}")) {
            throw unsupported(source, descr, "'" + sizeText + "' is not an element size in bytes");
        }
        int size = Integer.parseInt(sizeText);
        for (NpyDtype t : values()) {
            if (t.kind == kind && t.size == size) {
                return new Typed(t, order);
            }
        }
        throw unsupported(source, descr, describeUnsupported(kind, size));
    }

    private static String describeUnsupported(char kind, int size) {
        switch (kind) {
            case 'f':
                return size == 2
                        ? "float16 is not supported (convert with astype(np.float32) first)"
                        : "float" + (size * 8) + " is not supported (only float32 and float64 are)";
            case 'c':
                return "complex numbers are not supported";
            case 'V':
                return "structured (record) and void dtypes are not supported";
            case 'S':
            case 'U':
            case 'a':
                return "string dtypes are not supported";
            case 'M':
            case 'm':
                return "datetime and timedelta dtypes are not supported";
            case 'i':
            case 'u':
            case 'b':
                return "there is no " + kind + size + " integer type";
            default:
                return "unknown dtype kind '" + kind + "'";
        }
    }

    private static NpyFormatException unsupported(String source, String descr, String why) {
        return new NpyFormatException(
                source,
                "unsupported dtype descr '" + descr + "': " + why + "; supported are bool, int8-int64, uint8-uint64,"
                        + " float32 and float64");
    }

    /**
     * Converts {@code count} elements starting at the buffer's position to floats.
     *
     * @param src the raw bytes, with the file's byte order set; its position is not changed
     * @param count the number of elements
     * @param dst the destination
     * @param off where in {@code dst} the first element goes
     */
    void decode(ByteBuffer src, int count, float[] dst, int off) {
        int p = src.position();
        switch (this) {
            case FLOAT32:
                src.asFloatBuffer().get(dst, off, count);
                break;
            case FLOAT64: {
                DoubleBuffer b = src.asDoubleBuffer();
                for (int i = 0; i < count; i++) {
                    dst[off + i] = (float) b.get(i);
                }
                break;
            }
            case BOOL:
                for (int i = 0; i < count; i++) {
                    dst[off + i] = src.get(p + i) != 0 ? 1f : 0f;
                }
                break;
            case INT8:
                for (int i = 0; i < count; i++) {
                    dst[off + i] = src.get(p + i);
                }
                break;
            case UINT8:
                for (int i = 0; i < count; i++) {
                    dst[off + i] = src.get(p + i) & 0xFF;
                }
                break;
            case INT16: {
                ShortBuffer b = src.asShortBuffer();
                for (int i = 0; i < count; i++) {
                    dst[off + i] = b.get(i);
                }
                break;
            }
            case UINT16: {
                ShortBuffer b = src.asShortBuffer();
                for (int i = 0; i < count; i++) {
                    dst[off + i] = b.get(i) & 0xFFFF;
                }
                break;
            }
            case INT32: {
                IntBuffer b = src.asIntBuffer();
                for (int i = 0; i < count; i++) {
                    dst[off + i] = b.get(i);
                }
                break;
            }
            case UINT32: {
                IntBuffer b = src.asIntBuffer();
                for (int i = 0; i < count; i++) {
                    dst[off + i] = b.get(i) & 0xFFFF_FFFFL;
                }
                break;
            }
            case INT64: {
                LongBuffer b = src.asLongBuffer();
                for (int i = 0; i < count; i++) {
                    dst[off + i] = b.get(i);
                }
                break;
            }
            case UINT64: {
                LongBuffer b = src.asLongBuffer();
                for (int i = 0; i < count; i++) {
                    dst[off + i] = unsignedToFloat(b.get(i));
                }
                break;
            }
            default:
                throw new AssertionError(this);
        }
    }

    /**
     * Converts {@code count} elements starting at the buffer's position to doubles.
     *
     * @param src the raw bytes, with the file's byte order set; its position is not changed
     * @param count the number of elements
     * @param dst the destination
     * @param off where in {@code dst} the first element goes
     */
    void decode(ByteBuffer src, int count, double[] dst, int off) {
        int p = src.position();
        switch (this) {
            case FLOAT64:
                src.asDoubleBuffer().get(dst, off, count);
                break;
            case FLOAT32: {
                FloatBuffer b = src.asFloatBuffer();
                for (int i = 0; i < count; i++) {
                    dst[off + i] = b.get(i);
                }
                break;
            }
            case BOOL:
                for (int i = 0; i < count; i++) {
                    dst[off + i] = src.get(p + i) != 0 ? 1 : 0;
                }
                break;
            case INT8:
                for (int i = 0; i < count; i++) {
                    dst[off + i] = src.get(p + i);
                }
                break;
            case UINT8:
                for (int i = 0; i < count; i++) {
                    dst[off + i] = src.get(p + i) & 0xFF;
                }
                break;
            case INT16: {
                ShortBuffer b = src.asShortBuffer();
                for (int i = 0; i < count; i++) {
                    dst[off + i] = b.get(i);
                }
                break;
            }
            case UINT16: {
                ShortBuffer b = src.asShortBuffer();
                for (int i = 0; i < count; i++) {
                    dst[off + i] = b.get(i) & 0xFFFF;
                }
                break;
            }
            case INT32: {
                IntBuffer b = src.asIntBuffer();
                for (int i = 0; i < count; i++) {
                    dst[off + i] = b.get(i);
                }
                break;
            }
            case UINT32: {
                IntBuffer b = src.asIntBuffer();
                for (int i = 0; i < count; i++) {
                    dst[off + i] = b.get(i) & 0xFFFF_FFFFL;
                }
                break;
            }
            case INT64: {
                LongBuffer b = src.asLongBuffer();
                for (int i = 0; i < count; i++) {
                    dst[off + i] = b.get(i);
                }
                break;
            }
            case UINT64: {
                LongBuffer b = src.asLongBuffer();
                for (int i = 0; i < count; i++) {
                    dst[off + i] = unsignedToDouble(b.get(i));
                }
                break;
            }
            default:
                throw new AssertionError(this);
        }
    }

    // Halving with the lost bit kept as a sticky bit makes the single rounding of the signed conversion land where
    // rounding the full unsigned value would; doubling is then exact.
    private static float unsignedToFloat(long v) {
        return v >= 0 ? (float) v : (float) ((v >>> 1) | (v & 1)) * 2f;
    }

    private static double unsignedToDouble(long v) {
        return v >= 0 ? (double) v : (double) ((v >>> 1) | (v & 1)) * 2.0;
    }

    /**
     * A dtype together with the byte order its descriptor gave.
     *
     * @param type the element type
     * @param order the byte order of the stored elements
     */
    record Typed(NpyDtype type, ByteOrder order) {}
}
