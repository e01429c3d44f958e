package io.github.conv4j.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A dense, row-major (C order) n-dimensional array of {@link DType#FLOAT32} (the default) or {@link DType#FLOAT64}
 * numbers, with PyTorch-style reverse-mode automatic differentiation.
 *
 * <p>Tensors are always contiguous. {@link #reshape(int...)}, {@link #detach()} and {@link #data()} share data with
 * the original; every other operation returns a new tensor and leaves its inputs untouched. Methods whose name ends in
 * {@code InPlace}, and {@link #fill(double, Slice...)}, change the tensor itself; they are refused on a tensor that
 * requires a gradient (outside a {@link NoGrad} scope), and autograd detects when data it saved was changed.
 *
 * <pre>{@code
 * Tensor x = Tensor.arange(9).reshape(3, 3);
 * Tensor k = Tensor.arange(4).reshape(2, 2);
 * System.out.println(Functional.corr2d(x, k)); // tensor([[19., 25.],
 *                                              //         [37., 43.]])
 * }</pre>
 */
public final class Tensor {
    private final Storage storage;
    private final int[] shape;
    private boolean requiresGrad;
    private Tensor grad;
    private GradFn gradFn;

    private Tensor(Storage storage, int[] shape) {
        this.storage = storage;
        this.shape = shape;
    }

    // ---------------------------------------------------------------- factories

    /**
     * Creates a float32 tensor that uses {@code data} directly as its storage (no copy).
     *
     * @param data the elements in row-major order; the tensor owns it from now on
     * @param shape the dimensions; their product must equal {@code data.length}
     * @return the tensor
     * @throws IllegalArgumentException if the sizes disagree
     */
    public static Tensor wrap(float[] data, int... shape) {
        checkLength(data.length, shape);
        return new Tensor(Storage.of(data), shape.clone());
    }

    /**
     * Creates a float64 tensor that uses {@code data} directly as its storage (no copy).
     *
     * @param data the elements in row-major order; the tensor owns it from now on
     * @param shape the dimensions; their product must equal {@code data.length}
     * @return the tensor
     * @throws IllegalArgumentException if the sizes disagree
     */
    public static Tensor wrap(double[] data, int... shape) {
        checkLength(data.length, shape);
        return new Tensor(Storage.of(data), shape.clone());
    }

    /**
     * Creates a tensor of the given type from double values (rounded to nearest for float32).
     *
     * @param data the elements in row-major order (not retained)
     * @param dtype the element type
     * @param shape the dimensions
     * @return the tensor
     */
    public static Tensor fromDoubles(double[] data, DType dtype, int... shape) {
        checkLength(data.length, shape);
        if (dtype == DType.FLOAT64) {
            return new Tensor(Storage.of(data.clone()), shape.clone());
        }
        float[] f = new float[data.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) data[i];
        }
        return new Tensor(Storage.of(f), shape.clone());
    }

    private static void checkLength(int length, int[] shape) {
        int n = Shapes.numel("shape", shape);
        if (n != length) {
            throw new IllegalArgumentException(
                    "shape " + Shapes.format(shape) + " holds " + n + " elements but the data has " + length);
        }
    }

    /**
     * Creates an uninitialised (zero-filled) tensor; used by operations to allocate results.
     *
     * @param dtype the element type
     * @param shape the dimensions
     * @return a zero tensor
     */
    public static Tensor empty(DType dtype, int... shape) {
        return new Tensor(Storage.allocate(dtype, Shapes.numel("shape", shape)), shape.clone());
    }

    /**
     * Creates a float32 tensor of zeros ({@code torch.zeros}).
     *
     * @param shape the dimensions
     * @return the tensor
     */
    public static Tensor zeros(int... shape) {
        return empty(DType.FLOAT32, shape);
    }

    /**
     * Creates a float32 tensor of ones ({@code torch.ones}).
     *
     * @param shape the dimensions
     * @return the tensor
     */
    public static Tensor ones(int... shape) {
        return full(1, shape);
    }

    /**
     * Creates a float32 tensor filled with one value ({@code torch.full}).
     *
     * @param value the value
     * @param shape the dimensions
     * @return the tensor
     */
    public static Tensor full(double value, int... shape) {
        Tensor t = zeros(shape);
        Arrays.fill(t.storage.floats, (float) value);
        return t;
    }

    /**
     * Creates the 1-D float32 tensor {@code [0, 1, ..., end-1]} ({@code torch.arange(end)}).
     *
     * @param end the exclusive end, {@code >= 0}
     * @return the tensor
     */
    public static Tensor arange(int end) {
        return arange(0, end, 1);
    }

    /**
     * Creates the 1-D float32 tensor {@code start, start+step, ...} below {@code end} ({@code torch.arange}).
     *
     * @param start the first value
     * @param end the exclusive bound
     * @param step the increment, non-zero
     * @return the tensor
     * @throws IllegalArgumentException if {@code step} is zero or the range is too long
     */
    public static Tensor arange(double start, double end, double step) {
        if (step == 0 || !Double.isFinite(step)) {
            throw new IllegalArgumentException("arange: step must be finite and non-zero, got " + step);
        }
        double count = Math.ceil((end - start) / step);
        long n = (long) Math.max(0, count);
        float[] data = new float[Shapes.numel("arange", n)];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (start + i * step);
        }
        return new Tensor(Storage.of(data), new int[] {data.length});
    }

    /**
     * Creates a 1-D float32 tensor from values ({@code torch.tensor([...])}).
     *
     * @param values the elements (copied)
     * @return the tensor
     */
    public static Tensor of(float... values) {
        return new Tensor(Storage.of(values.clone()), new int[] {values.length});
    }

    /**
     * Creates a 2-D float32 tensor from rows ({@code torch.tensor([[...], [...]])}).
     *
     * @param rows the rows, all of one length (copied)
     * @return the tensor of shape {@code [rows.length, rows[0].length]}
     * @throws IllegalArgumentException if the rows are ragged
     */
    public static Tensor of(float[][] rows) {
        int w = rows.length == 0 ? 0 : rows[0].length;
        float[] data = new float[Shapes.numel("rows", rows.length, w)];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != w) {
                throw new IllegalArgumentException(
                        "of: row " + i + " has " + rows[i].length + " elements, expected " + w + " like row 0");
            }
            System.arraycopy(rows[i], 0, data, i * w, w);
        }
        return new Tensor(Storage.of(data), new int[] {rows.length, w});
    }

    /**
     * Creates a 0-dimensional float32 tensor holding one number.
     *
     * @param value the value
     * @return the scalar tensor
     */
    public static Tensor scalar(double value) {
        return new Tensor(Storage.of(new float[] {(float) value}), new int[0]);
    }

    /**
     * Creates a float32 tensor of independent uniform samples in {@code [0, 1)} ({@code torch.rand}), reproducible
     * from the seed on every JVM.
     *
     * @param seed the random seed
     * @param shape the dimensions
     * @return the tensor
     */
    public static Tensor rand(long seed, int... shape) {
        return uniform(seed, 0, 1, shape);
    }

    /**
     * Creates a float32 tensor of independent uniform samples in {@code [low, high)}.
     *
     * @param seed the random seed
     * @param low the lower bound
     * @param high the upper bound, {@code > low}
     * @param shape the dimensions
     * @return the tensor
     */
    public static Tensor uniform(long seed, double low, double high, int... shape) {
        if (!(high > low)) {
            throw new IllegalArgumentException("uniform: high (" + high + ") must be greater than low (" + low + ")");
        }
        Tensor t = zeros(shape);
        SplittableRandom random = new SplittableRandom(seed);
        float[] d = t.storage.floats;
        for (int i = 0; i < d.length; i++) {
            float v = (float) (low + (high - low) * random.nextDouble());
            d[i] = v < high ? v : Math.nextDown((float) high);
        }
        return t;
    }

    /**
     * Creates a float32 tensor of independent standard normal samples ({@code torch.randn}), reproducible from the
     * seed on every JVM (Box-Muller on {@link SplittableRandom}).
     *
     * @param seed the random seed
     * @param shape the dimensions
     * @return the tensor
     */
    public static Tensor randn(long seed, int... shape) {
        Tensor t = zeros(shape);
        SplittableRandom random = new SplittableRandom(seed);
        float[] d = t.storage.floats;
        for (int i = 0; i < d.length; i += 2) {
            double u1 = 1.0 - random.nextDouble();
            double u2 = random.nextDouble();
            double r = Math.sqrt(-2 * Math.log(u1));
            d[i] = (float) (r * Math.cos(2 * Math.PI * u2));
            if (i + 1 < d.length) {
                d[i + 1] = (float) (r * Math.sin(2 * Math.PI * u2));
            }
        }
        return t;
    }

    // ---------------------------------------------------------------- accessors

    /**
     * Returns the dimensions.
     *
     * @return a copy of the shape
     */
    public int[] shape() {
        return shape.clone();
    }

    /**
     * Returns one dimension; negative indices count from the end.
     *
     * @param dim the dimension index
     * @return its size
     */
    public int size(int dim) {
        return shape[Shapes.normalizeDim("dim", dim, shape.length)];
    }

    /**
     * Returns the number of dimensions.
     *
     * @return the rank
     */
    public int dim() {
        return shape.length;
    }

    /**
     * Returns the number of elements.
     *
     * @return the product of the dimensions
     */
    public int numel() {
        return storage.size();
    }

    /**
     * Returns the element type.
     *
     * @return FLOAT32 or FLOAT64
     */
    public DType dtype() {
        return storage.dtype();
    }

    Storage storage() {
        return storage;
    }

    /**
     * Returns the backing array of a float32 tensor without copying. Writing to it changes the tensor (and bypasses
     * autograd's checks); use {@link #toFloatArray()} for a copy.
     *
     * @return the storage
     * @throws IllegalStateException if the tensor is float64
     */
    public float[] floatArray() {
        if (storage.floats == null) {
            throw new IllegalStateException("floatArray: tensor is " + dtype().pythonName() + ", not float32");
        }
        return storage.floats;
    }

    /**
     * Returns the backing array of a float64 tensor without copying.
     *
     * @return the storage
     * @throws IllegalStateException if the tensor is float32
     */
    public double[] doubleArray() {
        if (storage.doubles == null) {
            throw new IllegalStateException("doubleArray: tensor is " + dtype().pythonName() + ", not float64");
        }
        return storage.doubles;
    }

    /**
     * Copies the elements to a new float array (rounding float64 values).
     *
     * @return the elements in row-major order
     */
    public float[] toFloatArray() {
        if (storage.floats != null) {
            return storage.floats.clone();
        }
        float[] f = new float[numel()];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) storage.doubles[i];
        }
        return f;
    }

    /**
     * Copies the elements to a new double array (exactly).
     *
     * @return the elements in row-major order
     */
    public double[] toDoubleArray() {
        if (storage.doubles != null) {
            return storage.doubles.clone();
        }
        double[] d = new double[numel()];
        for (int i = 0; i < d.length; i++) {
            d[i] = storage.floats[i];
        }
        return d;
    }

    /**
     * Returns the element at the given indices (negative indices count from the end).
     *
     * @param index one index per dimension
     * @return the value
     * @throws IllegalArgumentException if the indices do not match the shape
     */
    public double get(int... index) {
        return storage.get(flatIndex(index));
    }

    /**
     * Returns the value of a one-element tensor ({@code tensor.item()}).
     *
     * @return the value
     * @throws IllegalStateException if the tensor has more than one element
     */
    public double item() {
        if (numel() != 1) {
            throw new IllegalStateException("item: a tensor with " + numel() + " elements (shape "
                    + Shapes.format(shape) + ") cannot be converted to a scalar");
        }
        return storage.get(0);
    }

    private int flatIndex(int[] index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException(
                    "index: got " + index.length + " indices for a tensor of shape " + Shapes.format(shape));
        }
        int flat = 0;
        for (int d = 0; d < shape.length; d++) {
            int i = index[d] < 0 ? index[d] + shape[d] : index[d];
            if (i < 0 || i >= shape[d]) {
                throw new IllegalArgumentException(
                        "index: " + index[d] + " is out of bounds for dimension " + d + " with size " + shape[d]);
            }
            flat = flat * shape[d] + i;
        }
        return flat;
    }

    // ---------------------------------------------------------------- conversions and shape

    /**
     * Converts to another element type (a copy, differentiable); returns this tensor if the type already matches.
     *
     * @param dtype the target type
     * @return the converted tensor
     */
    public Tensor to(DType dtype) {
        if (dtype == dtype()) {
            return this;
        }
        Tensor out = fromDoubles(toDoubleArray(), dtype, shape);
        if (needsGrad(this)) {
            Tensor self = this;
            out.setGradFn(new GradFn("ToCopyBackward0", this) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    return new Tensor[] {g.to(self.dtype())};
                }
            });
        }
        return out;
    }

    /**
     * Returns a tensor with the same data and a new shape; one dimension may be {@code -1} (inferred). Shares data
     * with this tensor.
     *
     * @param newShape the new dimensions
     * @return the reshaped tensor
     * @throws IllegalArgumentException if the element counts differ
     */
    public Tensor reshape(int... newShape) {
        int[] resolved = resolveReshape(newShape);
        Tensor out = new Tensor(storage, resolved);
        if (needsGrad(this)) {
            int[] original = shape.clone();
            out.setGradFn(new GradFn("ViewBackward0", this) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    return new Tensor[] {g.reshape(original)};
                }
            });
        }
        return out;
    }

    private int[] resolveReshape(int[] newShape) {
        int[] resolved = newShape.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < resolved.length; i++) {
            if (resolved[i] == -1) {
                if (infer >= 0) {
                    throw new IllegalArgumentException(
                            "reshape: only one dimension can be inferred, got " + Arrays.toString(newShape));
                }
                infer = i;
            } else if (resolved[i] < 0) {
                throw new IllegalArgumentException(
                        "reshape: invalid dimension " + resolved[i] + " in " + Arrays.toString(newShape));
            } else {
                known *= resolved[i];
            }
        }
        if (infer >= 0) {
            if (known == 0 || numel() % known != 0) {
                throw new IllegalArgumentException(
                        "reshape: shape " + Arrays.toString(newShape) + " is invalid for input of size " + numel());
            }
            resolved[infer] = (int) (numel() / known);
            known *= resolved[infer];
        }
        if (known != numel()) {
            throw new IllegalArgumentException("reshape: shape " + Arrays.toString(newShape)
                    + " is invalid for input of size " + numel() + " (shape " + Shapes.format(shape) + ")");
        }
        return resolved;
    }

    /**
     * Flattens to one dimension ({@code tensor.flatten()}).
     *
     * @return a 1-D tensor sharing data with this one
     */
    public Tensor flatten() {
        return reshape(-1);
    }

    /**
     * Reorders the dimensions ({@code tensor.permute}); returns a contiguous copy.
     *
     * @param order a permutation of {@code 0..dim()-1} (negative entries count from the end)
     * @return the permuted tensor, {@code out.shape[i] = shape[order[i]]}
     * @throws IllegalArgumentException if {@code order} is not a permutation
     */
    public Tensor permute(int... order) {
        int rank = shape.length;
        if (order.length != rank) {
            throw new IllegalArgumentException("permute: expected " + rank + " dimensions for shape "
                    + Shapes.format(shape) + ", got " + Arrays.toString(order));
        }
        int[] perm = new int[rank];
        boolean[] seen = new boolean[rank];
        for (int i = 0; i < rank; i++) {
            perm[i] = Shapes.normalizeDim("permute", order[i], rank);
            if (seen[perm[i]]) {
                throw new IllegalArgumentException(
                        "permute: dimension " + perm[i] + " repeats in " + Arrays.toString(order));
            }
            seen[perm[i]] = true;
        }
        int[] outShape = new int[rank];
        for (int i = 0; i < rank; i++) {
            outShape[i] = shape[perm[i]];
        }
        int[] inStrides = Shapes.strides(shape);
        int[] permutedStrides = new int[rank];
        for (int i = 0; i < rank; i++) {
            permutedStrides[i] = inStrides[perm[i]];
        }
        Tensor out = empty(dtype(), outShape);
        int n = numel();
        int[] idx = new int[rank];
        int src = 0;
        for (int k = 0; k < n; k++) {
            if (storage.floats != null) {
                out.storage.floats[k] = storage.floats[src];
            } else {
                out.storage.doubles[k] = storage.doubles[src];
            }
            for (int d = rank - 1; d >= 0; d--) {
                idx[d]++;
                src += permutedStrides[d];
                if (idx[d] < outShape[d]) {
                    break;
                }
                src -= permutedStrides[d] * idx[d];
                idx[d] = 0;
            }
        }
        if (needsGrad(this)) {
            int[] inverse = new int[rank];
            for (int i = 0; i < rank; i++) {
                inverse[perm[i]] = i;
            }
            out.setGradFn(new GradFn("PermuteBackward0", this) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    return new Tensor[] {g.permute(inverse)};
                }
            });
        }
        return out;
    }

    /**
     * Swaps two dimensions ({@code tensor.transpose(d0, d1)}); returns a contiguous copy.
     *
     * @param dim0 one dimension
     * @param dim1 the other dimension
     * @return the transposed tensor
     */
    public Tensor transpose(int dim0, int dim1) {
        int[] order = new int[shape.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        int a = Shapes.normalizeDim("dim0", dim0, shape.length);
        int b = Shapes.normalizeDim("dim1", dim1, shape.length);
        order[a] = b;
        order[b] = a;
        return permute(order);
    }

    /**
     * Transposes a tensor of at most two dimensions ({@code X.t()}, the seeds' transposed image).
     *
     * @return the transpose (1-D and 0-D tensors are returned as they are)
     * @throws IllegalArgumentException if the tensor has more than two dimensions
     */
    public Tensor t() {
        if (shape.length > 2) {
            throw new IllegalArgumentException("t: expects a tensor with <= 2 dimensions, but got shape "
                    + Shapes.format(shape) + "; use transpose(dim0, dim1)");
        }
        return shape.length < 2 ? this : transpose(0, 1);
    }

    /**
     * Copies a region ({@code X[1:3, :]}) into a new tensor; the selected dimensions keep their rank.
     *
     * @param slices one slice per leading dimension (missing trailing dimensions mean {@link Slice#all()})
     * @return the region, differentiable
     */
    public Tensor slice(Slice... slices) {
        int[][] ranges = resolveSlices(slices);
        int[] outShape = new int[shape.length];
        for (int d = 0; d < shape.length; d++) {
            outShape[d] = ranges[d][1] - ranges[d][0];
        }
        Tensor out = empty(dtype(), outShape);
        int[] map = regionIndices(ranges);
        for (int k = 0; k < map.length; k++) {
            out.storage.set(k, storage.get(map[k]));
        }
        if (needsGrad(this)) {
            int[] inShape = shape.clone();
            DType type = dtype();
            out.setGradFn(new GradFn("SliceBackward0", this) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    Tensor gx = empty(type, inShape);
                    for (int k = 0; k < map.length; k++) {
                        gx.storage.set(map[k], g.storage.get(k));
                    }
                    return new Tensor[] {gx};
                }
            });
        }
        return out;
    }

    private int[][] resolveSlices(Slice[] slices) {
        if (slices.length > shape.length) {
            throw new IllegalArgumentException(
                    "slice: " + slices.length + " slices for a tensor of shape " + Shapes.format(shape));
        }
        int[][] ranges = new int[shape.length][];
        for (int d = 0; d < shape.length; d++) {
            Slice s = d < slices.length ? slices[d] : Slice.all();
            ranges[d] = s.resolve(shape[d]);
        }
        return ranges;
    }

    private int[] regionIndices(int[][] ranges) {
        int rank = shape.length;
        long count = 1;
        for (int[] r : ranges) {
            count *= r[1] - r[0];
        }
        int[] out = new int[(int) count];
        if (count == 0) {
            return out;
        }
        int[] strides = Shapes.strides(shape);
        int[] idx = new int[rank];
        for (int d = 0; d < rank; d++) {
            idx[d] = ranges[d][0];
        }
        for (int k = 0; k < out.length; k++) {
            int flat = 0;
            for (int d = 0; d < rank; d++) {
                flat += idx[d] * strides[d];
            }
            out[k] = flat;
            for (int d = rank - 1; d >= 0; d--) {
                if (++idx[d] < ranges[d][1]) {
                    break;
                }
                idx[d] = ranges[d][0];
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- in-place

    /**
     * Sets a region to a value in place ({@code X[:, 2:6] = 0}).
     *
     * @param value the value
     * @param slices one slice per leading dimension; none means the whole tensor
     * @return this tensor
     * @throws IllegalStateException if this tensor requires a gradient outside a {@link NoGrad} scope
     */
    public Tensor fill(double value, Slice... slices) {
        checkInPlace("fill");
        for (int i : regionIndices(resolveSlices(slices))) {
            storage.set(i, value);
        }
        storage.bumpVersion();
        return this;
    }

    /**
     * Copies another tensor's values into this one in place ({@code x.copy_(src)}), broadcasting {@code source}.
     *
     * @param source the values; its shape must broadcast to this shape
     * @return this tensor
     */
    public Tensor copyFrom(Tensor source) {
        checkInPlace("copyFrom");
        int[] target = Broadcast.shape("copyFrom", shape, source.shape);
        if (!Arrays.equals(target, shape)) {
            throw new IllegalArgumentException("copyFrom: source shape " + Shapes.format(source.shape)
                    + " does not broadcast to " + Shapes.format(shape));
        }
        int[] map = Broadcast.indexMap(source.shape, shape);
        for (int i = 0; i < map.length; i++) {
            storage.set(i, source.storage.get(map[i]));
        }
        storage.bumpVersion();
        return this;
    }

    /**
     * Overwrites every element of this float32 tensor in place: {@code writer} receives the backing array and must
     * write all of it. The storage's version moves on, so a gradient computed from the old values is refused, as for
     * {@link #fill}. This is how the {@code out} variants of the operations (e.g.
     * {@code Functional.conv2d(x, w, b, options, out)}) reuse an output instead of allocating one.
     *
     * <pre>{@code
     * Tensor out = Tensor.zeros(2, 3);
     * out.overwrite("example", a -> java.util.Arrays.fill(a, 1f));
     * }</pre>
     *
     * @param op the operation's name, for error messages
     * @param writer writes the whole array; if it throws, the tensor may be partly written
     * @return this tensor
     * @throws IllegalStateException if this tensor is float64, or requires a gradient (or has a gradient function)
     *     outside a {@link NoGrad} scope
     */
    public Tensor overwrite(String op, java.util.function.Consumer<float[]> writer) {
        checkInPlace(op);
        if (storage.floats == null) {
            throw new IllegalStateException(op + ": the tensor is " + dtype().pythonName() + ", expected float32");
        }
        writer.accept(storage.floats);
        storage.bumpVersion();
        return this;
    }

    /**
     * Whether this tensor and {@code other} read and write the same elements array (one is a reshape,
     * {@code detach()} or {@code data()} of the other, or both {@link #wrap wrap} one array), so that writing one
     * changes the other.
     *
     * @param other another tensor, or {@code null}
     * @return true when both are backed by the same array
     */
    public boolean sharesStorageWith(Tensor other) {
        if (other == null) {
            return false;
        }
        Storage o = other.storage;
        return o == storage
                || (o.floats != null && o.floats == storage.floats)
                || (o.doubles != null && o.doubles == storage.doubles);
    }

    /**
     * Adds another tensor (broadcast) to this one in place.
     *
     * @param other the addend
     * @return this tensor
     */
    public Tensor addInPlace(Tensor other) {
        return copyFrom(withoutGrad(() -> add(other)));
    }

    /**
     * Subtracts another tensor (broadcast) from this one in place; the gradient-descent update
     * {@code w.data().subInPlace(w.grad().mul(lr))}.
     *
     * @param other the subtrahend
     * @return this tensor
     */
    public Tensor subInPlace(Tensor other) {
        return copyFrom(withoutGrad(() -> sub(other)));
    }

    /**
     * Multiplies this tensor by a scalar in place.
     *
     * @param factor the factor
     * @return this tensor
     */
    public Tensor mulInPlace(double factor) {
        return copyFrom(withoutGrad(() -> mul(factor)));
    }

    private static Tensor withoutGrad(java.util.function.Supplier<Tensor> op) {
        try (NoGrad ignored = NoGrad.enter()) {
            return op.get();
        }
    }

    private void checkInPlace(String op) {
        if (NoGrad.isGradEnabled() && (requiresGrad || gradFn != null)) {
            throw new IllegalStateException(
                    op + ": a tensor that requires grad cannot be changed in place;" + " use data() or a NoGrad scope");
        }
    }

    // ---------------------------------------------------------------- arithmetic

    /**
     * Elementwise sum with broadcasting ({@code a + b}).
     *
     * @param other the other operand
     * @return the sum
     */
    public Tensor add(Tensor other) {
        return Elementwise.binary(this, other, "AddBackward0", Double::sum, (a, b, g) -> g, (a, b, g) -> g);
    }

    /**
     * Adds a scalar.
     *
     * @param value the scalar
     * @return the sum
     */
    public Tensor add(double value) {
        return Elementwise.unary(this, "AddBackward0", x -> x + value, (x, y, g) -> g);
    }

    /**
     * Elementwise difference with broadcasting ({@code a - b}).
     *
     * @param other the subtrahend
     * @return the difference
     */
    public Tensor sub(Tensor other) {
        return Elementwise.binary(this, other, "SubBackward0", (a, b) -> a - b, (a, b, g) -> g, (a, b, g) -> -g);
    }

    /**
     * Subtracts a scalar.
     *
     * @param value the scalar
     * @return the difference
     */
    public Tensor sub(double value) {
        return add(-value);
    }

    /**
     * Elementwise product with broadcasting ({@code a * b}).
     *
     * @param other the other factor
     * @return the product
     */
    public Tensor mul(Tensor other) {
        return Elementwise.binary(this, other, "MulBackward0", (a, b) -> a * b, (a, b, g) -> g * b, (a, b, g) -> g * a);
    }

    /**
     * Multiplies by a scalar.
     *
     * @param value the scalar
     * @return the product
     */
    public Tensor mul(double value) {
        return Elementwise.unary(this, "MulBackward0", x -> x * value, (x, y, g) -> g * value);
    }

    /**
     * Elementwise quotient with broadcasting ({@code a / b}).
     *
     * @param other the divisor
     * @return the quotient
     */
    public Tensor div(Tensor other) {
        return Elementwise.binary(
                this, other, "DivBackward0", (a, b) -> a / b, (a, b, g) -> g / b, (a, b, g) -> -g * a / (b * b));
    }

    /**
     * Divides by a scalar.
     *
     * @param value the divisor
     * @return the quotient
     */
    public Tensor div(double value) {
        return Elementwise.unary(this, "DivBackward0", x -> x / value, (x, y, g) -> g / value);
    }

    /**
     * Negates every element.
     *
     * @return {@code -this}
     */
    public Tensor neg() {
        return Elementwise.unary(this, "NegBackward0", x -> -x, (x, y, g) -> -g);
    }

    /**
     * Raises every element to a power ({@code x ** p}).
     *
     * @param exponent the power
     * @return the result
     */
    public Tensor pow(double exponent) {
        if (exponent == 2) {
            return Elementwise.unary(this, "PowBackward0", x -> x * x, (x, y, g) -> 2 * x * g);
        }
        return Elementwise.unary(
                this,
                "PowBackward0",
                x -> Math.pow(x, exponent),
                (x, y, g) -> g * exponent * Math.pow(x, exponent - 1));
    }

    /**
     * Elementwise exponential.
     *
     * @return {@code exp(this)}
     */
    public Tensor exp() {
        return Elementwise.unary(this, "ExpBackward0", Math::exp, (x, y, g) -> g * y);
    }

    /**
     * Elementwise natural logarithm.
     *
     * @return {@code log(this)}
     */
    public Tensor log() {
        return Elementwise.unary(this, "LogBackward0", Math::log, (x, y, g) -> g / x);
    }

    /**
     * Elementwise square root.
     *
     * @return {@code sqrt(this)}
     */
    public Tensor sqrt() {
        return Elementwise.unary(this, "SqrtBackward0", Math::sqrt, (x, y, g) -> g / (2 * y));
    }

    /**
     * Elementwise absolute value (gradient {@code sign(x)}, zero at zero as in PyTorch).
     *
     * @return {@code |this|}
     */
    public Tensor abs() {
        return Elementwise.unary(this, "AbsBackward0", Math::abs, (x, y, g) -> g * Math.signum(x));
    }

    /**
     * Rectified linear unit {@code max(x, 0)}; NaN stays NaN (gradient zero at zero, as in PyTorch).
     *
     * @return the result
     */
    public Tensor relu() {
        return Elementwise.unary(
                this, "ReluBackward0", x -> x > 0 ? x : (Double.isNaN(x) ? x : 0), (x, y, g) -> y > 0 ? g : 0);
    }

    /**
     * Logistic sigmoid {@code 1 / (1 + exp(-x))}.
     *
     * @return the result
     */
    public Tensor sigmoid() {
        return Elementwise.unary(this, "SigmoidBackward0", x -> 1 / (1 + Math.exp(-x)), (x, y, g) -> g * y * (1 - y));
    }

    /**
     * Hyperbolic tangent.
     *
     * @return the result
     */
    public Tensor tanh() {
        return Elementwise.unary(this, "TanhBackward0", Math::tanh, (x, y, g) -> g * (1 - y * y));
    }

    /**
     * Clamps every element to {@code [min, max]} ({@code torch.clamp}); NaN stays NaN.
     *
     * @param min the lower bound
     * @param max the upper bound
     * @return the result
     */
    public Tensor clamp(double min, double max) {
        if (min > max) {
            throw new IllegalArgumentException("clamp: min (" + min + ") must not exceed max (" + max + ")");
        }
        return Elementwise.unary(
                this,
                "ClampBackward1",
                x -> x < min ? min : x > max ? max : x,
                (x, y, g) -> x >= min && x <= max ? g : 0);
    }

    // ---------------------------------------------------------------- reductions

    /**
     * Sums all elements (in double precision, rounded once).
     *
     * @return a 0-dimensional tensor
     */
    public Tensor sum() {
        return Reductions.sumAll(this);
    }

    /**
     * Sums along one dimension.
     *
     * @param dim the dimension (negative counts from the end)
     * @param keepDim whether to keep the reduced dimension with size one
     * @return the sums
     */
    public Tensor sum(int dim, boolean keepDim) {
        return Reductions.sumDim(this, Shapes.normalizeDim("dim", dim, shape.length), keepDim);
    }

    /**
     * Averages all elements.
     *
     * @return a 0-dimensional tensor
     */
    public Tensor mean() {
        return sum().div(numel());
    }

    /**
     * Averages along one dimension.
     *
     * @param dim the dimension
     * @param keepDim whether to keep it with size one
     * @return the means
     */
    public Tensor mean(int dim, boolean keepDim) {
        return sum(dim, keepDim).div(size(dim));
    }

    /**
     * The largest element; NaN if any element is NaN (PyTorch's rule).
     *
     * @return a 0-dimensional tensor
     * @throws IllegalArgumentException if the tensor is empty
     */
    public Tensor max() {
        return Reductions.extreme(this, true);
    }

    /**
     * The smallest element; NaN if any element is NaN.
     *
     * @return a 0-dimensional tensor
     * @throws IllegalArgumentException if the tensor is empty
     */
    public Tensor min() {
        return Reductions.extreme(this, false);
    }

    /**
     * Tells whether two tensors have the same shape and all elements satisfy {@code |a - b| <= atol + rtol * |b|}
     * ({@code torch.allclose}); NaNs compare unequal.
     *
     * @param other the tensor compared against
     * @param rtol relative tolerance
     * @param atol absolute tolerance
     * @return whether they are close
     */
    public boolean allClose(Tensor other, double rtol, double atol) {
        if (!Arrays.equals(shape, other.shape)) {
            return false;
        }
        for (int i = 0; i < numel(); i++) {
            double a = storage.get(i);
            double b = other.storage.get(i);
            if (a == b) {
                continue;
            }
            if (!(Math.abs(a - b) <= atol + rtol * Math.abs(b))) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@link #allClose(Tensor, double, double)} with PyTorch's defaults {@code rtol = 1e-5}, {@code atol = 1e-8}.
     *
     * @param other the tensor compared against
     * @return whether they are close
     */
    public boolean allClose(Tensor other) {
        return allClose(other, 1e-5, 1e-8);
    }

    /**
     * Tells whether two tensors have the same shape, type and bit-identical elements.
     *
     * @param other the other tensor
     * @return whether they are identical
     */
    public boolean contentEquals(Tensor other) {
        if (!Arrays.equals(shape, other.shape) || dtype() != other.dtype()) {
            return false;
        }
        return storage.floats != null
                ? Arrays.equals(storage.floats, other.storage.floats)
                : Arrays.equals(storage.doubles, other.storage.doubles);
    }

    // ---------------------------------------------------------------- autograd

    static boolean needsGrad(Tensor t) {
        return t != null && NoGrad.isGradEnabled() && (t.requiresGrad || t.gradFn != null);
    }

    /**
     * Tells whether this tensor takes part in gradient computation (a leaf that asked for it, or the result of an
     * operation on one).
     *
     * @return whether gradients flow to or through this tensor
     */
    public boolean requiresGrad() {
        return requiresGrad || gradFn != null;
    }

    /**
     * Asks autograd to compute the gradient of this leaf tensor ({@code x.requires_grad_()}).
     *
     * @param value whether to track gradients
     * @return this tensor
     * @throws IllegalStateException if this is not a leaf (it was computed by a recorded operation)
     */
    public Tensor requiresGrad(boolean value) {
        if (gradFn != null) {
            throw new IllegalStateException("requiresGrad: only leaf tensors can change requiresGrad; this one was"
                    + " computed by " + gradFn.name() + " (use detach())");
        }
        requiresGrad = value;
        return this;
    }

    /**
     * Tells whether this tensor was created by the user rather than by a recorded operation.
     *
     * @return whether it is a leaf
     */
    public boolean isLeaf() {
        return gradFn == null;
    }

    /**
     * Returns the accumulated gradient of a leaf after {@link #backward()}.
     *
     * @return the gradient, or {@code null} if none was computed
     */
    public Tensor grad() {
        return grad;
    }

    /**
     * Returns the operation that produced this tensor.
     *
     * @return the recorded operation, or {@code null} for a leaf
     */
    public GradFn gradFn() {
        return gradFn;
    }

    /** Clears the accumulated gradient ({@code zero_grad(set_to_none=True)}). */
    public void zeroGrad() {
        grad = null;
    }

    /**
     * Replaces the accumulated gradient (used by optimisers and tests).
     *
     * @param gradient the new gradient, with this tensor's shape, or {@code null}
     */
    public void setGrad(Tensor gradient) {
        if (gradient != null && !Arrays.equals(gradient.shape, shape)) {
            throw new IllegalArgumentException("setGrad: gradient shape " + Shapes.format(gradient.shape)
                    + " does not match tensor shape " + Shapes.format(shape));
        }
        grad = gradient;
    }

    /**
     * Returns a tensor sharing this one's data that is cut from the autograd graph ({@code x.detach()}).
     *
     * @return the detached tensor
     */
    public Tensor detach() {
        return new Tensor(storage, shape);
    }

    /**
     * Returns the data of this tensor without gradient tracking ({@code x.data}); changing it in place changes this
     * tensor, the way the seeds update {@code conv2d.weight.data[:] -= lr * grad}.
     *
     * @return a detached tensor sharing this one's data
     */
    public Tensor data() {
        return detach();
    }

    void setGradFn(GradFn fn) {
        this.gradFn = fn;
    }

    /**
     * Computes gradients of this scalar with respect to every leaf that requires them, accumulating into their
     * {@link #grad()} ({@code loss.backward()}).
     *
     * @throws IllegalStateException if this tensor has more than one element or does not require grad
     */
    public void backward() {
        if (numel() != 1) {
            throw new IllegalStateException("backward: grad can be implicitly created only for scalar outputs, but"
                    + " this tensor has shape " + Shapes.format(shape) + "; pass a gradient");
        }
        backward(full(1, shape).to(dtype()));
    }

    /**
     * Computes gradients given the gradient of some scalar with respect to this tensor ({@code y.backward(g)}).
     *
     * @param gradient the upstream gradient, with this tensor's shape
     * @throws IllegalStateException if this tensor does not require grad
     */
    public void backward(Tensor gradient) {
        if (!requiresGrad()) {
            throw new IllegalStateException(
                    "backward: element 0 of tensors does not require grad and does not have" + " a grad_fn");
        }
        if (!Arrays.equals(gradient.shape, shape)) {
            throw new IllegalArgumentException("backward: gradient shape " + Shapes.format(gradient.shape)
                    + " does not match tensor shape " + Shapes.format(shape));
        }
        Autograd.run(this, gradient);
    }

    void accumulateGrad(Tensor g) {
        Tensor detached = g.detach();
        if (detached.dtype() != dtype()) {
            detached = detached.to(dtype());
        }
        if (grad == null) {
            grad = detached.storage == storage ? detached.copy() : detached;
        } else {
            try (NoGrad ignored = NoGrad.enter()) {
                grad = grad.add(detached);
            }
        }
    }

    /**
     * Returns a deep copy, detached from the graph ({@code x.clone().detach()}).
     *
     * @return the copy
     */
    public Tensor copy() {
        return storage.floats != null ? wrap(storage.floats.clone(), shape) : wrap(storage.doubles.clone(), shape);
    }

    /** Prints like PyTorch, e.g. {@code tensor([[19., 25.],\n        [37., 43.]])}. */
    @Override
    public String toString() {
        String suffix = "";
        if (dtype() == DType.FLOAT64) {
            suffix += ", dtype=torch.float64";
        }
        if (gradFn != null) {
            suffix += ", grad_fn=<" + gradFn.name() + ">";
        } else if (requiresGrad) {
            suffix += ", requires_grad=True";
        }
        return TensorFormatter.format(this, suffix);
    }

    /** The reverse-mode engine: a topological order of the graph, then gradients flow from the root to the leaves. */
    private static final class Autograd {
        private Autograd() {}

        static void run(Tensor root, Tensor gradient) {
            List<Tensor> order = topologicalOrder(root);
            Map<Tensor, Tensor> grads = new IdentityHashMap<>();
            grads.put(root, gradient);
            try (NoGrad ignored = NoGrad.enter()) {
                for (int i = order.size() - 1; i >= 0; i--) {
                    Tensor t = order.get(i);
                    Tensor g = grads.remove(t);
                    if (g == null) {
                        continue;
                    }
                    if (t.gradFn == null) {
                        if (t.requiresGrad) {
                            t.accumulateGrad(g);
                        }
                        continue;
                    }
                    t.gradFn.checkVersions();
                    Tensor[] inputGrads = t.gradFn.backward(g);
                    for (int k = 0; k < t.gradFn.inputCount(); k++) {
                        Tensor in = t.gradFn.input(k);
                        if (in == null || inputGrads[k] == null || !in.requiresGrad()) {
                            continue;
                        }
                        grads.merge(in, inputGrads[k], Tensor::add);
                    }
                }
            }
        }

        private static List<Tensor> topologicalOrder(Tensor root) {
            List<Tensor> order = new ArrayList<>();
            Map<Tensor, Boolean> visited = new IdentityHashMap<>();
            List<Object[]> stack = new ArrayList<>();
            stack.add(new Object[] {root, 0});
            visited.put(root, Boolean.TRUE);
            while (!stack.isEmpty()) {
                Object[] top = stack.get(stack.size() - 1);
                Tensor t = (Tensor) top[0];
                int next = (Integer) top[1];
                if (t.gradFn != null && next < t.gradFn.inputCount()) {
                    top[1] = next + 1;
                    Tensor in = t.gradFn.input(next);
                    if (in != null && in.requiresGrad() && visited.put(in, Boolean.TRUE) == null) {
                        stack.add(new Object[] {in, 0});
                    }
                } else {
                    stack.remove(stack.size() - 1);
                    order.add(t);
                }
            }
            return order;
        }
    }
}
