package io.github.conv4j.cli;

import io.github.conv4j.nn.LayerGeometry;
import io.github.conv4j.spec.IntPair;
import io.github.conv4j.spec.Padding;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The layer grammar of {@code conv4j rf}, one token per layer, parts in this order:
 *
 * <pre>
 * conv&lt;k&gt;[x&lt;k&gt;][s&lt;s&gt;][p&lt;p&gt;][d&lt;d&gt;]   conv3, conv3x3, conv7s2p3, conv1x7p0, conv3p2d2 (stride 1, padding 0, dilation 1)
 * pool&lt;k&gt;[s&lt;s&gt;][p&lt;p&gt;]                 pool2, pool3s2p1                     (stride defaults to k, padding 0)
 * </pre>
 *
 * Max and average pooling have the same geometry, so one {@code pool} covers both.
 */
final class LayerTokens {
    static final String GRAMMAR = "conv<k>[x<k>][s<s>][p<p>][d<d>] or pool<k>[s<s>][p<p>]";

    // Six digits is far beyond any real layer and keeps every number inside an int.
    private static final String N = "(\\d{1,6})";
    private static final Pattern CONV =
            Pattern.compile("conv" + N + "(?:x" + N + ")?(?:s" + N + ")?(?:p" + N + ")?(?:d" + N + ")?");
    private static final Pattern POOL = Pattern.compile("pool" + N + "(?:s" + N + ")?(?:p" + N + ")?");

    private LayerTokens() {}

    /**
     * Parses one token.
     *
     * @param label the name the layer gets in the table
     * @param token e.g. {@code conv7s2p3}
     * @throws IllegalArgumentException for a token outside the grammar or a zero size
     */
    static LayerGeometry parse(String label, String token) {
        String t = token.toLowerCase(Locale.ROOT);
        Matcher conv = CONV.matcher(t);
        if (conv.matches()) {
            int kh = number(conv, 1, -1);
            int kw = number(conv, 2, kh);
            int s = number(conv, 3, 1);
            int p = number(conv, 4, 0);
            int d = number(conv, 5, 1);
            return geometry(label, token, IntPair.of(kh, kw), s, p, d);
        }
        Matcher pool = POOL.matcher(t);
        if (pool.matches()) {
            int k = number(pool, 1, -1);
            int s = number(pool, 2, k);
            int p = number(pool, 3, 0);
            if (2 * p > k) {
                // PyTorch's rule: more padding than half the window would make windows of padding alone.
                throw new IllegalArgumentException(
                        "layer '" + token + "': pool padding " + p + " must be at most half the kernel " + k);
            }
            return geometry(label, token, IntPair.of(k), s, p, 1);
        }
        throw new IllegalArgumentException("bad layer '" + token + "': expected " + GRAMMAR);
    }

    private static LayerGeometry geometry(String label, String token, IntPair k, int s, int p, int d) {
        if (k.h() < 1 || k.w() < 1 || s < 1 || d < 1) {
            throw new IllegalArgumentException("layer '" + token + "': kernel, stride and dilation must be >= 1");
        }
        return new LayerGeometry(label, k, IntPair.of(s), Padding.of(p), IntPair.of(d), false);
    }

    private static int number(Matcher m, int group, int fallback) {
        String g = m.group(group);
        return g == null ? fallback : Integer.parseInt(g);
    }
}
