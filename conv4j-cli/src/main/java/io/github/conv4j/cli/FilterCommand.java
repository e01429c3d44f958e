package io.github.conv4j.cli;

import io.github.conv4j.image.Filters;
import io.github.conv4j.image.ImageReadOptions;
import io.github.conv4j.image.ImageTensors;
import io.github.conv4j.image.Kernels;
import io.github.conv4j.image.Normalization;
import io.github.conv4j.spec.Conv2dOptions;
import io.github.conv4j.spec.IntPair;
import io.github.conv4j.spec.Padding;
import io.github.conv4j.spec.PaddingMode;
import io.github.conv4j.tensor.Tensor;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code conv4j filter}: applies one kernel to every channel of an image and writes a viewable PNG.
 */
@Command(
        name = "filter",
        mixinStandardHelpOptions = true,
        description = "Filter an image with a named, inline or .npy kernel; write a viewable PNG or the raw .npy.",
        footer = {
            "",
            "Kernels: edge, sobel-x, sobel-y, scharr-x, scharr-y, prewitt-x, prewitt-y, laplacian, laplacian8,",
            "  gaussian:SIGMA[:SIZE], box:K, sharpen, emboss, deriv:D, deriv-y:D, integral:N,",
            "  an inline matrix '1,-1;2,-2' or a 2-D FILE.npy. An OUT.npy output holds the raw (C, H, W) response.",
            "Normalisations: abs, clip, minmax, signed (blue < 0 < red).",
            "  Default: clip for kernels summing to 1 (blur, sharpen), signed otherwise.",
            "",
            "Examples:",
            "  conv4j filter photo.png --kernel sobel-x --gray -o sobel-x.png",
            "  conv4j filter photo.png --kernel gaussian:2 -o blurred.png",
            "  conv4j filter photo.png --kernel '1,-1' --convolve --padding valid -o edges.png --normalize abs",
            "  conv4j filter photo.png --kernel laplacian --padding-mode symmetric --stride 2 -o lap.png",
            "  conv4j filter photo.png --kernel my-kernel.npy --gray -o response.npy",
            "  conv4j filter --list-kernels"
        })
public final class FilterCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Conv4jCommand parent;

    @Parameters(arity = "0..1", paramLabel = "IMAGE", description = "Input PNG, JPEG, BMP or GIF.")
    Path input;

    @Option(
            names = {"-k", "--kernel"},
            paramLabel = "KERNEL",
            description = "Kernel name, inline matrix or FILE.npy (see below).")
    String kernel;

    @Option(names = "--list-kernels", description = "Print the kernel names with their matrices and exit.")
    boolean listKernels;

    @Option(names = "--correlate", description = "Cross-correlate (the default; what conv2d does).")
    boolean correlate;

    @Option(names = "--convolve", description = "True convolution: the kernel is rotated by 180 degrees.")
    boolean convolve;

    @Option(
            names = "--padding",
            paramLabel = "P",
            description = "same, valid, P, PH,PW or T,B,L,R (default: ${DEFAULT-VALUE}).")
    String padding = "same";

    @Option(
            names = "--padding-mode",
            paramLabel = "MODE",
            description = "zeros, constant, reflect, symmetric, replicate, circular (default: ${DEFAULT-VALUE}).")
    String paddingMode = "reflect";

    @Option(names = "--stride", paramLabel = "S", description = "S or SH,SW (default: ${DEFAULT-VALUE}).")
    String stride = "1";

    @Option(names = "--dilation", paramLabel = "D", description = "D or DH,DW (default: ${DEFAULT-VALUE}).")
    String dilation = "1";

    @Option(names = "--gray", description = "Convert to gray (ITU-R BT.601 luma) before filtering.")
    boolean gray;

    @Option(names = "--normalize", paramLabel = "HOW", description = "abs, clip, minmax or signed.")
    String normalize;

    @Option(names = "--allow-non-finite", description = "Render NaN/Inf instead of refusing them.")
    boolean allowNonFinite;

    @Option(names = "--bit-depth", paramLabel = "BITS", description = "8 or 16 (default: ${DEFAULT-VALUE}).")
    int bitDepth = 8;

    @Option(
            names = "--max-pixels",
            paramLabel = "N",
            description = "Refuse larger images before decoding (default: ${DEFAULT-VALUE}).")
    long maxPixels = ImageReadOptions.DEFAULT_MAX_PIXELS;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "OUT.png|OUT.npy",
            description = "Output file.")
    Path output;

    /** Creates the command (picocli instantiates it). */
    public FilterCommand() {}

    /** Filters the image, or lists the kernels. */
    @Override
    public void run() {
        CommandContext context = new CommandContext(spec.commandLine());
        if (listKernels) {
            list(spec.commandLine().getOut());
            return;
        }
        if (input == null) {
            throw context.usage("missing IMAGE");
        }
        if (kernel == null) {
            throw context.usage("missing --kernel");
        }
        if (output == null) {
            throw context.usage("missing -o/--output");
        }
        if (correlate && convolve) {
            throw context.usage("--correlate and --convolve exclude each other");
        }
        if (bitDepth != 8 && bitDepth != 16) {
            throw context.usage("--bit-depth must be 8 or 16, got " + bitDepth);
        }
        Tensor k = TensorFiles.isNpy(Path.of(kernel))
                ? kernelFile(Path.of(kernel))
                : context.parse(() -> Kernels.parse(kernel));
        Conv2dOptions options = context.parse(() -> Conv2dOptions.defaults()
                .padding(Padding.parse(padding))
                .paddingMode(PaddingMode.parse(paddingMode))
                .stride(IntPair.parse("stride", stride))
                .dilation(IntPair.parse("dilation", dilation)));
        Normalization norm = normalize == null
                ? (Math.abs(k.sum().item() - 1) < 1e-6 ? Normalization.CLIP : Normalization.SIGNED)
                : context.parse(() -> Normalization.parse(normalize));
        ImageReadOptions read = context.parse(
                () -> ImageReadOptions.defaults().maxPixels(maxPixels).gray(gray));
        boolean npy = TensorFiles.isNpy(output);
        if (!npy) {
            MapOutput.checkExtension(context, output);
        }
        AtomicOutput.checkWritable(output, parent.force);
        Tensor image = readImage(input, read);
        Tensor result = convolve ? Filters.convolve(image, k, options) : Filters.correlate(image, k, options);
        if (npy) {
            // The raw signed response, for further processing: no normalisation.
            TensorFiles.write(output, result, parent.force);
            Report.wrote(parent, spec, output, result.shape());
            return;
        }
        MapOutput.writePng(output, result, norm, allowNonFinite, bitDepth, parent.force);
        if (!parent.quiet) {
            int[] s = result.shape();
            spec.commandLine()
                    .getOut()
                    .printf(
                            "wrote %s (%d channel(s), %dx%d, %s)%n",
                            output, s[0], s[2], s[1], norm.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    private static Tensor kernelFile(Path file) {
        Tensor k = TensorFiles.read(file);
        if (k.dim() != 2) {
            throw new CliException(
                    CliException.RUNTIME,
                    file + ": a kernel must be 2-D (kH, kW), got shape " + java.util.Arrays.toString(k.shape()));
        }
        return k;
    }

    static Tensor readImage(Path input, ImageReadOptions read) {
        try {
            return ImageTensors.read(input, read);
        } catch (IOException e) {
            throw new CliException(CliException.RUNTIME, "cannot read " + input + ": " + e.getMessage(), e);
        }
    }

    private static void list(PrintWriter out) {
        for (Map.Entry<String, Tensor> e : Kernels.catalogue().entrySet()) {
            out.println(
                    e.getKey() + " " + java.util.Arrays.toString(e.getValue().shape()));
            out.println(e.getValue());
            out.println();
        }
        out.flush();
    }
}
