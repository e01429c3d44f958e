/**
 * Images as tensors: safe decoding of PNG/JPEG/BMP/GIF into {@code (C, H, W)} float32 tensors
 * ({@link io.github.conv4j.image.ImageTensors}), 8/16-bit PNG writing, rendering of signed maps
 * ({@link io.github.conv4j.image.Normalization}, {@link io.github.conv4j.image.FeatureGrid}), the kernel factory
 * ({@link io.github.conv4j.image.Kernels}) and classic filters ({@link io.github.conv4j.image.Filters}).
 *
 * <pre>{@code
 * Tensor gray = ImageTensors.read(Path.of("photo.png"), ImageReadOptions.defaults().gray(true));
 * Tensor edges = Filters.sobelMagnitude(gray);
 * ImageTensors.writePng(Normalization.ABS.apply(edges, false), out, 8);
 * }</pre>
 */
package io.github.conv4j.image;
