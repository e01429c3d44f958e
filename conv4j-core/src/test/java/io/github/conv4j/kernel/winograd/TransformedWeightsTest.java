package io.github.conv4j.kernel.winograd;

import static io.github.conv4j.kernel.KernelTestSupport.random;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.conv4j.kernel.ConvTuning;
import io.github.conv4j.spec.ConvGeometry;
import io.github.conv4j.spec.ConvSpec;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The transformed-weight cache must be invisible in the results: a cached transform gives the bits of a fresh one,
 * and weights changed in place (as {@code floatArray()} allows) are transformed again. Bit equality is the right
 * check: the cache may only skip work, never change a number.
 */
class TransformedWeightsTest {
    private static final ConvGeometry G = ConvSpec.parse("n2c16h13w11o24k3p1");

    @BeforeEach
    @AfterEach
    void forget() {
        TransformedWeights.clear();
    }

    @Test
    void repeatedCallsGiveTheBitsOfFreshWeightArrays() {
        SplittableRandom r = new SplittableRandom(7);
        float[] x = random(r, G.n() * G.inC() * G.inH() * G.inW(), false);
        float[] w = random(r, G.outC() * G.inC() * 9, false);
        for (int tile : new int[] {2, 4}) {
            TransformedWeights.clear();
            float[] fresh = run(x, w.clone(), tile);
            assertThat(TransformedWeights.bytesHeld())
                    .as("one-off arrays are not cached")
                    .isZero();
            for (int call = 0; call < 3; call++) {
                assertThat(run(x, w, tile)).as("call %d, F(%d)", call, tile).isEqualTo(fresh);
            }
            assertThat(TransformedWeights.bytesHeld())
                    .as("an array used again is cached")
                    .isGreaterThan(0);
        }
    }

    @Test
    void weightsChangedInPlaceAreTransformedAgain() {
        SplittableRandom r = new SplittableRandom(8);
        float[] x = random(r, G.n() * G.inC() * G.inH() * G.inW(), false);
        float[] w = random(r, G.outC() * G.inC() * 9, false);
        run(x, w, 4);
        run(x, w, 4);
        // One weight in the middle and then the last one: the comparison must cover the whole array.
        for (int index : new int[] {w.length / 2, w.length - 1}) {
            w[index] += 0.25f;
            float[] cached = run(x, w, 4);
            assertThat(cached).as("after changing w[%d]", index).isEqualTo(run(x, w.clone(), 4));
        }
        // An optimiser-style update of every weight, twice (the stale entry's arrays are reused).
        for (int step = 0; step < 2; step++) {
            for (int i = 0; i < w.length; i++) {
                w[i] *= 0.9f;
            }
            assertThat(run(x, w, 2)).as("step %d", step).isEqualTo(run(x, w.clone(), 2));
        }
    }

    /**
     * The magnitude check takes a cached transform's weight exponent instead of scanning the weights, so a cached
     * transform must be found valid on later calls (or the scan is not saved), and weights that become non-finite or
     * huge in place must still be declined (or the saved scan would use a stale exponent).
     */
    @Test
    void cachedWeightsKeepTheirExponentOnlyWhileUnchanged() {
        SplittableRandom r = new SplittableRandom(10);
        float[] x = random(r, G.n() * G.inC() * G.inH() * G.inW(), false);
        for (int tile : new int[] {2, 4}) {
            for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, 1e35f}) {
                float[] w = random(r, G.outC() * G.inC() * 9, false);
                int weights = w.length;
                int size = (tile + 2) * (tile + 2) * G.outC() * G.inC();
                run(x, w, tile);
                run(x, w, tile);
                assertThat(TransformedWeights.valid(w, weights, tile, false, size))
                        .as("F(%d): the cached transform is found", tile)
                        .isNotNull();
                w[weights - 1] = bad;
                assertThat(TransformedWeights.valid(w, weights, tile, false, size))
                        .as("changed weights")
                        .isNull();
                float[] y = new float[G.n() * G.outC() * G.outH() * G.outW()];
                assertThat(WinogradConv.forward(G, x, w, null, y, tile))
                        .as("F(%d) with a weight of %s", tile, bad)
                        .isFalse();
            }
        }
    }

    @Test
    void heldBytesStayWithinTheBudget() {
        // 256→256 F(4×4): a 9 MiB transform plus a 2.25 MiB copy per layer; ten layers would pass 64 MiB.
        ConvGeometry g = ConvSpec.parse("n1c256h6w6o256k3p1");
        SplittableRandom r = new SplittableRandom(9);
        float[] x = random(r, g.inC() * g.inH() * g.inW(), false);
        float[] y = new float[g.outC() * g.outH() * g.outW()];
        for (int layer = 0; layer < 10; layer++) {
            float[] w = random(r, g.outC() * g.inC() * 9, false);
            WinogradConv.forward(g, x, w, null, y, 4);
            WinogradConv.forward(g, x, w, null, y, 4);
            assertThat(TransformedWeights.bytesHeld()).isLessThanOrEqualTo(ConvTuning.WINOGRAD_WEIGHT_CACHE_BYTES);
        }
        assertThat(TransformedWeights.bytesHeld()).isGreaterThan(ConvTuning.WINOGRAD_WEIGHT_CACHE_BYTES / 2);
    }

    private static float[] run(float[] x, float[] w, int tile) {
        float[] y = new float[G.n() * G.outC() * G.outH() * G.outW()];
        assertThat(WinogradConv.forward(G, x, w, null, y, tile)).isTrue();
        return y;
    }
}
