package io.github.conv4j.cli;

import io.github.conv4j.nn.LayerGeometry;
import io.github.conv4j.nn.ReceptiveField;
import io.github.conv4j.spec.IntPair;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code conv4j rf}: output size, receptive field, jump and start of every layer of a stack written on the command
 * line (see {@link LayerTokens} for the grammar), computed by {@link ReceptiveField}.
 */
@Command(
        name = "rf",
        mixinStandardHelpOptions = true,
        description = "Receptive field, output size, jump and start of each layer of a conv/pool stack.",
        footer = {
            "",
            "Layers, parts in this order (stride 1, padding 0, dilation 1 unless given):",
            "  conv<k>[x<k>][s<s>][p<p>][d<d>]   e.g. conv3, conv3x3, conv7s2p3, conv1x7, conv3p2d2",
            "  pool<k>[s<s>][p<p>]               e.g. pool2, pool3s2p1 (stride defaults to k; max or average)",
            "Columns: out = output size; rf = receptive field in input pixels; jump = input pixels between neighbouring",
            "  outputs; start = input position on which output pixel 0 is centred (may lie in the padding).",
            "",
            "Examples:",
            "  conv4j rf --input 224 conv7s2p3 pool3s2p1 conv3x3 conv3x3s2 pool2",
            "  conv4j rf --input 227 conv11s4 pool3s2 conv5p2 pool3s2 conv3p1 conv3p1 conv3p1 pool3s2",
            "  conv4j rf --input 3 conv2 conv2 --pixel 0,0"
        })
public final class RfCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Conv4jCommand parent;

    @Parameters(arity = "1..*", paramLabel = "LAYER", description = "Layers, first to last (grammar below).")
    List<String> layers;

    @Option(names = "--input", paramLabel = "N|HxW", description = "Input size (default: ${DEFAULT-VALUE}).")
    String inputSize = "224";

    @Option(
            names = "--pixel",
            paramLabel = "I,J",
            description = "Also print the input region output pixel (I, J) sees.")
    String pixel;

    /** Creates the command (picocli instantiates it). */
    public RfCommand() {}

    /** Analyses the stack and prints the table. */
    @Override
    public void run() {
        CommandContext context = new CommandContext(spec.commandLine());
        IntPair in = context.parse(() -> IntPair.parse("--input", inputSize));
        if (in.h() < 1 || in.w() < 1) {
            throw context.usage("--input must be positive, got '" + inputSize + "'");
        }
        List<LayerGeometry> geometries = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            String token = layers.get(i);
            geometries.add(context.parse(() -> LayerTokens.parse(token, token)));
        }
        // A stack that shrinks the input below one pixel is a command-line mistake, not a failed run.
        ReceptiveField rf = context.parse(() -> ReceptiveField.of(in.h(), in.w(), geometries));
        IntPair px = pixel == null ? null : context.parse(() -> IntPair.parse("--pixel", pixel));
        ReceptiveField.Region region = px == null ? null : context.parse(() -> rf.region(px.h(), px.w()));
        if (parent.quiet) {
            return;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(table(in, rf));
        if (region != null) {
            ReceptiveField.Region clipped = region.clip(in.h(), in.w());
            out.printf(
                    "output pixel (%d, %d) sees input rows %d..%d, columns %d..%d",
                    px.h(), px.w(), region.top(), region.bottom(), region.left(), region.right());
            if (!clipped.equals(region)) {
                out.printf(
                        " (inside the image: rows %d..%d, columns %d..%d)",
                        clipped.top(), clipped.bottom(), clipped.left(), clipped.right());
            }
            out.println();
        }
        out.flush();
    }

    /** The table, one row per layer; square values are written once ({@code 7} rather than {@code 7x7}). */
    static String table(IntPair in, ReceptiveField rf) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"#", "layer", "out", "rf", "jump", "start"});
        rows.add(new String[] {"0", "input", pair(in.h(), in.w()), "1", "1", "0"});
        int i = 1;
        for (ReceptiveField.Entry e : rf.layers()) {
            rows.add(new String[] {
                String.valueOf(i++),
                e.name(),
                pair(e.outH(), e.outW()),
                pair(e.rfH(), e.rfW()),
                pair(e.jumpH(), e.jumpW()),
                e.startH() == e.startW()
                        ? number(e.startH())
                        : "(" + number(e.startH()) + ", " + number(e.startW()) + ")"
            });
        }
        int[] width = new int[6];
        for (String[] r : rows) {
            for (int c = 0; c < r.length; c++) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < r.length; c++) {
                // Text left-aligned, numbers right-aligned, as in any printed table.
                String format = c == 1 ? "%-" + width[c] + "s  " : "%" + width[c] + "s  ";
                line.append(String.format(Locale.ROOT, format, r[c]));
            }
            sb.append(line.toString().stripTrailing()).append(System.lineSeparator());
        }
        return sb.toString();
    }

    private static String pair(int h, int w) {
        return h == w ? String.valueOf(h) : h + "x" + w;
    }

    private static String number(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
