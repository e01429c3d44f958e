package io.github.conv4j.tensor;

/**
 * Element type of a {@link Tensor}.
 *
 * <p>{@link #FLOAT32} is the working type of the library (all fast kernels use it). {@link #FLOAT64} exists so that
 * gradients can be checked by finite differences in double precision, as PyTorch's {@code gradcheck} does; every
 * operation accepts it and computes with the double-precision reference implementations.
 *
 * <pre>{@code
 * Tensor x = Tensor.randn(42, 2, 3).to(DType.FLOAT64);
 * }</pre>
 */
public enum DType {
    /** IEEE 754 binary32, PyTorch's {@code torch.float32}. */
    FLOAT32("float32"),
    /** IEEE 754 binary64, PyTorch's {@code torch.float64}. */
    FLOAT64("float64");

    private final String pythonName;

    DType(String pythonName) {
        this.pythonName = pythonName;
    }

    /**
     * Returns the name PyTorch and NumPy use for this type.
     *
     * @return {@code "float32"} or {@code "float64"}
     */
    public String pythonName() {
        return pythonName;
    }

    /**
     * Returns the wider of two types, the type of the result of a binary operation.
     *
     * @param a one type
     * @param b the other type
     * @return {@link #FLOAT64} if either is, otherwise {@link #FLOAT32}
     */
    public static DType promote(DType a, DType b) {
        return a == FLOAT64 || b == FLOAT64 ? FLOAT64 : FLOAT32;
    }
}
