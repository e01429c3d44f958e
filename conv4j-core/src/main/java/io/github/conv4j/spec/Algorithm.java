package io.github.conv4j.spec;

/**
 * Which kernel computes a convolution. {@link #AUTO} lets the library choose from the problem's shape; any other
 * value forces that kernel, and an operation throws {@link IllegalArgumentException} when the forced kernel cannot
 * compute the problem.
 *
 * <pre>{@code
 * Conv2dOptions.defaults().algorithm(Algorithm.REFERENCE); // the double-precision oracle
 * }</pre>
 */
public enum Algorithm {
    /** Let the library choose. */
    AUTO,
    /** The naive reference loops with double accumulation: slow, exact to the float32 rounding of the result. */
    REFERENCE
}
