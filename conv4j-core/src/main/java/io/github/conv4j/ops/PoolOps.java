package io.github.conv4j.ops;

import io.github.conv4j.kernel.pool.FastPool;
import io.github.conv4j.kernel.reference.ReferencePool;
import io.github.conv4j.spec.Pool2dOptions;
import io.github.conv4j.spec.PoolGeometry;
import io.github.conv4j.tensor.DType;
import io.github.conv4j.tensor.GradFn;
import io.github.conv4j.tensor.Shapes;
import io.github.conv4j.tensor.Tensor;

/** Max, average and adaptive pooling, forward and backward. */
final class PoolOps {
    private PoolOps() {}

    static MaxPool2dResult maxPool2d(Tensor input, Pool2dOptions options) {
        return maxPool2d(input, options, true);
    }

    /** Max pooling; argmaxes are computed only when asked for or needed by the backward pass (they cost time). */
    static MaxPool2dResult maxPool2d(Tensor input, Pool2dOptions options, boolean wantIndices) {
        String op = "maxPool2d";
        Checks.notNull(op, "input", input);
        PoolGeometry g = PoolGeometry.of(op, input.shape(), notNull(op, options), true);
        int[] outShape = g.outputShape(input.shape());
        int size = Shapes.numel("output", outShape);
        boolean needIndices = wantIndices || GradFn.isNeeded(input) || input.dtype() != DType.FLOAT32;
        int[] indices = needIndices ? new int[size] : null;
        Tensor out;
        if (input.dtype() == DType.FLOAT32) {
            float[] y = new float[size];
            FastPool.maxPool(g, input.floatArray(), y, indices);
            out = Tensor.wrap(y, outShape);
        } else {
            double[] y = new double[size];
            ReferencePool.maxPool(g, input.toDoubleArray(), y, indices);
            out = Tensor.fromDoubles(y, input.dtype(), outShape);
        }
        if (GradFn.isNeeded(input)) {
            new GradFn("MaxPool2DWithIndicesBackward0", input) {
                @Override
                protected Tensor[] backward(Tensor gy) {
                    double[] gx = new double[input.numel()];
                    ReferencePool.maxPoolBackward(g, indices, gy.toDoubleArray(), gx);
                    return new Tensor[] {Tensor.fromDoubles(gx, input.dtype(), input.shape())};
                }
            }.attachTo(out);
        }
        return new MaxPool2dResult(out, indices == null ? null : indices.clone());
    }

    static Tensor avgPool2d(Tensor input, Pool2dOptions options) {
        String op = "avgPool2d";
        Checks.notNull(op, "input", input);
        PoolGeometry g = PoolGeometry.of(op, input.shape(), notNull(op, options), false);
        int[] outShape = g.outputShape(input.shape());
        int size = Shapes.numel("output", outShape);
        Tensor out;
        if (input.dtype() == DType.FLOAT32) {
            float[] y = new float[size];
            FastPool.avgPool(g, input.floatArray(), y);
            out = Tensor.wrap(y, outShape);
        } else {
            double[] y = new double[size];
            ReferencePool.avgPool(g, input.toDoubleArray(), y);
            out = Tensor.fromDoubles(y, input.dtype(), outShape);
        }
        if (GradFn.isNeeded(input)) {
            new GradFn("AvgPool2DBackward0", input) {
                @Override
                protected Tensor[] backward(Tensor gy) {
                    double[] gx = new double[input.numel()];
                    ReferencePool.avgPoolBackward(g, gy.toDoubleArray(), gx);
                    return new Tensor[] {Tensor.fromDoubles(gx, input.dtype(), input.shape())};
                }
            }.attachTo(out);
        }
        return out;
    }

    private static Pool2dOptions notNull(String op, Pool2dOptions options) {
        if (options == null) {
            throw new IllegalArgumentException(op + ": options must not be null (use Pool2dOptions.of(kernelSize))");
        }
        return options;
    }

    private static int[] adaptiveShape(String op, Tensor input, int outH, int outW) {
        Checks.notNull(op, "input", input);
        Checks.rank(op, "input", input, 3, 4);
        if (outH < 1 || outW < 1) {
            throw new IllegalArgumentException(op + ": outputSize must be >= 1, got (" + outH + ", " + outW + ")");
        }
        int[] shape = input.shape();
        int r = shape.length;
        if (shape[r - 2] == 0 || shape[r - 1] == 0) {
            throw new IllegalArgumentException(op + ": expected input with non-zero height and width, but got input"
                    + " of size " + Shapes.format(shape));
        }
        int[] outShape = shape.clone();
        outShape[r - 2] = outH;
        outShape[r - 1] = outW;
        Shapes.numel(op + " output", outShape);
        return outShape;
    }

    private static int planes(int[] shape) {
        return shape.length == 3 ? shape[0] : shape[0] * shape[1];
    }

    static Tensor adaptiveAvgPool2d(Tensor input, int outH, int outW) {
        int[] outShape = adaptiveShape("adaptiveAvgPool2d", input, outH, outW);
        int[] shape = input.shape();
        int r = shape.length;
        int planes = planes(shape);
        int inH = shape[r - 2];
        int inW = shape[r - 1];
        double[] y = new double[Shapes.numel("output", outShape)];
        ReferencePool.adaptiveAvgPool(planes, inH, inW, outH, outW, input.toDoubleArray(), y);
        Tensor out = Tensor.fromDoubles(y, input.dtype(), outShape);
        if (GradFn.isNeeded(input)) {
            new GradFn("AdaptiveAvgPool2DBackward0", input) {
                @Override
                protected Tensor[] backward(Tensor gy) {
                    double[] gx = new double[input.numel()];
                    ReferencePool.adaptiveAvgPoolBackward(planes, inH, inW, outH, outW, gy.toDoubleArray(), gx);
                    return new Tensor[] {Tensor.fromDoubles(gx, input.dtype(), shape)};
                }
            }.attachTo(out);
        }
        return out;
    }

    static MaxPool2dResult adaptiveMaxPool2d(Tensor input, int outH, int outW) {
        int[] outShape = adaptiveShape("adaptiveMaxPool2d", input, outH, outW);
        int[] shape = input.shape();
        int r = shape.length;
        int planes = planes(shape);
        int inH = shape[r - 2];
        int inW = shape[r - 1];
        double[] y = new double[Shapes.numel("output", outShape)];
        int[] indices = new int[y.length];
        ReferencePool.adaptiveMaxPool(planes, inH, inW, outH, outW, input.toDoubleArray(), y, indices);
        Tensor out = Tensor.fromDoubles(y, input.dtype(), outShape);
        if (GradFn.isNeeded(input)) {
            PoolGeometry scatter = new PoolGeometry(planes, inH, inW, 1, 1, 1, 1, 0, 0, 1, 1, outH, outW, true, 0);
            new GradFn("AdaptiveMaxPool2DBackward0", input) {
                @Override
                protected Tensor[] backward(Tensor gy) {
                    double[] gx = new double[input.numel()];
                    ReferencePool.maxPoolBackward(scatter, indices, gy.toDoubleArray(), gx);
                    return new Tensor[] {Tensor.fromDoubles(gx, input.dtype(), shape)};
                }
            }.attachTo(out);
        }
        return new MaxPool2dResult(out, indices.clone());
    }
}
