package io.github.conv4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.conv4j.spec.Conv2dOptions;
import io.github.conv4j.spec.IntPair;
import io.github.conv4j.spec.Pool2dOptions;
import io.github.conv4j.tensor.NoGrad;
import io.github.conv4j.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Receptive-field arithmetic, checked by hand and against autograd (which input pixels does an output depend on). */
class ReceptiveFieldTest {
    @Test
    void handComputedStack() {
        // conv 3x3 p1 -> pool 2 s2 -> conv 3x3 p1 -> pool 2 s2 on 32x32:
        // rf 3, 4, 8, 10; jump 1, 2, 2, 4; start 0, 0.5, 0.5, 1.5.
        ReceptiveField rf = ReceptiveField.of(
                32,
                32,
                List.of(
                        LayerGeometry.of("conv1", 3, 1, 1, 1),
                        LayerGeometry.of("pool1", 2, 2, 0, 1),
                        LayerGeometry.of("conv2", 3, 1, 1, 1),
                        LayerGeometry.of("pool2", 2, 2, 0, 1)));
        assertThat(rf.layers()).extracting(ReceptiveField.Entry::rfH).containsExactly(3, 4, 8, 10);
        assertThat(rf.layers()).extracting(ReceptiveField.Entry::jumpW).containsExactly(1, 2, 2, 4);
        assertThat(rf.layers()).extracting(ReceptiveField.Entry::startH).containsExactly(0.0, 0.5, 0.5, 1.5);
        assertThat(rf.layers()).extracting(ReceptiveField.Entry::outH).containsExactly(32, 16, 16, 8);
        assertThat(rf.region(0, 0)).isEqualTo(new ReceptiveField.Region(-3, -3, 6, 6));
        assertThat(rf.region(0, 0).clip(32, 32)).isEqualTo(new ReceptiveField.Region(0, 0, 6, 6));
        assertThat(rf.toString()).contains("pool2").contains("rf  10x10");
    }

    @Test
    void lenetFromDocsNn() {
        // The table printed in docs/NN.md.
        ReceptiveField rf = ReceptiveField.of(LeNetTest.lenet(1), 16, 16);
        assertThat(rf.layers()).extracting(ReceptiveField.Entry::rfW).containsExactly(3, 4, 8, 10);
        assertThat(rf.layers()).extracting(ReceptiveField.Entry::startW).containsExactly(1.0, 1.5, 3.5, 4.5);
        assertThat(rf.layers()).extracting(ReceptiveField.Entry::outH).containsExactly(14, 7, 5, 2);
        assertThat(rf.region(1, 0)).isEqualTo(new ReceptiveField.Region(4, 0, 13, 9));
    }

    @Test
    void seedExampleTwoStackedTwoByTwoConvolutions() {
        // The seed: after two 2x2 convolutions, a single output pixel sees a 3x3 input patch.
        ReceptiveField rf =
                ReceptiveField.of(3, 3, List.of(LayerGeometry.of("Y", 2, 1, 0, 1), LayerGeometry.of("z", 2, 1, 0, 1)));
        assertThat(rf.last().outH()).isEqualTo(1);
        assertThat(rf.region(0, 0)).isEqualTo(new ReceptiveField.Region(0, 0, 2, 2));
    }

    static LongStream seeds() {
        return LongStream.range(0, 10).map(i -> 300 + i);
    }

    /**
     * For random stacks of convolutions (with stride, padding, dilation) and pools, the analysed region of a random
     * output pixel must be exactly the set of input pixels whose gradient is non-zero. All-positive weights and
     * average pooling make every tap count, so no dependency cancels.
     */
    @ParameterizedTest
    @MethodSource("seeds")
    void regionMatchesTheGradientSupport(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Sequential net = new Sequential();
        int layers = 1 + r.nextInt(3);
        for (int l = 0; l < layers; l++) {
            if (r.nextBoolean()) {
                Conv2d conv = new Conv2d(
                        1,
                        1,
                        IntPair.of(1 + r.nextInt(3), 1 + r.nextInt(3)),
                        Conv2dOptions.defaults()
                                .stride(1 + r.nextInt(2), 1 + r.nextInt(2))
                                .padding(r.nextInt(2), r.nextInt(2))
                                .dilation(1 + r.nextInt(2), 1),
                        false,
                        seed);
                try (NoGrad ignored = NoGrad.enter()) {
                    conv.weight().fill(1);
                }
                net.add(conv);
            } else {
                net.add(new AvgPool2d(Pool2dOptions.of(1 + r.nextInt(2)).stride(1 + r.nextInt(2))));
            }
            net.add(new ReLU());
        }
        int h = 20;
        int w = 19;
        ReceptiveField rf;
        try {
            rf = ReceptiveField.of(net, h, w);
        } catch (IllegalArgumentException tooSmall) {
            return; // a random stack that shrinks the image below a window; the error case is tested below
        }
        Tensor x = Tensor.ones(1, 1, h, w).requiresGrad(true);
        Tensor y = net.forward(x);
        assertThat(y.size(2)).isEqualTo(rf.last().outH());
        assertThat(y.size(3)).isEqualTo(rf.last().outW());
        int i = r.nextInt(y.size(2));
        int j = r.nextInt(y.size(3));
        Tensor pick = Tensor.zeros(y.shape())
                .fill(
                        1,
                        io.github.conv4j.tensor.Slice.all(),
                        io.github.conv4j.tensor.Slice.all(),
                        io.github.conv4j.tensor.Slice.at(i),
                        io.github.conv4j.tensor.Slice.at(j));
        y.backward(pick);
        ReceptiveField.Region region = rf.region(i, j).clip(h, w);
        int top = Integer.MAX_VALUE;
        int bottom = Integer.MIN_VALUE;
        int left = Integer.MAX_VALUE;
        int right = Integer.MIN_VALUE;
        for (int a = 0; a < h; a++) {
            for (int b = 0; b < w; b++) {
                if (x.grad().get(0, 0, a, b) != 0) {
                    top = Math.min(top, a);
                    bottom = Math.max(bottom, a);
                    left = Math.min(left, b);
                    right = Math.max(right, b);
                }
            }
        }
        // Strides and dilations leave holes inside the field, so the field is the bounding box of the support:
        // every dependency lies inside it, and each side the image does not clip is reached by the extreme taps.
        String context = "output (" + i + ", " + j + "), region " + region + ", net " + net;
        assertThat(top).as(context).isGreaterThanOrEqualTo(region.top());
        assertThat(bottom).as(context).isLessThanOrEqualTo(region.bottom());
        assertThat(left).as(context).isGreaterThanOrEqualTo(region.left());
        assertThat(right).as(context).isLessThanOrEqualTo(region.right());
        ReceptiveField.Region raw = rf.region(i, j);
        if (raw.top() >= 0 && raw.bottom() < h && raw.left() >= 0 && raw.right() < w) {
            assertThat(new ReceptiveField.Region(top, left, bottom, right))
                    .as(context)
                    .isEqualTo(region);
        }
    }

    @Test
    void unknownLayersAndBadPixelsAreRefused() {
        Sequential net = new Sequential(new Conv2d(1, 1, 3, 0), new Flatten(), new Linear(4, 2, true, 0));
        ReceptiveField rf = ReceptiveField.of(net, 4, 4);
        assertThat(rf.layers()).hasSize(1);
        assertThatThrownBy(() -> rf.region(2, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(2, 0)");
        assertThatThrownBy(() -> ReceptiveField.of(4, 4, List.of(LayerGeometry.of("big", 7, 1, 0, 1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("big");
    }
}
