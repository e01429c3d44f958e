package io.github.conv4j.io;

import io.github.conv4j.tensor.DType;
import io.github.conv4j.tensor.Shapes;
import io.github.conv4j.tensor.Tensor;
import java.io.EOFException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Reads and writes NumPy's {@code .npz} archives: zip files of named {@code .npy} arrays, as written by
 * {@code np.savez} (entries stored) and {@code np.savez_compressed} (entries deflated).
 *
 * <p>Each array is read as {@link Npy} reads a file, with the same dtypes, conversions and checks. The archive as a
 * whole is checked before any array is read: at most {@link #MAX_ENTRIES} entries, every entry a {@code .npy} file
 * with a unique name and a declared size, and the declared sizes together no more than a limit
 * ({@link #DEFAULT_MAX_TOTAL_BYTES} unless the caller sets another), which guards against zip bombs. Each entry's
 * {@code .npy} header must then agree with the entry's declared size before its array is allocated, an entry that
 * inflates to more than it declares is refused, and every entry's CRC is verified.
 *
 * <p>Written archives are read by {@code np.load}, and are reproducible: the same arrays always give the same bytes
 * (entry timestamps are fixed at 1980-01-01).
 *
 * <pre>{@code
 * Map<String, Tensor> weights = Npz.read(Path.of("model.npz")); // np.savez("model.npz", conv1=w, ...)
 * Tensor conv1 = weights.get("conv1");
 * Npz.writeCompressed(Path.of("scaled.npz"), Map.of("conv1", conv1.mul(0.5)));
 * }</pre>
 */
public final class Npz {
    /** The largest number of entries an archive may have; real archives have a few dozen. */
    public static final int MAX_ENTRIES = 65_536;

    /**
     * The default cap on the uncompressed size of all entries together, 4 GiB. Deflate compresses runs of zeros about
     * 1000-fold, so a few megabytes of archive could otherwise make the reader allocate gigabytes. The tensors may
     * take more memory than the entries: up to 4 times for 1-byte dtypes read as float32, 8 times as float64.
     */
    public static final long DEFAULT_MAX_TOTAL_BYTES = 1L << 32;

    private static final String NPY_SUFFIX = ".npy";

    /** A fixed timestamp makes output reproducible; DOS time cannot express anything earlier. */
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);

    private Npz() {}

    // ---------------------------------------------------------------- reading

    /**
     * Reads every array of an {@code .npz} archive as a float32 tensor.
     *
     * @param path the archive, on the default file system
     * @return the arrays in archive order, keyed by entry name without the {@code .npy} suffix
     * @throws NpyFormatException if the archive or one of its arrays is malformed, unsupported or too large
     * @throws IOException if the file cannot be read
     */
    public static Map<String, Tensor> read(Path path) throws IOException {
        return read(path, DType.FLOAT32);
    }

    /**
     * Reads every array of an {@code .npz} archive as a tensor of the given type.
     *
     * @param path the archive, on the default file system
     * @param dtype the element type of the results, whatever the arrays' dtypes
     * @return the arrays in archive order, keyed by entry name without the {@code .npy} suffix
     * @throws NpyFormatException if the archive or one of its arrays is malformed, unsupported or too large
     * @throws IOException if the file cannot be read
     */
    public static Map<String, Tensor> read(Path path, DType dtype) throws IOException {
        return read(path, dtype, DEFAULT_MAX_TOTAL_BYTES);
    }

    /**
     * Reads every array of an {@code .npz} archive, accepting up to {@code maxTotalBytes} of uncompressed
     * {@code .npy} data in all.
     *
     * <pre>{@code
     * Map<String, Tensor> big = Npz.read(Path.of("trusted.npz"), DType.FLOAT32, 16L << 30);
     * }</pre>
     *
     * @param path the archive, on the default file system
     * @param dtype the element type of the results
     * @param maxTotalBytes the largest total of the entries' declared uncompressed sizes
     * @return the arrays in archive order, keyed by entry name without the {@code .npy} suffix
     * @throws NpyFormatException if the archive or one of its arrays is malformed, unsupported or too large
     * @throws IllegalArgumentException if {@code maxTotalBytes} is negative
     * @throws IOException if the file cannot be read
     */
    public static Map<String, Tensor> read(Path path, DType dtype, long maxTotalBytes) throws IOException {
        return read(path, dtype, maxTotalBytes, MAX_ENTRIES);
    }

    /**
     * Reads an archive with a custom entry cap, so that tests need not build 65,537-entry archives.
     *
     * @param path the archive
     * @param dtype the element type of the results
     * @param maxTotalBytes the largest total of the entries' declared uncompressed sizes
     * @param maxEntries the largest number of entries accepted
     * @return the arrays in archive order
     * @throws IOException if the file cannot be read
     */
    static Map<String, Tensor> read(Path path, DType dtype, long maxTotalBytes, int maxEntries) throws IOException {
        Objects.requireNonNull(dtype, "dtype");
        if (maxTotalBytes < 0) {
            throw new IllegalArgumentException("maxTotalBytes must not be negative, got " + maxTotalBytes);
        }
        String name = path.toString();
        ZipFile zip;
        try {
            zip = new ZipFile(path.toFile());
        } catch (ZipException | EOFException e) {
            // The JDK reports some corrupt directories as EOFException: offsets pointing past the end of the file.
            throw new NpyFormatException(name, "not a valid zip archive (" + e.getMessage() + ")", e);
        }
        try (zip) {
            List<ZipEntry> entries = checkEntries(name, zip, maxTotalBytes, maxEntries);
            Map<String, Tensor> arrays = new LinkedHashMap<>();
            for (ZipEntry entry : entries) {
                String entryName = entry.getName();
                String key = entryName.substring(0, entryName.length() - NPY_SUFFIX.length());
                arrays.put(key, readEntry(name + ", entry '" + entryName + "'", zip, entry, dtype));
            }
            return arrays;
        }
    }

    /** Validates the whole directory before anything is inflated or allocated. */
    private static List<ZipEntry> checkEntries(String name, ZipFile zip, long maxTotalBytes, int maxEntries) {
        List<ZipEntry> entries = new ArrayList<>();
        Set<String> names = new HashSet<>();
        long total = 0;
        for (Enumeration<? extends ZipEntry> all = zip.entries(); all.hasMoreElements(); ) {
            ZipEntry entry = nextEntry(name, all);
            if (entries.size() == maxEntries) {
                throw new NpyFormatException(name, "the archive has more than " + maxEntries + " entries");
            }
            String entryName = entry.getName();
            if (!names.add(entryName)) {
                throw new NpyFormatException(name, "the entry '" + entryName + "' appears more than once");
            }
            if (entry.isDirectory() || !entryName.endsWith(NPY_SUFFIX)) {
                throw new NpyFormatException(
                        name, "the entry '" + entryName + "' is not a .npy file; an .npz archive holds only arrays");
            }
            if (entry.getMethod() != ZipEntry.STORED && entry.getMethod() != ZipEntry.DEFLATED) {
                throw new NpyFormatException(
                        name,
                        "the entry '" + entryName + "' uses compression method " + entry.getMethod()
                                + "; only stored (0) and deflated (8) entries are supported");
            }
            long size = entry.getSize();
            if (size < 0) {
                throw new NpyFormatException(name, "the entry '" + entryName + "' does not declare its size");
            }
            if (entry.getMethod() == ZipEntry.STORED && entry.getCompressedSize() != size) {
                throw new NpyFormatException(
                        name,
                        "the stored entry '" + entryName + "' declares " + size + " bytes but occupies "
                                + entry.getCompressedSize());
            }
            total += size;
            if (total > maxTotalBytes || total < 0) {
                throw new NpyFormatException(
                        name,
                        "the entries declare more than " + maxTotalBytes + " bytes of arrays in total (a zip bomb?);"
                                + " pass a larger maxTotalBytes if the archive is trusted");
            }
            entries.add(entry);
        }
        return entries;
    }

    private static ZipEntry nextEntry(String name, Enumeration<? extends ZipEntry> entries) {
        try {
            return entries.nextElement();
        } catch (IllegalArgumentException e) {
            // The JDK decodes entry names lazily and reports undecodable ones this way.
            throw new NpyFormatException(name, "corrupt zip directory (" + e.getMessage() + ")", e);
        }
    }

    private static Tensor readEntry(String source, ZipFile zip, ZipEntry entry, DType dtype) throws IOException {
        try (InputStream raw = zip.getInputStream(entry);
                CheckedInputStream in = new CheckedInputStream(raw, new CRC32())) {
            Tensor t = Npy.read(source, "entry", ByteSource.of(in), entry.getSize(), dtype, Shapes.MAX_ELEMENTS);
            if (in.read() >= 0) {
                throw new NpyFormatException(
                        source, "the entry holds more than the " + entry.getSize() + " bytes it declares");
            }
            if (entry.getCrc() != -1 && in.getChecksum().getValue() != entry.getCrc()) {
                throw new NpyFormatException(
                        source,
                        String.format(
                                "CRC mismatch (computed %08x, declared %08x): the archive is corrupt",
                                in.getChecksum().getValue(), entry.getCrc()));
            }
            return t;
        } catch (ZipException | EOFException e) {
            throw new NpyFormatException(source, "corrupt compressed data (" + e.getMessage() + ")", e);
        }
    }

    // ---------------------------------------------------------------- writing

    /**
     * Writes tensors to an {@code .npz} archive with stored (uncompressed) entries, as {@code np.savez} does,
     * atomically replacing an existing file.
     *
     * <pre>{@code
     * Map<String, Tensor> arrays = new LinkedHashMap<>();
     * arrays.put("weight", Tensor.randn(42, 8, 3, 3, 3));
     * arrays.put("bias", Tensor.zeros(8));
     * Npz.write(Path.of("conv.npz"), arrays); // np.load("conv.npz")["weight"]
     * }</pre>
     *
     * @param path the archive; a file or symbolic link of that name is replaced
     * @param arrays the tensors by name, written in the map's iteration order as entries {@code name + ".npy"}
     * @throws IllegalArgumentException if a name is empty or contains a NUL character
     * @throws IOException if the file cannot be written (it is then unchanged, and no temporary file remains)
     */
    public static void write(Path path, Map<String, Tensor> arrays) throws IOException {
        write(path, arrays, true);
    }

    /**
     * Writes tensors to an {@code .npz} archive with stored entries, atomically, as {@link Npy#write(Path, Tensor,
     * boolean)} writes a single array.
     *
     * @param path the archive
     * @param arrays the tensors by name, written in the map's iteration order as entries {@code name + ".npy"}
     * @param replaceExisting whether an existing file may be replaced
     * @throws FileAlreadyExistsException if the file exists and {@code replaceExisting} is false
     * @throws IllegalArgumentException if a name is empty or contains a NUL character
     * @throws IOException if the file cannot be written (it is then unchanged, and no temporary file remains)
     */
    public static void write(Path path, Map<String, Tensor> arrays, boolean replaceExisting) throws IOException {
        checkNames(path.toString(), arrays);
        AtomicFiles.write(path, replaceExisting, out -> writeArchive(out, arrays, false));
    }

    /**
     * Writes tensors to an {@code .npz} archive with deflated entries, as {@code np.savez_compressed} does,
     * atomically replacing an existing file.
     *
     * @param path the archive; a file or symbolic link of that name is replaced
     * @param arrays the tensors by name, written in the map's iteration order as entries {@code name + ".npy"}
     * @throws IllegalArgumentException if a name is empty or contains a NUL character
     * @throws IOException if the file cannot be written (it is then unchanged, and no temporary file remains)
     */
    public static void writeCompressed(Path path, Map<String, Tensor> arrays) throws IOException {
        writeCompressed(path, arrays, true);
    }

    /**
     * Writes tensors to an {@code .npz} archive with deflated entries, atomically.
     *
     * @param path the archive
     * @param arrays the tensors by name, written in the map's iteration order as entries {@code name + ".npy"}
     * @param replaceExisting whether an existing file may be replaced
     * @throws FileAlreadyExistsException if the file exists and {@code replaceExisting} is false
     * @throws IllegalArgumentException if a name is empty or contains a NUL character
     * @throws IOException if the file cannot be written (it is then unchanged, and no temporary file remains)
     */
    public static void writeCompressed(Path path, Map<String, Tensor> arrays, boolean replaceExisting)
            throws IOException {
        checkNames(path.toString(), arrays);
        AtomicFiles.write(path, replaceExisting, out -> writeArchive(out, arrays, true));
    }

    /**
     * Writes tensors as an {@code .npz} archive with stored entries to a stream, which is flushed but not closed.
     *
     * @param out the stream
     * @param arrays the tensors by name, written in the map's iteration order as entries {@code name + ".npy"}
     * @throws IllegalArgumentException if a name is empty or contains a NUL character
     * @throws IOException if writing fails
     */
    public static void write(OutputStream out, Map<String, Tensor> arrays) throws IOException {
        checkNames("output stream", arrays);
        writeArchive(out, arrays, false);
    }

    /**
     * Writes tensors as an {@code .npz} archive with deflated entries to a stream, which is flushed but not closed.
     *
     * @param out the stream
     * @param arrays the tensors by name, written in the map's iteration order as entries {@code name + ".npy"}
     * @throws IllegalArgumentException if a name is empty or contains a NUL character
     * @throws IOException if writing fails
     */
    public static void writeCompressed(OutputStream out, Map<String, Tensor> arrays) throws IOException {
        checkNames("output stream", arrays);
        writeArchive(out, arrays, true);
    }

    /** Checks every name before anything is written, so that a bad name cannot leave half an archive behind. */
    private static void checkNames(String target, Map<String, Tensor> arrays) {
        Objects.requireNonNull(arrays, "arrays");
        for (Map.Entry<String, Tensor> e : arrays.entrySet()) {
            String key = e.getKey();
            if (key == null || key.isEmpty() || key.indexOf('\0') >= 0) {
                throw new IllegalArgumentException(target + ": array names must be non-empty and free of NUL"
                        + " characters, got " + (key == null ? "null" : "'" + key.replace("\0", "\\0") + "'"));
            }
            if (e.getValue() == null) {
                throw new IllegalArgumentException(target + ": the array '" + key + "' is null");
            }
        }
    }

    private static void writeArchive(OutputStream out, Map<String, Tensor> arrays, boolean compress)
            throws IOException {
        // Closing the zip stream frees its native Deflater; the shield keeps that close from closing the caller's
        // stream.
        OutputStream shield = new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        };
        try (ZipOutputStream zip = new ZipOutputStream(shield)) {
            for (Map.Entry<String, Tensor> e : arrays.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey() + NPY_SUFFIX);
                entry.setTimeLocal(ENTRY_TIME);
                if (compress) {
                    entry.setMethod(ZipEntry.DEFLATED);
                } else {
                    // Stored entries need size and CRC up front; a first pass computes them without buffering the
                    // whole array.
                    CrcCounter counter = new CrcCounter();
                    Npy.write(counter, e.getValue());
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(counter.count);
                    entry.setCompressedSize(counter.count);
                    entry.setCrc(counter.crc.getValue());
                }
                zip.putNextEntry(entry);
                Npy.write(zip, e.getValue());
                zip.closeEntry();
            }
        }
    }

    /** Counts and checksums what is written to it, discarding the bytes. */
    private static final class CrcCounter extends OutputStream {
        final CRC32 crc = new CRC32();
        long count;

        @Override
        public void write(int b) {
            crc.update(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            crc.update(b, off, len);
            count += len;
        }
    }
}
