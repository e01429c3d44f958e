package io.github.conv4j.tensor;

import java.util.Arrays;

/**
 * Shape arithmetic in exact {@code long} arithmetic, and the checks that keep tensors within Java's array limit.
 *
 * <p>Every size that could overflow an {@code int} is computed here, so a shape whose product exceeds what a Java
 * array can hold produces a clear {@link IllegalArgumentException} instead of a silent overflow.
 *
 * <pre>{@code
 * int n = Shapes.numel("input", new int[] {8, 64, 56, 56}); // 1605632
 * }</pre>
 */
public final class Shapes {
    /** The largest number of elements a tensor may hold: the largest array HotSpot allocates reliably. */
    public static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private Shapes() {}

    /**
     * Returns the number of elements of a shape, checking every dimension and the product.
     *
     * @param name the argument name used in error messages
     * @param shape the dimensions, each {@code >= 0}
     * @return the product of the dimensions
     * @throws IllegalArgumentException if a dimension is negative or the product exceeds {@link #MAX_ELEMENTS}
     */
    public static int numel(String name, int... shape) {
        long product = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException(
                        name + ": negative dimension " + d + " in shape " + Arrays.toString(shape));
            }
            product *= d;
            if (product > MAX_ELEMENTS) {
                throw new IllegalArgumentException(name + ": shape " + Arrays.toString(shape) + " has more than "
                        + MAX_ELEMENTS + " elements, beyond Java's array limit");
            }
        }
        return (int) product;
    }

    /**
     * Returns the number of elements of a shape given as {@code long}s, with the same checks as
     * {@link #numel(String, int...)}.
     *
     * @param name the argument name used in error messages
     * @param shape the dimensions, each {@code >= 0}
     * @return the product of the dimensions
     * @throws IllegalArgumentException if a dimension is negative or the product exceeds {@link #MAX_ELEMENTS}
     */
    public static int numel(String name, long... shape) {
        long product = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException(
                        name + ": negative dimension " + d + " in shape " + Arrays.toString(shape));
            }
            if (d != 0 && product > MAX_ELEMENTS / d) {
                throw new IllegalArgumentException(name + ": shape " + Arrays.toString(shape) + " has more than "
                        + MAX_ELEMENTS + " elements, beyond Java's array limit");
            }
            product *= d;
        }
        for (long d : shape) {
            if (d == 0) {
                return 0;
            }
        }
        return (int) product;
    }

    /**
     * Converts a {@code long} shape to {@code int}s after {@link #numel(String, long...)} has accepted it.
     *
     * @param name the argument name used in error messages
     * @param shape the dimensions
     * @return the same dimensions as {@code int}s
     * @throws IllegalArgumentException if the shape is too large
     */
    public static int[] toIntShape(String name, long... shape) {
        numel(name, shape);
        int[] out = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] > MAX_ELEMENTS) {
                throw new IllegalArgumentException(name + ": dimension " + shape[i] + " exceeds " + MAX_ELEMENTS);
            }
            out[i] = (int) shape[i];
        }
        return out;
    }

    /**
     * Formats a shape the way PyTorch prints sizes: {@code [1, 3, 5, 5]}.
     *
     * @param shape the dimensions
     * @return the text form
     */
    public static String format(int... shape) {
        return Arrays.toString(shape);
    }

    /**
     * Returns row-major (C order) strides for a shape.
     *
     * @param shape the dimensions
     * @return {@code strides[i]} = product of {@code shape[i+1..]}
     */
    public static int[] strides(int... shape) {
        int[] strides = new int[shape.length];
        int s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            strides[i] = s;
            s *= shape[i];
        }
        return strides;
    }

    /**
     * Resolves a dimension index that may be negative (counted from the end, as in PyTorch).
     *
     * @param name the argument name used in error messages
     * @param dim the dimension, in {@code [-rank, rank)}
     * @param rank the number of dimensions
     * @return the dimension in {@code [0, rank)}
     * @throws IllegalArgumentException if {@code dim} is out of range
     */
    public static int normalizeDim(String name, int dim, int rank) {
        int d = dim < 0 ? dim + rank : dim;
        if (d < 0 || d >= rank) {
            throw new IllegalArgumentException(name + ": dimension " + dim + " out of range for a tensor of rank "
                    + rank + " (expected [" + -rank + ", " + (rank - 1) + "])");
        }
        return d;
    }
}
