package io.github.conv4j.cli;

import io.github.conv4j.image.Filters;
import io.github.conv4j.image.ImageReadOptions;
import io.github.conv4j.image.Normalization;
import io.github.conv4j.tensor.Tensor;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code conv4j edges}: gradient magnitude {@code sqrt(gx² + gy²)} of the gray image, scaled so the strongest edge
 * is white.
 */
@Command(
        name = "edges",
        mixinStandardHelpOptions = true,
        description = "Write the edge strength (Sobel or Scharr gradient magnitude) of an image as a gray PNG.",
        footer = {
            "",
            "Examples:",
            "  conv4j edges photo.png -o edges.png",
            "  conv4j edges photo.png --operator scharr --color -o edges-rgb.png --force"
        })
public final class EdgesCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Conv4jCommand parent;

    @Parameters(paramLabel = "IMAGE", description = "Input PNG, JPEG, BMP or GIF.")
    Path input;

    @Option(
            names = {"-o", "--output"},
            required = true,
            paramLabel = "OUT.png",
            description = "Output PNG.")
    Path output;

    @Option(names = "--operator", paramLabel = "OP", description = "sobel or scharr (default: ${DEFAULT-VALUE}).")
    String operator = "sobel";

    @Option(names = "--color", description = "Edges per colour channel instead of on the gray image.")
    boolean color;

    @Option(
            names = "--max-pixels",
            paramLabel = "N",
            description = "Refuse larger images before decoding (default: ${DEFAULT-VALUE}).")
    long maxPixels = ImageReadOptions.DEFAULT_MAX_PIXELS;

    /** Creates the command (picocli instantiates it). */
    public EdgesCommand() {}

    /** Computes and writes the edge map. */
    @Override
    public void run() {
        CommandContext context = new CommandContext(spec.commandLine());
        if (!operator.equals("sobel") && !operator.equals("scharr")) {
            throw context.usage("--operator must be sobel or scharr, got '" + operator + "'");
        }
        MapOutput.checkExtension(context, output);
        ImageReadOptions read = context.parse(
                () -> ImageReadOptions.defaults().maxPixels(maxPixels).gray(!color));
        AtomicOutput.checkWritable(output, parent.force);
        Tensor image = FilterCommand.readImage(input, read);
        if (color && image.size(0) == 4) {
            // Edges of the alpha channel are not edges of the picture.
            image = image.reshape(4, -1)
                    .slice(io.github.conv4j.tensor.Slice.range(0, 3), io.github.conv4j.tensor.Slice.all())
                    .reshape(3, image.size(1), image.size(2));
        }
        Tensor edges = operator.equals("sobel") ? Filters.sobelMagnitude(image) : Filters.scharrMagnitude(image);
        MapOutput.writePng(output, edges, Normalization.ABS, false, 8, parent.force);
        if (!parent.quiet) {
            spec.commandLine().getOut().printf("wrote %s%n", output);
        }
    }
}
