package io.github.conv4j.cli;

import io.github.conv4j.io.Npy;
import io.github.conv4j.tensor.Tensor;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code .npy} input and output for the tensor subcommands: reading maps file-system failures to one-line runtime
 * errors (format problems already arrive as messages naming the file), writing goes through {@link AtomicOutput}.
 */
final class TensorFiles {
    private TensorFiles() {}

    static boolean isNpy(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".npy");
    }

    static void requireNpyOutput(CommandContext context, Path target) {
        if (!isNpy(target)) {
            throw context.usage("output must end in .npy, got '" + target + "'");
        }
    }

    static Tensor read(Path file) {
        try {
            return Npy.read(file);
        } catch (NoSuchFileException e) {
            throw new CliException(CliException.RUNTIME, file + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new CliException(CliException.RUNTIME, file + ": permission denied", e);
        } catch (IOException e) {
            throw new CliException(CliException.RUNTIME, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static void write(Path target, Tensor tensor, boolean force) {
        AtomicOutput.write(target, force, out -> Npy.write(out, tensor));
    }
}
