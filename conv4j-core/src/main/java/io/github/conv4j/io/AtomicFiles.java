package io.github.conv4j.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/**
 * Writes a file so that readers see either the old content or the complete new content, never a partial file.
 *
 * <p>The content goes to a temporary file in the target's directory (so that the final rename stays within one file
 * system and is atomic), is forced to disk, and is then renamed over the target. On any failure the temporary file
 * is deleted and the target is left as it was.
 */
final class AtomicFiles {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** File names are limited to 255 bytes on common file systems; the temp name adds a prefix and a suffix. */
    private static final int MAX_BASE_NAME = 100;

    private AtomicFiles() {}

    /** The body of a write: fills the stream it is given, without closing it. */
    @FunctionalInterface
    interface Body {
        /**
         * Writes the content.
         *
         * @param out the stream to the temporary file
         * @throws IOException if writing fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code target} atomically.
     *
     * @param target the file to create or replace; a symbolic link there is replaced, not followed
     * @param replaceExisting whether an existing target may be replaced
     * @param body writes the content
     * @throws FileAlreadyExistsException if the target exists and {@code replaceExisting} is false
     * @throws IOException if writing or renaming fails (the target is then unchanged)
     */
    static void write(Path target, boolean replaceExisting, Body body) throws IOException {
        if (!replaceExisting && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            // Fail before doing any work; commit() checks again atomically.
            throw new FileAlreadyExistsException(target.toString());
        }
        Path temp = createTemp(target);
        boolean committed = false;
        try {
            // FileChannel rather than Files.newOutputStream so that the data can be forced to disk before the
            // rename; otherwise a crash could leave a renamed but empty file.
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                OutputStream out = Channels.newOutputStream(channel);
                body.writeTo(out);
                out.flush();
                channel.force(true);
            }
            commit(temp, target, replaceExisting);
            committed = true;
        } finally {
            if (!committed) {
                deleteQuietly(temp);
            }
        }
    }

    /**
     * Creates the temporary file with the default permissions. {@code Files.createTempFile} is avoided on purpose: it
     * creates files readable only by the owner, and the rename would give the target those permissions too.
     */
    private static Path createTemp(Path target) throws IOException {
        Path fileName = target.getFileName();
        if (fileName == null) {
            throw new IllegalArgumentException(target + ": not a file path");
        }
        String base = fileName.toString();
        if (base.length() > MAX_BASE_NAME) {
            base = base.substring(0, MAX_BASE_NAME);
        }
        Path dir = target.toAbsolutePath().getParent();
        while (true) {
            Path temp = dir.resolve("." + base + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
            try {
                return Files.createFile(temp);
            } catch (FileAlreadyExistsException e) {
                // A name collision with another writer: draw another name.
            }
        }
    }

    private static void commit(Path temp, Path target, boolean replaceExisting) throws IOException {
        if (replaceExisting) {
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return;
        }
        // rename() would silently replace a file created since the check in write(); link() fails atomically if
        // the target exists.
        try {
            Files.createLink(target, temp);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (UnsupportedOperationException | FileSystemException e) {
            // No hard links on this file system (FAT, some network shares): a plain move, which checks for an
            // existing target but not atomically.
            Files.move(temp, target);
            return;
        }
        // The target is complete now; failing to remove the second name must not report the write as failed.
        deleteQuietly(temp);
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException | RuntimeException e) {
            // The original failure matters more; a stray temp file is named so as to be recognisable.
        }
    }
}
