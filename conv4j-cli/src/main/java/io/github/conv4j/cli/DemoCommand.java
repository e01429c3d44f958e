package io.github.conv4j.cli;

import io.github.conv4j.image.Filters;
import io.github.conv4j.image.ImageTensors;
import io.github.conv4j.image.Kernels;
import io.github.conv4j.image.Normalization;
import io.github.conv4j.tensor.Tensor;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code conv4j demo}: the seed chapter's examples on built-in data, then classic filters on a picture the program
 * draws itself, written as PNGs. The output folder is the demo's own: its files are replaced on every run, and
 * nothing else is written.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Replay the seed chapter's examples, then filter a generated picture into PNGs.",
            "Prints corr2d, the convolution layer, edge detection, learning [1,-1], padding, stride, channels,",
            "pooling and the kernel flip; writes Sobel, Laplacian, Gaussian-blur and sharpen results."
        },
        footer = {"", "Examples:", "  conv4j demo", "  conv4j demo -o /tmp/conv4j-demo", "  conv4j demo --quiet"})
public final class DemoCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Conv4jCommand parent;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "DIR",
            description = "Folder for the PNGs (created if missing; default: ${DEFAULT-VALUE}).")
    Path output = Path.of("conv4j-demo");

    /** Creates the command (picocli instantiates it). */
    public DemoCommand() {}

    /** Runs the walkthrough and writes the pictures. */
    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        // Quiet still runs everything (the files are the product); it only discards the narration.
        PrintWriter narration = parent.quiet ? new PrintWriter(new StringWriter()) : out;
        prepareFolder();
        new SeedWalkthrough(narration).run();
        List<Path> written = writePictures();
        narration.println();
        narration.println("== Filters on a generated picture ==");
        for (Path p : written) {
            narration.println("wrote " + p);
        }
        narration.println(
                "Open them in any image viewer; signed maps are blue (negative) / white (0) / red (positive).");
        narration.flush();
    }

    private void prepareFolder() {
        if (Files.exists(output) && !Files.isDirectory(output)) {
            throw new CliException(CliException.RUNTIME, "demo output is not a folder: " + output);
        }
        try {
            Files.createDirectories(output);
        } catch (IOException e) {
            throw new CliException(CliException.RUNTIME, "cannot create demo folder " + output + ": " + e, e);
        }
    }

    private List<Path> writePictures() {
        Tensor picture = ImageTensors.fromImage(DemoPicture.draw(), false);
        Tensor gray = Filters.toGray(picture);
        List<Path> written = new ArrayList<>();
        write(written, "picture.png", picture);
        write(written, "gray.png", gray);
        Tensor gx = Filters.correlate(gray, Kernels.sobelX(), Filters.sameReflect());
        Tensor gy = Filters.correlate(gray, Kernels.sobelY(), Filters.sameReflect());
        write(written, "sobel-x.png", Normalization.SIGNED.apply(gx, false));
        write(written, "sobel-y.png", Normalization.SIGNED.apply(gy, false));
        write(written, "sobel-magnitude.png", Normalization.ABS.apply(Filters.sobelMagnitude(gray), false));
        write(written, "laplacian.png", Normalization.SIGNED.apply(Filters.laplacian(gray), false));
        write(written, "gaussian-blur.png", Normalization.CLIP.apply(Filters.gaussianBlur(picture, 2.0), false));
        write(written, "sharpen.png", Normalization.CLIP.apply(Filters.sharpen(picture), false));
        return written;
    }

    private void write(List<Path> written, String name, Tensor image) {
        Path target = output.resolve(name);
        // Overwriting is right here: these names belong to the demo folder and nothing else is touched.
        AtomicOutput.write(target, true, out -> ImageTensors.writePng(image, out, 8));
        written.add(target);
    }
}
