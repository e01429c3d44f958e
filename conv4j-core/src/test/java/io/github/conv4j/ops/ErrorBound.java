package io.github.conv4j.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.conv4j.tensor.Tensor;

/**
 * The float32 error bound every fast result is held to: a result that sums K products satisfies
 * {@code |y − exact| ≤ K·2⁻²⁴·Σ|x||w| + 2⁻²⁴·|exact|} (recursive summation in any order, then the final rounding),
 * where {@code Σ|x||w|} comes from running the same operation on absolute values in float64. NaN must stay NaN and
 * infinities must match exactly.
 */
final class ErrorBound {
    static final double U = Math.scalb(1.0, -24);

    private ErrorBound() {}

    static void assertWithin(Tensor actual, Tensor expected, Tensor scale, int terms, String what) {
        assertThat(actual.shape()).as(what + " shape").containsExactly(expected.shape());
        double[] a = actual.toDoubleArray();
        double[] e = expected.toDoubleArray();
        double[] s = scale.toDoubleArray();
        for (int i = 0; i < a.length; i++) {
            if (Double.isNaN(e[i])) {
                assertThat(a[i]).as(what + "[%d]", i).isNaN();
                continue;
            }
            if (Double.isInfinite(e[i])) {
                assertThat(a[i]).as(what + "[%d]", i).isEqualTo(e[i]);
                continue;
            }
            double bound = terms * U * s[i] + U * Math.abs(e[i]);
            assertThat(Math.abs(a[i] - e[i]))
                    .as("%s[%d]: %s vs %s (bound %s)", what, i, a[i], e[i], bound)
                    .isLessThanOrEqualTo(bound);
        }
    }
}
