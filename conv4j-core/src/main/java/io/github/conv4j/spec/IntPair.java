package io.github.conv4j.spec;

/**
 * A (height, width) pair such as a stride, dilation or kernel size; PyTorch accepts an int or a tuple for these.
 *
 * <pre>{@code
 * IntPair.of(2);        // (2, 2)
 * IntPair.of(2, 1);     // (2, 1)
 * IntPair.parse("2,1"); // (2, 1)
 * }</pre>
 *
 * @param h the height component
 * @param w the width component
 */
public record IntPair(int h, int w) {
    /**
     * The same value for both axes.
     *
     * @param v the value
     * @return the pair
     */
    public static IntPair of(int v) {
        return new IntPair(v, v);
    }

    /**
     * A pair.
     *
     * @param h height component
     * @param w width component
     * @return the pair
     */
    public static IntPair of(int h, int w) {
        return new IntPair(h, w);
    }

    /**
     * Parses {@code N}, {@code H,W} or {@code HxW}.
     *
     * @param name the argument name for error messages
     * @param text the text
     * @return the pair
     * @throws IllegalArgumentException if the text is malformed
     */
    public static IntPair parse(String name, String text) {
        int[] v = parseInts(name, text.replace('x', ',').replace('X', ','));
        if (v.length == 1) {
            return of(v[0]);
        }
        if (v.length == 2) {
            return of(v[0], v[1]);
        }
        throw new IllegalArgumentException(name + ": expected N or H,W but got '" + text + "'");
    }

    static int[] parseInts(String name, String text) {
        String[] parts = text.split(",", -1);
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + ": '" + text + "' is not a comma-separated list of integers");
            }
        }
        return out;
    }

    void requireAtLeast(String name, int min) {
        if (h < min || w < min) {
            throw new IllegalArgumentException(
                    name + " must be >= " + min + " in both dimensions, got (" + h + ", " + w + ")");
        }
    }

    @Override
    public String toString() {
        return h == w ? Integer.toString(h) : h + "," + w;
    }
}
