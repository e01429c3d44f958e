package io.github.conv4j.kernel.fft;

/**
 * Whether the FFT butterflies use the Vector API: only when the incubator module {@code jdk.incubator.vector} was
 * added at launch ({@code --add-modules jdk.incubator.vector}), otherwise the scalar loops run and
 * {@link VectorButterflies} is never loaded. The system property {@code conv4j.fft.scalar=true} forces the scalar
 * loops, for comparison.
 */
final class FftSimd {
    /** Decided once: the module layer cannot change after start-up. */
    static final boolean VECTOR =
            ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
                    && !Boolean.getBoolean("conv4j.fft.scalar");

    private FftSimd() {}
}
