/** JMH benchmarks of the direct, depthwise, separable and pooling kernels. */
package io.github.conv4j.bench.direct;
