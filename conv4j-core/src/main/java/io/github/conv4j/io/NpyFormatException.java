package io.github.conv4j.io;

/**
 * Thrown when a {@code .npy} or {@code .npz} file is malformed, unsupported or larger than the reader allows.
 *
 * <p>It is an {@link IllegalArgumentException} because the problem lies in the data handed to the reader, not in the
 * I/O system: the same bytes fail every time, so retrying is pointless. Genuine I/O failures (a missing file, a disk
 * error) are reported as {@link java.io.IOException}s instead. The message always starts with the file (or entry)
 * that is at fault, followed by what is wrong, for example:
 *
 * <pre>{@code
 * try {
 *     Tensor w = Npy.read(Path.of("weights.npy"));
 * } catch (NpyFormatException e) {
 *     // "weights.npy: declared shape (3, 1000000000) of float32 needs 12000000000 bytes
 *     //  but the file has 40 bytes after the header"
 *     System.err.println(e.getMessage());
 * }
 * }</pre>
 */
public class NpyFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The file or archive entry at fault, as it appears at the start of the message. */
    private final String source;

    /**
     * Creates an exception whose message is {@code source + ": " + problem}.
     *
     * @param source the file or entry at fault, e.g. {@code "weights.npy"}
     * @param problem what is wrong with it
     */
    public NpyFormatException(String source, String problem) {
        super(source + ": " + problem);
        this.source = source;
    }

    /**
     * Creates an exception with an underlying cause, such as the {@link java.util.zip.ZipException} that revealed a
     * corrupt archive.
     *
     * @param source the file or entry at fault
     * @param problem what is wrong with it
     * @param cause the exception that revealed the problem
     */
    public NpyFormatException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.source = source;
    }

    /**
     * Returns the file or archive entry at fault.
     *
     * @return the name the message starts with
     */
    public String source() {
        return source;
    }
}
