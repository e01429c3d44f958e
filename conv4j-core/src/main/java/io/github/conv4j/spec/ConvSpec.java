package io.github.conv4j.spec;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one-line text form of a convolution problem, used by tests, benchmarks and the CLI: letters followed by
 * numbers, {@code n8c64h56w56o64k3s1p1}. Keys: {@code n} batch (default 1), {@code c} input channels, {@code h} and
 * {@code w} input size ({@code h} alone means square), {@code o} output channels (default {@code c}), {@code k}
 * kernel ({@code 3} or {@code 1x7}), {@code s} stride, {@code p} padding ({@code 1}, {@code 1x2}, {@code 0_1_0_1}
 * for top_bottom_left_right, or {@code same}), {@code d} dilation, {@code g} groups ({@code gdw} = depthwise).
 *
 * <pre>{@code
 * ConvGeometry g = ConvSpec.parse("n8c64h56w56o64k3s1p1");
 * g.flops(); // 1849688064
 * }</pre>
 */
public final class ConvSpec {
    private static final Pattern PART = Pattern.compile("([a-z])([0-9x_]+|same|valid|dw)");

    private ConvSpec() {}

    /**
     * Parses a descriptor into a validated geometry.
     *
     * @param descriptor e.g. {@code n1c3h224w224o64k7s2p3}
     * @return the geometry
     * @throws IllegalArgumentException if the text is malformed or the geometry invalid
     */
    public static ConvGeometry parse(String descriptor) {
        String text = descriptor.trim().toLowerCase(Locale.ROOT);
        Matcher m = PART.matcher(text);
        int pos = 0;
        int n = 1;
        int c = -1;
        int h = -1;
        int w = -1;
        int o = -1;
        IntPair k = null;
        IntPair s = IntPair.of(1);
        IntPair d = IntPair.of(1);
        Padding p = Padding.of(0);
        String groups = "1";
        while (pos < text.length()) {
            if (!m.find(pos) || m.start() != pos) {
                throw new IllegalArgumentException("descriptor: cannot parse '" + descriptor + "' at position " + pos
                        + " (expected e.g. n8c64h56w56o64k3s1p1)");
            }
            String v = m.group(2);
            switch (m.group(1).charAt(0)) {
                case 'n' -> n = integer(descriptor, v);
                case 'c' -> c = integer(descriptor, v);
                case 'h' -> h = integer(descriptor, v);
                case 'w' -> w = integer(descriptor, v);
                case 'o' -> o = integer(descriptor, v);
                case 'k' -> k = IntPair.parse("descriptor kernel", v);
                case 's' -> s = IntPair.parse("descriptor stride", v);
                case 'd' -> d = IntPair.parse("descriptor dilation", v);
                case 'p' -> p = Padding.parse(v.replace('_', ',').replace('x', ','));
                case 'g' -> groups = v;
                default ->
                    throw new IllegalArgumentException(
                            "descriptor: unknown key '" + m.group(1) + "' in '" + descriptor + "'");
            }
            pos = m.end();
        }
        if (c < 0 || h < 0 || k == null) {
            throw new IllegalArgumentException("descriptor: '" + descriptor + "' needs at least c, h and k");
        }
        if (w < 0) {
            w = h;
        }
        if (o < 0) {
            o = c;
        }
        int g = groups.equals("dw") ? c : integer(descriptor, groups);
        int[] input = {n, c, h, w};
        int[] weight = {o, g == 0 ? 0 : c / g, k.h(), k.w()};
        return ConvGeometry.forConv2d(
                input,
                weight,
                Conv2dOptions.defaults().stride(s).dilation(d).padding(p).groups(g));
    }

    private static int integer(String descriptor, String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("descriptor: '" + v + "' is not an integer in '" + descriptor + "'");
        }
    }
}
