package io.github.conv4j.ops;

import io.github.conv4j.tensor.Tensor;

/**
 * The result of max pooling with indices ({@code return_indices=True}): the pooled tensor and, for every output
 * element in the same row-major order, the flat position {@code h·W + w} of its maximum within its input plane.
 *
 * <pre>{@code
 * MaxPool2dResult r = Functional.maxPool2dWithIndices(x, Pool2dOptions.of(2));
 * int where = r.indices()[0];
 * }</pre>
 *
 * @param output the pooled values
 * @param indices the argmax positions, one per output element
 */
public record MaxPool2dResult(Tensor output, int[] indices) {}
