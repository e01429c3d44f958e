package io.github.conv4j.nn;

import io.github.conv4j.spec.IntPair;
import io.github.conv4j.spec.Padding;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Receptive fields of a stack of sliding-window layers: for each layer its output size, receptive-field size
 * {@code rf}, jump (the distance in input pixels between neighbouring outputs) and start (the input position that
 * output pixel {@code 0} is centred on), per axis. With input values {@code jump₀ = 1}, {@code rf₀ = 1},
 * {@code start₀ = 0}:
 *
 * <pre>
 * jump_l  = jump_{l−1}·s
 * rf_l    = rf_{l−1} + d·(k − 1)·jump_{l−1}
 * start_l = start_{l−1} + (d·(k − 1)/2 − p_before)·jump_{l−1}
 * </pre>
 *
 * <p>Convention: {@code start} is the <em>centre</em> of the receptive field of output pixel 0, in input pixel
 * coordinates (pixel {@code i} is centred at {@code i}); it is a half-integer for even kernels. Output pixel
 * {@code i} then sees input rows {@code [start + i·jump − (rf − 1)/2, start + i·jump + (rf − 1)/2]}, which may reach
 * into the padding ({@link Region#clip(int, int)} keeps the part inside the image).
 *
 * <pre>{@code
 * ReceptiveField rf = ReceptiveField.of(net, 16, 16);
 * rf.last().rfH();              // receptive field height of the last spatial layer
 * rf.region(0, 0).clip(16, 16); // input rows/columns seen by output pixel (0, 0)
 * }</pre>
 */
public final class ReceptiveField {
    private final int inH;
    private final int inW;
    private final List<Entry> layers;

    /**
     * One layer's result.
     *
     * @param name the layer's label
     * @param outH output height
     * @param outW output width
     * @param rfH receptive-field height in input pixels
     * @param rfW receptive-field width
     * @param jumpH vertical distance in input pixels between adjacent outputs (the effective stride)
     * @param jumpW horizontal effective stride
     * @param startH input row on which output row 0 is centred
     * @param startW input column on which output column 0 is centred
     */
    public record Entry(
            String name, int outH, int outW, int rfH, int rfW, int jumpH, int jumpW, double startH, double startW) {
        /**
         * The input region seen by one output pixel of this layer, unclipped.
         *
         * @param i output row
         * @param j output column
         * @return inclusive input bounds
         */
        public Region region(int i, int j) {
            int top = (int) Math.round(startH + (double) i * jumpH - (rfH - 1) / 2.0);
            int left = (int) Math.round(startW + (double) j * jumpW - (rfW - 1) / 2.0);
            return new Region(top, left, top + rfH - 1, left + rfW - 1);
        }
    }

    /**
     * An inclusive rectangle of input pixels.
     *
     * @param top first row
     * @param left first column
     * @param bottom last row
     * @param right last column
     */
    public record Region(int top, int left, int bottom, int right) {
        /**
         * Keeps the part inside an image.
         *
         * @param height image height
         * @param width image width
         * @return the clipped region (empty regions have {@code bottom < top})
         */
        public Region clip(int height, int width) {
            return new Region(
                    Math.max(top, 0), Math.max(left, 0), Math.min(bottom, height - 1), Math.min(right, width - 1));
        }
    }

    private ReceptiveField(int inH, int inW, List<Entry> layers) {
        this.inH = inH;
        this.inW = inW;
        this.layers = List.copyOf(layers);
    }

    /**
     * Analyses a list of layer geometries applied in order to an input of the given size.
     *
     * @param inH input height, {@code >= 1}
     * @param inW input width, {@code >= 1}
     * @param geometries the layers
     * @return the analysis
     * @throws IllegalArgumentException if a size is not positive or a layer's window does not fit its input
     */
    public static ReceptiveField of(int inH, int inW, List<LayerGeometry> geometries) {
        LayerChecks.positive("ReceptiveField", "inH", inH);
        LayerChecks.positive("ReceptiveField", "inW", inW);
        LayerChecks.notNull("ReceptiveField", "geometries", geometries);
        List<Entry> out = new ArrayList<>();
        int h = inH;
        int w = inW;
        int rfH = 1;
        int rfW = 1;
        int jumpH = 1;
        int jumpW = 1;
        double startH = 0;
        double startW = 0;
        for (LayerGeometry g : geometries) {
            LayerChecks.notNull("ReceptiveField", "layer", g);
            int[] padH = g.padding()
                    .resolve(h, g.kernel().h(), g.stride().h(), g.dilation().h(), true);
            int[] padW = g.padding()
                    .resolve(w, g.kernel().w(), g.stride().w(), g.dilation().w(), false);
            int spanH = g.dilation().h() * (g.kernel().h() - 1);
            int spanW = g.dilation().w() * (g.kernel().w() - 1);
            h = outputSize(g, "height", h, spanH, g.stride().h(), padH);
            w = outputSize(g, "width", w, spanW, g.stride().w(), padW);
            startH += (spanH / 2.0 - padH[0]) * jumpH;
            startW += (spanW / 2.0 - padW[0]) * jumpW;
            rfH += spanH * jumpH;
            rfW += spanW * jumpW;
            jumpH *= g.stride().h();
            jumpW *= g.stride().w();
            out.add(new Entry(g.name(), h, w, rfH, rfW, jumpH, jumpW, startH, startW));
        }
        return new ReceptiveField(inH, inW, out);
    }

    private static int outputSize(LayerGeometry g, String axis, int in, int span, int stride, int[] pad) {
        long numerator = (long) in + pad[0] + pad[1] - span - 1;
        long out = Math.floorDiv(numerator + (g.ceilMode() ? stride - 1 : 0), (long) stride) + 1;
        if (g.ceilMode() && (out - 1) * stride >= in + pad[0]) {
            out--;
        }
        if (out < 1) {
            throw new IllegalArgumentException("ReceptiveField: layer " + g.name() + " does not fit its input " + axis
                    + " " + in + " (kernel extent " + (span + 1) + ", padding " + pad[0] + "+" + pad[1] + ")");
        }
        return (int) out;
    }

    /**
     * Analyses the spatial part of a {@link Sequential}: {@link Conv2d}, {@link MaxPool2d} and {@link AvgPool2d}
     * contribute their geometry; {@link ReLU} and {@link Dropout} are pointwise and skipped; the analysis stops at
     * the first {@link Flatten}, {@link Linear} or {@link AdaptiveAvgPool2d}, after which outputs are no longer
     * local. Layers are labelled {@code "index: description"}.
     *
     * @param net the network
     * @param inH input height
     * @param inW input width
     * @return the analysis
     * @throws IllegalArgumentException for a layer type whose geometry is unknown (e.g. a transposed convolution)
     */
    public static ReceptiveField of(Sequential net, int inH, int inW) {
        LayerChecks.notNull("ReceptiveField", "net", net);
        List<LayerGeometry> geometries = new ArrayList<>();
        List<Module> layers = net.layers();
        for (int i = 0; i < layers.size(); i++) {
            Module m = layers.get(i);
            String label = i + ": " + m.getClass().getSimpleName();
            if (m instanceof Conv2d c) {
                geometries.add(new LayerGeometry(
                        label,
                        c.kernelSize(),
                        c.options().stride(),
                        c.options().padding(),
                        c.options().dilation(),
                        false));
            } else if (m instanceof MaxPool2d p) {
                geometries.add(pool(label, p.options()));
            } else if (m instanceof AvgPool2d p) {
                geometries.add(pool(label, p.options()));
            } else if (m instanceof ReLU || m instanceof Dropout) {
                continue;
            } else if (m instanceof Flatten || m instanceof Linear || m instanceof AdaptiveAvgPool2d) {
                break;
            } else {
                throw new IllegalArgumentException("ReceptiveField: layer " + label + " has no known window geometry");
            }
        }
        return of(inH, inW, geometries);
    }

    private static LayerGeometry pool(String label, io.github.conv4j.spec.Pool2dOptions o) {
        IntPair p = o.padding();
        return new LayerGeometry(
                label, o.kernelSize(), o.stride(), Padding.of(p.h(), p.w()), o.dilation(), o.ceilMode());
    }

    /**
     * Returns every analysed layer in order.
     *
     * @return an unmodifiable list
     */
    public List<Entry> layers() {
        return layers;
    }

    /**
     * Returns the last layer's result.
     *
     * @return the entry
     * @throws IllegalStateException if there are no layers
     */
    public Entry last() {
        if (layers.isEmpty()) {
            throw new IllegalStateException("ReceptiveField: no spatial layers were analysed");
        }
        return layers.get(layers.size() - 1);
    }

    /**
     * The input region (unclipped) seen by output pixel {@code (i, j)} of the last layer.
     *
     * @param i output row, in {@code [0, outH)}
     * @param j output column, in {@code [0, outW)}
     * @return inclusive input bounds
     * @throws IllegalArgumentException if the pixel is outside the output
     */
    public Region region(int i, int j) {
        Entry e = last();
        if (i < 0 || i >= e.outH() || j < 0 || j >= e.outW()) {
            throw new IllegalArgumentException("ReceptiveField.region: pixel (" + i + ", " + j
                    + ") is outside the output of size (" + e.outH() + ", " + e.outW() + ")");
        }
        return e.region(i, j);
    }

    /** A table with one line per layer: output size, receptive field, jump and start. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "input %dx%d%n", inH, inW));
        for (Entry e : layers) {
            sb.append(String.format(
                    Locale.ROOT,
                    "%-24s out %3dx%-3d rf %3dx%-3d jump %2dx%-2d start (%.1f, %.1f)%n",
                    e.name(),
                    e.outH(),
                    e.outW(),
                    e.rfH(),
                    e.rfW(),
                    e.jumpH(),
                    e.jumpW(),
                    e.startH(),
                    e.startW()));
        }
        return sb.toString();
    }
}
