/** Separable (rank-1) 2-D correlation as two 1-D passes. Internal: not part of the public API. */
package io.github.conv4j.kernel.separable;
