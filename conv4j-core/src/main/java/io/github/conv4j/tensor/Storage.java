package io.github.conv4j.tensor;

/**
 * The flat element array behind one or more tensors (a tensor and its reshaped or detached views share one), with
 * the version counter that lets autograd refuse gradients computed from data that was changed in place afterwards.
 */
final class Storage {
    final float[] floats;
    final double[] doubles;
    private int version;

    private Storage(float[] floats, double[] doubles) {
        this.floats = floats;
        this.doubles = doubles;
    }

    static Storage of(float[] data) {
        return new Storage(data, null);
    }

    static Storage of(double[] data) {
        return new Storage(null, data);
    }

    static Storage allocate(DType dtype, int size) {
        return dtype == DType.FLOAT32 ? of(new float[size]) : of(new double[size]);
    }

    DType dtype() {
        return floats != null ? DType.FLOAT32 : DType.FLOAT64;
    }

    int size() {
        return floats != null ? floats.length : doubles.length;
    }

    double get(int i) {
        return floats != null ? floats[i] : doubles[i];
    }

    void set(int i, double v) {
        if (floats != null) {
            floats[i] = (float) v;
        } else {
            doubles[i] = v;
        }
    }

    int version() {
        return version;
    }

    void bumpVersion() {
        version++;
    }
}
