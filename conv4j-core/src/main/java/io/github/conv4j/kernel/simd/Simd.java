package io.github.conv4j.kernel.simd;

/**
 * Decides, once per JVM, whether kernels may use the incubating Vector API ({@code jdk.incubator.vector}).
 *
 * <p>The module is only present when the JVM was started with {@code --add-modules=jdk.incubator.vector}. Kernels
 * consult {@link #available()} before touching any class that imports {@code jdk.incubator.vector}, so that a JVM
 * without the module never loads them and runs the scalar path instead. Setting the system property
 * {@code conv4j.simd=false} forces the scalar path even when the module is present (for comparisons and tests).
 *
 * <pre>{@code
 * if (Simd.available()) {
 *     // call the Vector API implementation
 * }
 * }</pre>
 */
public final class Simd {
    private static final boolean AVAILABLE = detect();

    private Simd() {}

    /**
     * Whether the Vector API may be used.
     *
     * @return {@code true} if {@code jdk.incubator.vector} is in the boot layer and not disabled by
     *     {@code -Dconv4j.simd=false}
     */
    public static boolean available() {
        return AVAILABLE;
    }

    /**
     * Whether {@link BlockTranspose} may run and beats a scalar transpose: the Vector API is available, the JDK is 25 or
     * later (on JDK 17 its rearranges measured three times slower than scalar code) and the machine's vectors are at
     * least 256 bits wide (narrower ones would run its 256-bit vectors in Java).
     *
     * @return {@code true} where transposes should use {@link BlockTranspose}
     */
    public static boolean blockTransposePays() {
        return BlockTransposeGate.PAYS;
    }

    /** Decided on first use, after {@link #AVAILABLE}, so that a JVM without the module never loads the Vector API. */
    private static final class BlockTransposeGate {
        static final boolean PAYS = AVAILABLE && Runtime.version().feature() >= 25 && BlockTranspose.nativeWidth();
    }

    private static boolean detect() {
        if ("false".equalsIgnoreCase(System.getProperty("conv4j.simd"))) {
            return false;
        }
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }
}
