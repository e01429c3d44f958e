package io.github.conv4j.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes an output file so that nobody ever sees half of it: the bytes go to a temporary file in the target's
 * folder (same file system, so the rename is atomic), which is then renamed over the target. An existing file is
 * only replaced when overwriting is allowed, and on any failure the temporary file is deleted and the target is left
 * as it was.
 *
 * <pre>{@code
 * AtomicOutput.write(Path.of("edges.png"), force, out -> ImageTensors.writePng(map, out, 8));
 * }</pre>
 */
public final class AtomicOutput {
    private AtomicOutput() {}

    /** What writes the content; may throw I/O and argument errors. */
    @FunctionalInterface
    public interface Body {
        /**
         * Writes the whole content.
         *
         * @param out the stream to the temporary file; closed by the caller
         * @throws IOException if writing fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Checks that {@code target} may be written before any work is done, so a long computation does not end in
     * "file exists".
     *
     * @param target the output file
     * @param overwrite whether an existing file may be replaced
     * @throws CliException (exit 1) if it exists and may not be replaced, is a folder, or its folder is missing
     */
    public static void checkWritable(Path target, boolean overwrite) {
        Path file = target.toAbsolutePath();
        if (Files.isDirectory(file)) {
            throw new CliException(CliException.RUNTIME, "output is a folder: " + target);
        }
        if (Files.exists(file) && !overwrite) {
            throw new CliException(CliException.RUNTIME, "output exists: " + target + " (use --force to overwrite)");
        }
        Path dir = file.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new CliException(CliException.RUNTIME, "output folder does not exist: " + dir);
        }
    }

    /**
     * Writes {@code target} atomically.
     *
     * @param target the output file
     * @param overwrite whether an existing file may be replaced
     * @param body writes the content
     * @throws CliException (exit 1) if the target may not be written or writing fails
     * @throws IllegalArgumentException if the body refuses its input; the target is untouched
     */
    public static void write(Path target, boolean overwrite, Body body) {
        checkWritable(target, overwrite);
        Path file = target.toAbsolutePath();
        Path dir = file.getParent();
        Path temp;
        try {
            // Hidden and clearly named, so a crash that skips the cleanup leaves something recognisable.
            temp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
        } catch (AccessDeniedException e) {
            throw new CliException(CliException.RUNTIME, "cannot write to folder " + dir + ": permission denied", e);
        } catch (FileSystemException e) {
            throw new CliException(CliException.RUNTIME, "cannot write to folder " + dir + ": " + reason(e), e);
        } catch (IOException e) {
            throw new CliException(CliException.RUNTIME, "cannot write to folder " + dir + ": " + e.getMessage(), e);
        }
        boolean moved = false;
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                body.writeTo(out);
            }
            publishPermissions(temp, file);
            if (overwrite) {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                publishWithoutReplacing(temp, file, target);
            }
            moved = true;
        } catch (IOException e) {
            throw new CliException(CliException.RUNTIME, "cannot write " + target + ": " + reason(e), e);
        } finally {
            if (!moved) {
                deleteQuietly(temp);
            }
        }
    }

    /**
     * A rename would silently replace a file created since {@link #checkWritable}; a hard link fails instead, so
     * "never overwrite without --force" holds even against a concurrent writer. File systems without hard links get
     * the check-then-rename fallback.
     */
    private static void publishWithoutReplacing(Path temp, Path file, Path target) throws IOException {
        try {
            Files.createLink(file, temp);
        } catch (FileAlreadyExistsException e) {
            throw new CliException(CliException.RUNTIME, "output exists: " + target + " (use --force to overwrite)", e);
        } catch (UnsupportedOperationException | FileSystemException e) {
            if (Files.exists(file)) {
                throw new CliException(
                        CliException.RUNTIME, "output exists: " + target + " (use --force to overwrite)", e);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        deleteQuietly(temp);
    }

    private static void publishPermissions(Path temp, Path file) throws IOException {
        // Temp files are created owner-only; the result should look like any other file the user writes.
        if (!Files.getFileStore(temp).supportsFileAttributeView(PosixFileAttributeView.class)) {
            return;
        }
        Set<PosixFilePermission> permissions =
                Files.exists(file) ? Files.getPosixFilePermissions(file) : PosixFilePermissions.fromString("rw-r--r--");
        Files.setPosixFilePermissions(temp, permissions);
    }

    private static String reason(IOException e) {
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // The original failure is what the user needs to see; a leftover hidden temp file is secondary.
        }
    }
}
