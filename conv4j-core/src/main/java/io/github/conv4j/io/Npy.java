package io.github.conv4j.io;

import io.github.conv4j.tensor.DType;
import io.github.conv4j.tensor.Shapes;
import io.github.conv4j.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Objects;

/**
 * Reads and writes NumPy's {@code .npy} files (format versions 1.0, 2.0 and 3.0), the format of {@code np.save} and
 * {@code np.load}.
 *
 * <p><b>Reading</b> accepts the dtypes {@code bool}, {@code int8}, {@code int16}, {@code int32}, {@code int64},
 * {@code uint8}, {@code uint16}, {@code uint32}, {@code uint64}, {@code float32} and {@code float64}, in either byte
 * order and in C or Fortran order, including 0-d arrays (shape {@code ()}, giving a 0-d tensor) and empty arrays.
 * Elements are converted to the requested {@link DType}, float32 by default, rounding to nearest: float64 data and
 * integers beyond 2<sup>24</sup> in magnitude lose precision in float32 (read as {@link DType#FLOAT64} to keep
 * float64 data exactly; 64-bit integers beyond 2<sup>53</sup> are rounded even then). Booleans become 0 and 1.
 * Fortran-order data is transposed into the row-major layout every {@link Tensor} has.
 *
 * <p>The reader is safe on untrusted input. The header is parsed as a literal, never evaluated; object arrays
 * (which NumPy stores as pickles) are refused; the header size is capped at 1 MiB; the element count is computed
 * exactly; and when the input's length is known (a file) the declared data size is checked against it before any
 * array is allocated. From a stream, memory grows only as data actually arrives, so a short stream cannot make the
 * reader allocate a huge array. Every problem with the content is reported as an {@link NpyFormatException} whose
 * message starts with the file name and says what is wrong.
 *
 * <p><b>Writing</b> produces the same bytes as {@code np.save}: a format 1.0 header (2.0 only if it would not fit),
 * little-endian {@code '<f4'} for float32 tensors and {@code '<f8'} for float64 ones, C order, with the data aligned
 * to 64 bytes. Writes to a path are atomic: readers see the old file or the complete new one, never a partial file.
 *
 * <pre>{@code
 * Tensor image = Npy.read(Path.of("image.npy"));                // float32, whatever the file's dtype
 * Tensor exact = Npy.read(Path.of("kernel.npy"), DType.FLOAT64); // float64 data kept exactly
 * Npy.write(Path.of("scaled.npy"), image.mul(2));                // np.load("scaled.npy")
 * }</pre>
 */
public final class Npy {
    /** Bytes converted per step: large enough to amortise calls, small enough to stay in cache. */
    private static final int CHUNK_BYTES = 1 << 20;

    /** Elements allocated up front when the input's length is unknown; beyond this the array grows with the data. */
    private static final int STREAM_INITIAL_ELEMENTS = 1 << 20;

    private static final String STREAM_NAME = "input stream";

    private Npy() {}

    // ---------------------------------------------------------------- reading

    /**
     * Reads a {@code .npy} file into a float32 tensor.
     *
     * @param path the file
     * @return a tensor with the array's shape and values
     * @throws NpyFormatException if the file is not a valid {@code .npy} file of a supported dtype, or too large
     * @throws IOException if the file cannot be read
     */
    public static Tensor read(Path path) throws IOException {
        return read(path, DType.FLOAT32);
    }

    /**
     * Reads a {@code .npy} file into a tensor of the given type.
     *
     * <pre>{@code
     * Tensor w = Npy.read(Path.of("weights.npy"), DType.FLOAT64); // keeps float64 data exactly
     * }</pre>
     *
     * @param path the file
     * @param dtype the element type of the result, whatever the file's dtype
     * @return a tensor with the array's shape and values
     * @throws NpyFormatException if the file is not a valid {@code .npy} file of a supported dtype, or too large
     * @throws IOException if the file cannot be read
     */
    public static Tensor read(Path path, DType dtype) throws IOException {
        return read(path, dtype, Shapes.MAX_ELEMENTS);
    }

    /**
     * Reads a {@code .npy} file, refusing arrays with more than {@code maxElements} elements before allocating them.
     *
     * @param path the file
     * @param dtype the element type of the result
     * @param maxElements the largest element count accepted, at most {@link Shapes#MAX_ELEMENTS}
     * @return a tensor with the array's shape and values
     * @throws NpyFormatException if the file is malformed, unsupported or holds more than {@code maxElements} elements
     * @throws IllegalArgumentException if {@code maxElements} is negative or above {@link Shapes#MAX_ELEMENTS}
     * @throws IOException if the file cannot be read
     */
    public static Tensor read(Path path, DType dtype, int maxElements) throws IOException {
        Objects.requireNonNull(dtype, "dtype");
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            return read(path.toString(), "file", ByteSource.of(channel), channel.size(), dtype, maxElements);
        }
    }

    /**
     * Reads one array from a stream into a float32 tensor.
     *
     * <p>Exactly the bytes of one array are consumed and the stream is not closed, so several arrays written one
     * after another (as repeated {@code np.save(f, a)} calls on one open file do) can be read by repeated calls.
     *
     * @param in the stream, positioned at the magic string
     * @return a tensor with the array's shape and values
     * @throws NpyFormatException if the data is not a valid array of a supported dtype, or ends early
     * @throws IOException if the stream cannot be read
     */
    public static Tensor read(InputStream in) throws IOException {
        return read(in, DType.FLOAT32);
    }

    /**
     * Reads one array from a stream into a tensor of the given type; see {@link #read(InputStream)}.
     *
     * @param in the stream, positioned at the magic string
     * @param dtype the element type of the result
     * @return a tensor with the array's shape and values
     * @throws NpyFormatException if the data is not a valid array of a supported dtype, or ends early
     * @throws IOException if the stream cannot be read
     */
    public static Tensor read(InputStream in, DType dtype) throws IOException {
        return read(in, dtype, Shapes.MAX_ELEMENTS);
    }

    /**
     * Reads one array from a stream, refusing arrays with more than {@code maxElements} elements; see
     * {@link #read(InputStream)}. Use this on untrusted streams to bound the memory a single array may take.
     *
     * @param in the stream, positioned at the magic string
     * @param dtype the element type of the result
     * @param maxElements the largest element count accepted, at most {@link Shapes#MAX_ELEMENTS}
     * @return a tensor with the array's shape and values
     * @throws NpyFormatException if the data is malformed, unsupported, ends early or is too large
     * @throws IllegalArgumentException if {@code maxElements} is negative or above {@link Shapes#MAX_ELEMENTS}
     * @throws IOException if the stream cannot be read
     */
    public static Tensor read(InputStream in, DType dtype, int maxElements) throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(dtype, "dtype");
        return read(STREAM_NAME, "stream", ByteSource.of(in), -1, dtype, maxElements);
    }

    /**
     * Reads one array from any source.
     *
     * @param source the name at the start of error messages
     * @param container what holds the array ("file", "entry"), for error messages
     * @param in the bytes, positioned at the magic string; left just after the data
     * @param totalBytes the exact length of the input, or {@code -1} if unknown; when known, the data must fill it
     * @param dtype the element type of the result
     * @param maxElements the largest element count accepted
     * @return the tensor, in C order
     * @throws NpyFormatException if the bytes are not a valid, supported array within the limits
     * @throws IOException if reading fails
     */
    static Tensor read(String source, String container, ByteSource in, long totalBytes, DType dtype, int maxElements)
            throws IOException {
        if (maxElements < 0 || maxElements > Shapes.MAX_ELEMENTS) {
            throw new IllegalArgumentException(
                    "maxElements must be in [0, " + Shapes.MAX_ELEMENTS + "], got " + maxElements);
        }
        NpyHeader header = NpyHeader.read(source, in);
        String declared = "declared shape " + NpyHeader.shapeText(header.shape) + " of " + header.dtype.numpyName();
        long needed = header.dataBytes();
        if (totalBytes >= 0) {
            long available = totalBytes - header.dataOffset;
            if (needed < 0 || needed > available) {
                throw new NpyFormatException(
                        source,
                        declared + " needs " + (needed < 0 ? "more than " + Long.MAX_VALUE : needed) + " bytes but the "
                                + container + " has " + available + " bytes after the header");
            }
            if (needed < available) {
                // np.load would ignore the excess, but it usually means a corrupt file or several arrays saved into
                // one file, which read(InputStream) handles.
                throw new NpyFormatException(
                        source,
                        "the " + container + " has " + (available - needed) + " unexpected bytes after the data ("
                                + declared + " needs " + needed + " bytes); to read several arrays saved one after"
                                + " another, use read(InputStream) repeatedly");
            }
        }
        long count = header.elementCount();
        if (count < 0 || count > maxElements) {
            String limit = maxElements == Shapes.MAX_ELEMENTS
                    ? "Java's array limit of " + Shapes.MAX_ELEMENTS
                    : "the limit of " + maxElements + " set by the caller";
            throw new NpyFormatException(
                    source,
                    declared + " has " + (count < 0 ? "more than " + Long.MAX_VALUE : count) + " elements, more than "
                            + limit);
        }
        int[] shape = new int[header.shape.length];
        for (int i = 0; i < shape.length; i++) {
            // Only possible for empty arrays, whose other dimensions the element count does not bound.
            if (header.shape[i] > Shapes.MAX_ELEMENTS) {
                throw new NpyFormatException(
                        source, declared + " has the dimension " + header.shape[i] + ", beyond Java's array limit");
            }
            shape[i] = (int) header.shape[i];
        }
        int n = (int) count;
        int initialCapacity = totalBytes >= 0 ? n : Math.min(n, STREAM_INITIAL_ELEMENTS);
        Tensor flat = readData(source, in, header, n, initialCapacity, dtype);
        return arrange(flat, header.fortranOrder, shape);
    }

    private static Tensor readData(
            String source, ByteSource in, NpyHeader header, int n, int initialCapacity, DType dtype)
            throws IOException {
        NpyDtype type = header.dtype;
        int size = type.size();
        int chunkElements = CHUNK_BYTES / size;
        int bufferBytes = (int) Math.min(CHUNK_BYTES, (long) n * size);
        ByteBuffer buffer =
                in.prefersDirectBuffers() ? ByteBuffer.allocateDirect(bufferBytes) : ByteBuffer.allocate(bufferBytes);
        buffer.order(header.order);
        boolean wantDouble = dtype == DType.FLOAT64;
        float[] floats = wantDouble ? null : new float[initialCapacity];
        double[] doubles = wantDouble ? new double[initialCapacity] : null;
        int capacity = initialCapacity;
        int filled = 0;
        while (filled < n) {
            int k = Math.min(chunkElements, n - filled);
            buffer.clear().limit(k * size);
            int got = in.readFully(buffer);
            if (got < k * size) {
                throw new NpyFormatException(
                        source,
                        "data is truncated: the declared shape " + NpyHeader.shapeText(header.shape) + " of "
                                + type.numpyName() + " needs " + header.dataBytes() + " bytes but only "
                                + ((long) filled * size + got) + " follow the header");
            }
            buffer.flip();
            if (filled + k > capacity) {
                // Doubling keeps the copying linear; the array never outgrows twice the data seen so far.
                capacity = (int) Math.min(n, Math.max((long) filled + k, 2L * capacity));
                if (wantDouble) {
                    doubles = Arrays.copyOf(doubles, capacity);
                } else {
                    floats = Arrays.copyOf(floats, capacity);
                }
            }
            if (wantDouble) {
                type.decode(buffer, k, doubles, filled);
            } else {
                type.decode(buffer, k, floats, filled);
            }
            filled += k;
        }
        return wantDouble ? Tensor.wrap(doubles, n) : Tensor.wrap(floats, n);
    }

    /** Gives the flat data its shape, transposing Fortran-order data into row-major order. */
    private static Tensor arrange(Tensor flat, boolean fortranOrder, int[] shape) {
        int rank = shape.length;
        if (!fortranOrder || rank < 2) {
            return flat.reshape(shape);
        }
        // Fortran order is C order of the reversed shape; reversing the axes again yields the array in C order.
        int[] reversed = new int[rank];
        int[] order = new int[rank];
        for (int i = 0; i < rank; i++) {
            reversed[i] = shape[rank - 1 - i];
            order[i] = rank - 1 - i;
        }
        return flat.reshape(reversed).permute(order);
    }

    // ---------------------------------------------------------------- writing

    /**
     * Writes a tensor to a {@code .npy} file atomically, replacing an existing file, as {@code np.save} does.
     *
     * @param path the file; a file or symbolic link of that name is replaced
     * @param tensor the tensor: float32 is written as {@code '<f4'}, float64 as {@code '<f8'}
     * @throws IOException if the file cannot be written (it is then unchanged, and no temporary file remains)
     */
    public static void write(Path path, Tensor tensor) throws IOException {
        write(path, tensor, true);
    }

    /**
     * Writes a tensor to a {@code .npy} file atomically: the data goes to a temporary file in the same directory that
     * is renamed to {@code path} once complete, so readers never see a partial file.
     *
     * <pre>{@code
     * Npy.write(Path.of("result.npy"), result, false); // throws if result.npy exists
     * }</pre>
     *
     * @param path the file
     * @param tensor the tensor: float32 is written as {@code '<f4'}, float64 as {@code '<f8'}
     * @param replaceExisting whether an existing file may be replaced
     * @throws FileAlreadyExistsException if the file exists and {@code replaceExisting} is false
     * @throws IOException if the file cannot be written (it is then unchanged, and no temporary file remains)
     */
    public static void write(Path path, Tensor tensor, boolean replaceExisting) throws IOException {
        Objects.requireNonNull(tensor, "tensor");
        AtomicFiles.write(path, replaceExisting, out -> write(out, tensor));
    }

    /**
     * Writes a tensor in {@code .npy} format to a stream, which is flushed but not closed.
     *
     * @param out the stream
     * @param tensor the tensor: float32 is written as {@code '<f4'}, float64 as {@code '<f8'}
     * @throws IOException if writing fails
     */
    public static void write(OutputStream out, Tensor tensor) throws IOException {
        Objects.requireNonNull(out, "out");
        boolean isDouble = tensor.dtype() == DType.FLOAT64;
        byte[] header = NpyHeader.encode(isDouble ? "<f8" : "<f4", tensor.shape());
        if (header.length > NpyHeader.MAX_HEADER_BYTES) {
            throw new IllegalArgumentException("a tensor with " + tensor.dim() + " dimensions needs a .npy header of "
                    + header.length + " bytes, more than readers accept");
        }
        out.write(header);
        int n = tensor.numel();
        int size = isDouble ? 8 : 4;
        int chunkElements = CHUNK_BYTES / size;
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(CHUNK_BYTES, (long) n * size))
                .order(ByteOrder.LITTLE_ENDIAN);
        for (int done = 0; done < n; ) {
            int k = Math.min(chunkElements, n - done);
            buffer.clear();
            if (isDouble) {
                buffer.asDoubleBuffer().put(tensor.doubleArray(), done, k);
            } else {
                buffer.asFloatBuffer().put(tensor.floatArray(), done, k);
            }
            out.write(buffer.array(), 0, k * size);
            done += k;
        }
        out.flush();
    }
}
