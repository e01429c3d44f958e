/** Fast max and average pooling on float planes. Internal: not part of the public API. */
package io.github.conv4j.kernel.pool;
