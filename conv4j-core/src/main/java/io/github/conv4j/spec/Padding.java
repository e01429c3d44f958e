package io.github.conv4j.spec;

/**
 * The padding of a convolution: explicit amounts per side, or the words {@code same} and {@code valid}.
 *
 * <p>{@link #same()} follows TensorFlow's rule for every stride (PyTorch accepts {@code 'same'} only for stride 1,
 * where both rules agree): along each axis the total padding is {@code max((ceil(H/s) − 1)·s + d·(k − 1) + 1 − H, 0)},
 * split as {@code top = total / 2} and {@code bottom = total − top}, so the extra pixel goes to the bottom/right.
 * The output then has {@code ceil(H / s)} rows.
 *
 * <pre>{@code
 * Padding.of(1);             // 1 on every side (PyTorch padding=1)
 * Padding.of(1, 2);          // 1 top and bottom, 2 left and right (padding=(1, 2))
 * Padding.of(0, 1, 0, 1);    // top, bottom, left, right
 * Padding.same();            // output size ceil(H / stride)
 * }</pre>
 */
public final class Padding {
    private enum Kind {
        EXPLICIT,
        SAME,
        VALID
    }

    private static final Padding SAME = new Padding(Kind.SAME, 0, 0, 0, 0);
    private static final Padding VALID = new Padding(Kind.VALID, 0, 0, 0, 0);

    private final Kind kind;
    private final int top;
    private final int bottom;
    private final int left;
    private final int right;

    private Padding(Kind kind, int top, int bottom, int left, int right) {
        this.kind = kind;
        this.top = top;
        this.bottom = bottom;
        this.left = left;
        this.right = right;
    }

    /**
     * The same padding on all four sides.
     *
     * @param p pixels, {@code >= 0}
     * @return the padding
     */
    public static Padding of(int p) {
        return of(p, p, p, p);
    }

    /**
     * Symmetric padding per axis, PyTorch's {@code padding=(ph, pw)}.
     *
     * @param ph rows added at the top and at the bottom
     * @param pw columns added at the left and at the right
     * @return the padding
     */
    public static Padding of(int ph, int pw) {
        return of(ph, ph, pw, pw);
    }

    /**
     * Padding per side (asymmetric allowed).
     *
     * @param top rows above
     * @param bottom rows below
     * @param left columns on the left
     * @param right columns on the right
     * @return the padding
     * @throws IllegalArgumentException if any amount is negative
     */
    public static Padding of(int top, int bottom, int left, int right) {
        if (top < 0 || bottom < 0 || left < 0 || right < 0) {
            throw new IllegalArgumentException("padding: amounts must be >= 0, got (top=" + top + ", bottom=" + bottom
                    + ", left=" + left + ", right=" + right + ")");
        }
        return new Padding(Kind.EXPLICIT, top, bottom, left, right);
    }

    /**
     * TensorFlow-style {@code same} padding (see the class comment).
     *
     * @return the padding
     */
    public static Padding same() {
        return SAME;
    }

    /**
     * No padding.
     *
     * @return the padding
     */
    public static Padding valid() {
        return VALID;
    }

    /**
     * Parses {@code same}, {@code valid}, {@code P}, {@code PH,PW} or {@code T,B,L,R}.
     *
     * @param text the text form
     * @return the padding
     * @throws IllegalArgumentException if the text is malformed
     */
    public static Padding parse(String text) {
        String t = text.trim();
        if (t.equalsIgnoreCase("same")) {
            return SAME;
        }
        if (t.equalsIgnoreCase("valid")) {
            return VALID;
        }
        int[] v = IntPair.parseInts("padding", t);
        return switch (v.length) {
            case 1 -> of(v[0]);
            case 2 -> of(v[0], v[1]);
            case 4 -> of(v[0], v[1], v[2], v[3]);
            default ->
                throw new IllegalArgumentException(
                        "padding: expected same, valid, P, PH,PW or T,B,L,R but got '" + text + "'");
        };
    }

    /**
     * Tells whether this is {@link #same()}.
     *
     * @return whether the amounts depend on the input size
     */
    public boolean isSame() {
        return kind == Kind.SAME;
    }

    /**
     * Resolves the padding for one axis.
     *
     * @param size the input size along the axis
     * @param kernel the kernel size
     * @param stride the stride
     * @param dilation the dilation
     * @param vertical whether this is the height axis (top/bottom) or the width axis (left/right)
     * @return {@code {before, after}}
     */
    public int[] resolve(int size, int kernel, int stride, int dilation, boolean vertical) {
        return switch (kind) {
            case VALID -> new int[] {0, 0};
            case EXPLICIT -> vertical ? new int[] {top, bottom} : new int[] {left, right};
            case SAME -> {
                long outSize = (size + (long) stride - 1) / stride;
                long total = Math.max((outSize - 1) * stride + (long) dilation * (kernel - 1) + 1 - size, 0);
                int before = (int) (total / 2);
                yield new int[] {before, (int) (total - before)};
            }
        };
    }

    @Override
    public String toString() {
        return switch (kind) {
            case SAME -> "same";
            case VALID -> "valid";
            case EXPLICIT ->
                top == bottom && left == right
                        ? (top == left ? Integer.toString(top) : top + "," + left)
                        : top + "," + bottom + "," + left + "," + right;
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Padding p
                && p.kind == kind
                && p.top == top
                && p.bottom == bottom
                && p.left == left
                && p.right == right;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(kind, top, bottom, left, right);
    }
}
