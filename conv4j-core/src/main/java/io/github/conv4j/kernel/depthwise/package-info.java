/** Depthwise convolution on the direct plane kernel. Internal: not part of the public API. */
package io.github.conv4j.kernel.depthwise;
