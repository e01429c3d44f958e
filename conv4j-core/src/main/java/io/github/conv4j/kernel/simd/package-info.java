/** The single switch between Vector API kernels and their scalar fallbacks. Internal: not part of the public API. */
package io.github.conv4j.kernel.simd;
