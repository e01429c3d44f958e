package io.github.conv4j.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Tensor basics: printing like PyTorch, shapes, slicing, broadcasting, seeded randomness and autograd rules. */
class TensorTest {

    @Test
    void printsLikePyTorch() {
        assertThat(Tensor.of(new float[][] {{1.0294f, -0.9556f}}).toString()).isEqualTo("tensor([[ 1.0294, -0.9556]])");
        assertThat(Tensor.of(1e-5f, 1f).toString()).isEqualTo("tensor([1.0000e-05, 1.0000e+00])");
        assertThat(Tensor.of(0.5f, 1.25f).toString()).isEqualTo("tensor([0.5000, 1.2500])");
        assertThat(Tensor.of(Float.NaN, 1, Float.POSITIVE_INFINITY).toString()).isEqualTo("tensor([nan, 1., inf])");
        assertThat(Tensor.zeros(2, 2, 3).to(DType.FLOAT64).toString())
                .isEqualTo("tensor([[[0., 0., 0.],\n         [0., 0., 0.]],\n\n        [[0., 0., 0.],\n"
                        + "         [0., 0., 0.]]], dtype=torch.float64)");
        assertThat(Tensor.scalar(19).toString()).isEqualTo("tensor(19.)");
        assertThat(Tensor.ones(2).requiresGrad(true).toString()).isEqualTo("tensor([1., 1.], requires_grad=True)");
        assertThat(Tensor.arange(2000).toString())
                .isEqualTo("tensor([0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 1.9970e+03, 1.9980e+03,\n"
                        + "        1.9990e+03])");
        assertThat(Tensor.arange(1, 1001, 1).toString()).startsWith("tensor([   1.,    2.,    3.,");
    }

    @Test
    void reshapeSharesDataAndInfersOneDimension() {
        Tensor x = Tensor.arange(12);
        Tensor y = x.reshape(3, -1);
        assertThat(y.shape()).containsExactly(3, 4);
        x.fill(7, Slice.at(0));
        assertThat(y.get(0, 0)).isEqualTo(7);
        assertThatThrownBy(() -> x.reshape(5, -1)).hasMessageContaining("is invalid for input of size 12");
        assertThatThrownBy(() -> x.reshape(-1, -1)).hasMessageContaining("only one dimension can be inferred");
    }

    @Test
    void transposePermuteAndSlice() {
        Tensor x = Tensor.arange(6).reshape(2, 3);
        assertThat(x.t().toFloatArray()).containsExactly(0, 3, 1, 4, 2, 5);
        Tensor p = Tensor.arange(24).reshape(2, 3, 4).permute(2, 0, 1);
        assertThat(p.shape()).containsExactly(4, 2, 3);
        assertThat(p.get(3, 1, 2)).isEqualTo(23);
        assertThat(x.slice(Slice.all(), Slice.range(1, 3)).toFloatArray()).containsExactly(1, 2, 4, 5);
        assertThat(x.slice(Slice.at(-1)).toFloatArray()).containsExactly(3, 4, 5);
        assertThatThrownBy(() -> Tensor.zeros(2, 2, 2).t()).hasMessageContaining("<= 2 dimensions");
        assertThatThrownBy(() -> x.permute(0, 0)).hasMessageContaining("repeats");
    }

    @Test
    void broadcastingArithmetic() {
        Tensor a = Tensor.arange(6).reshape(2, 3);
        Tensor b = Tensor.of(10, 20, 30);
        assertThat(a.add(b).toFloatArray()).containsExactly(10, 21, 32, 13, 24, 35);
        assertThat(a.mul(Tensor.of(2f).reshape(1, 1)).toFloatArray()).containsExactly(0, 2, 4, 6, 8, 10);
        assertThatThrownBy(() -> a.add(Tensor.of(1, 2))).hasMessageContaining("cannot be broadcast");
        assertThat(a.sum().item()).isEqualTo(15);
        assertThat(a.sum(0, false).toFloatArray()).containsExactly(3, 5, 7);
        assertThat(a.mean(1, true).shape()).containsExactly(2, 1);
        assertThat(a.max().item()).isEqualTo(5);
        Tensor shifted = a.add(1);
        assertThat(shifted.allClose(shifted.add(5e-6))).isTrue();
        assertThat(shifted.allClose(shifted.add(1e-3))).isFalse();
    }

    @Test
    void seededRandomnessIsReproducible() {
        assertThat(Tensor.randn(42, 100).contentEquals(Tensor.randn(42, 100))).isTrue();
        assertThat(Tensor.randn(42, 100).contentEquals(Tensor.randn(43, 100))).isFalse();
        Tensor u = Tensor.uniform(1, -2, 3, 10000);
        assertThat(u.min().item()).isGreaterThanOrEqualTo(-2);
        assertThat(u.max().item()).isLessThan(3);
        Tensor n = Tensor.randn(5, 100000);
        assertThat(n.mean().item()).isBetween(-0.02, 0.02);
        assertThat(n.pow(2).mean().item()).isBetween(0.98, 1.02);
    }

    @Test
    void gradientsAccumulateWhenATensorIsUsedTwice() {
        Tensor x = Tensor.of(1, 2, 3).requiresGrad(true);
        x.mul(x).add(x).sum().backward();
        assertThat(x.grad().toFloatArray()).containsExactly(3, 5, 7);
        x.mul(2).sum().backward();
        assertThat(x.grad().toFloatArray()).containsExactly(5, 7, 9);
        x.zeroGrad();
        assertThat(x.grad()).isNull();
    }

    @Test
    void inPlaceChangesAreRefusedOrDetected() {
        Tensor w = Tensor.ones(2).requiresGrad(true);
        assertThatThrownBy(() -> w.fill(0)).hasMessageContaining("cannot be changed in place");
        Tensor saved = Tensor.ones(2);
        Tensor y = w.mul(saved).sum();
        saved.fill(3);
        assertThatThrownBy(y::backward).hasMessageContaining("modified by an in-place operation");
        assertThatThrownBy(() -> Tensor.ones(2).sum().backward()).hasMessageContaining("does not require grad");
        assertThatThrownBy(() -> w.mul(2).backward()).hasMessageContaining("only for scalar outputs");
    }

    @Test
    void noGradScopesNest() {
        Tensor w = Tensor.ones(2).requiresGrad(true);
        try (NoGrad outer = NoGrad.enter()) {
            assertThat(outer).isNotNull();
            try (NoGrad inner = NoGrad.enter()) {
                assertThat(inner).isNotNull();
                assertThat(w.mul(2).requiresGrad()).isFalse();
            }
            assertThat(NoGrad.isGradEnabled()).isFalse();
        }
        assertThat(w.mul(2).requiresGrad()).isTrue();
    }
}
