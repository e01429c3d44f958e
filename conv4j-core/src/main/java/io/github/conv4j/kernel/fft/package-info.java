/**
 * FFT convolution for large kernels: {@link io.github.conv4j.kernel.fft.FftConv2d} computes a stride-1,
 * dilation-1 cross-correlation (zero padding, groups, batch, bias) with the semantics of the reference kernel, in
 * float32, by overlap-save tiling over power-of-two 2-D real FFTs. Internal: the op layer's kernel selector calls it
 * and falls back to a direct kernel when it declines (non-finite or huge values) or does not support the geometry.
 *
 * <h2>Pieces</h2>
 *
 * <ul>
 *   <li>{@code FftPlan}: complex FFT of one power-of-two length applied to many contiguous lanes at once
 *       (radix 2², DIF natural→bit-reversed and DIT bit-reversed→natural, so no permutation pass is made);
 *       twiddles computed in double, rounded to float.
 *   <li>{@code Butterflies} / {@code VectorButterflies}: the inner loops, scalar and Vector API. C2 does not
 *       auto-vectorise the scalar ones (rows of one array at offsets it cannot prove apart): the Vector API made the
 *       passes about 10× faster. Chosen by {@code FftSimd} when {@code jdk.incubator.vector} is present.
 *   <li>{@code TileFft}: 2-D real FFT of one tile: height axis as a half-length complex FFT (even/odd rows
 *       packed), untangled into {@code nh/2 + 1} frequencies, a blocked transpose, then the width axis.
 *   <li>{@code FftTiling}: the cost model choosing the FFT size, in one place.
 *   <li>{@link io.github.conv4j.kernel.fft.FftWorkspace}: grow-only scratch, one per thread.
 * </ul>
 *
 * <h2>Accuracy</h2>
 *
 * Per output plane, {@code |y − y_exact| ≤ C·log2(nh·nw)·2^−24·Σ_c ‖x_c‖₂·‖w_c‖₁ + 2^−23·|y_exact|}; the tests
 * assert {@code C = 2} on 120+ random geometries (kernels 1×1 to 31×31, asymmetric padding, groups, batch, one and
 * many tiles, vector and scalar loops); the largest measured {@code C} is
 * 0.03-0.04 (the worst-case analysis allows about 10: rounding errors add like a random walk).
 *
 * <h2>Speed (2026-11-22)</h2>
 *
 * 1×1×512×512 ⊛ 31×31 valid (output 482×482), one thread, 2-vCPU Zen 3 guest shared with other builds (load
 * average 8 on 2 cores, so wall times are inflated; thread-CPU time is the better estimate, as in the anchors):
 *
 * <table>
 *   <caption>3 runs each, interleaved; each run: median of 15 samples after warm-up; tiling chosen: 128×128 FFTs,
 *   5×5 tiles</caption>
 *   <tr><th>JVM</th><th>thread-CPU median</th><th>best wall sample</th><th>wall median</th></tr>
 *   <tr><td>JDK 17.0.15, Vector API</td><td>1.22-1.30 ms</td><td>1.18 ms</td><td>2.1-4.3 ms</td></tr>
 *   <tr><td>JDK 25.0.3, Vector API</td><td>1.20-1.31 ms</td><td>1.26 ms</td><td>1.6-2.4 ms</td></tr>
 *   <tr><td>JDK 17 / 25, scalar loops (no incubator module)</td><td>4.35 / 4.25 ms</td><td>5.7 / 4.6 ms</td>
 *   <td>9.4 / 8.2 ms</td></tr>
 *   <tr><td>anchors: SciPy oaconvolve / fftconvolve; direct at 100 % FMA peak</td><td colspan="3">4.1 / 7.2 ms;
 *       4.4 ms</td></tr>
 * </table>
 *
 * Command, from {@code conv4j-core} after {@code mvn -o test-compile} (drop {@code --add-modules} for the scalar
 * loops):
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp target/classes:target/test-classes \
 *     io.github.conv4j.kernel.fft.FftConvBench 512 512 31
 * </pre>
 *
 * Other shapes (thread-CPU median, Vector API, repeated calls with the same weights, so the kernel spectra are
 * reused; in brackets without that reuse; {@code directGF} = direct-method FLOPs / time): 512² ⊛ 7×7 pad 3: 1.1 ms
 * (21 directGF); 3→16 channels 224² ⊛ 11×11 pad 5: 2.8 ms [3.2-3.8] (210); 16→16 channels 64² ⊛ 5×5 pad 2:
 * 0.73 ms [0.94] (72); batch 8, 4→4 channels 128² ⊛ 15×15 pad 7: 4.1-5.2 ms (180-230); 1080×1920 ⊛ 21×21 pad 10:
 * 10-15 ms (120-180); 64→64 channels 56² ⊛ 3×3 pad 1: 3.9 ms [7.6-12] (59), where a direct or GEMM kernel at
 * 80 GFLOP/s needs 2.9 ms.
 *
 * <h2>Cold start</h2>
 *
 * Until the JIT has compiled them, Vector API loops run boxed: the first 512² call of a fresh JVM took about 1.2 s
 * (scalar loops: 0.18 s), the fifth 36 ms, and steady state is reached after a few hundred calls. A one-shot caller
 * (a CLI filtering one image) may prefer another kernel.
 *
 * <h2>Not done</h2>
 *
 * Mixed-radix sizes (3·2^k, 5·2^k); multithreading; stride and dilation; a Vector API transpose (the two blocked
 * scalar transposes are about a third of a 128×128 tile's time).
 */
package io.github.conv4j.kernel.fft;
