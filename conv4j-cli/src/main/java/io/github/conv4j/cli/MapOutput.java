package io.github.conv4j.cli;

import io.github.conv4j.image.FeatureGrid;
import io.github.conv4j.image.ImageTensors;
import io.github.conv4j.image.Normalization;
import io.github.conv4j.tensor.Tensor;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes a filter result to the file the user named: a PNG rendered with a {@link Normalization} (a grid of maps
 * when a signed result has several channels).
 */
final class MapOutput {
    private MapOutput() {}

    /** Rejects an output name this build cannot write, before any work is done. */
    static void checkExtension(CommandContext context, Path target) {
        String name = target.getFileName() == null
                ? ""
                : target.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".png")) {
            throw context.usage("output must end in .png or .npy, got '" + target + "'");
        }
    }

    static void writePng(
            Path target, Tensor map, Normalization normalization, boolean allowNonFinite, int bitDepth, boolean force) {
        Tensor image = renderable(map, normalization, allowNonFinite);
        AtomicOutput.write(target, force, out -> ImageTensors.writePng(image, out, bitDepth));
    }

    private static Tensor renderable(Tensor map, Normalization normalization, boolean allowNonFinite) {
        int channels = map.dim() == 2 ? 1 : map.size(0);
        if (normalization == Normalization.SIGNED && channels > 1) {
            return FeatureGrid.render(map, normalization, allowNonFinite);
        }
        return normalization.apply(map, allowNonFinite);
    }
}
