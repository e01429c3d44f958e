/**
 * Exchange of tensors with NumPy: {@link io.github.conv4j.io.Npy} reads and writes single arrays ({@code .npy}),
 * {@link io.github.conv4j.io.Npz} named collections of them ({@code .npz}).
 *
 * <p>The readers are meant for files from anywhere: nothing in a file is ever evaluated or unpickled, sizes are
 * checked before memory is allocated, and every problem with a file's content is reported as an
 * {@link io.github.conv4j.io.NpyFormatException} that names the file. The writers produce what NumPy writes, and
 * replace files atomically.
 *
 * <pre>{@code
 * // Python: np.save("x.npy", x); np.savez("params.npz", weight=w, bias=b)
 * Tensor x = Npy.read(Path.of("x.npy"));
 * Map<String, Tensor> params = Npz.read(Path.of("params.npz"));
 * Npy.write(Path.of("y.npy"), x.add(params.get("bias")));
 * }</pre>
 */
package io.github.conv4j.io;
