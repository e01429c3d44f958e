/**
 * Direct (loop-based) 2-D correlation for problems where each output plane reads one input plane: image filters and
 * the building blocks of the depthwise and separable kernels. Internal: not part of the public API.
 */
package io.github.conv4j.kernel.direct;
