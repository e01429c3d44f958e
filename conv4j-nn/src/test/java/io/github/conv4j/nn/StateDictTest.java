package io.github.conv4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.conv4j.io.Npz;
import io.github.conv4j.spec.Pool2dOptions;
import io.github.conv4j.tensor.Tensor;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Save/load of parameters as {@code .npz} with PyTorch state_dict names, and the all-or-nothing mismatch errors. */
class StateDictTest {
    @TempDir
    Path dir;

    /** A module with a nested Sequential, to check names like PyTorch's {@code features.0.weight}. */
    static final class Net extends Module {
        final Sequential features;
        final Linear head;

        Net(long seed) {
            features = registerModule(
                    "features",
                    new Sequential(new Conv2d(1, 2, 3, seed), new ReLU(), new MaxPool2d(Pool2dOptions.of(2))));
            head = registerModule("head", new Linear(8, 3, true, seed + 1));
        }

        @Override
        public Tensor forward(Tensor x) {
            return head.forward(new Flatten().forward(features.forward(x)));
        }
    }

    @Test
    void namesFollowPyTorchStateDictKeys() {
        assertThat(new Net(1).namedParameters().keySet())
                .containsExactly("features.0.weight", "features.0.bias", "head.weight", "head.bias");
    }

    @Test
    void roundTripRestoresEveryParameterBitForBit() throws Exception {
        Net a = new Net(1);
        Net b = new Net(2);
        Path file = dir.resolve("net.npz");
        StateDict.save(a, file);
        assertThat(Npz.read(file).keySet())
                .containsExactly("features.0.weight", "features.0.bias", "head.weight", "head.bias");
        StateDict.load(b, file);
        Tensor x = Tensor.randn(3, 2, 1, 6, 6);
        assertThat(b.forward(x).contentEquals(a.forward(x))).isTrue();
        a.namedParameters()
                .forEach((name, p) -> assertThat(b.namedParameters().get(name).contentEquals(p))
                        .isTrue());
        // Loading writes into the live parameters, so optimizers holding them keep working.
        assertThat(b.namedParameters().get("head.weight").requiresGrad()).isTrue();
    }

    @Test
    void mismatchesAreReportedAndNothingChanges() {
        Net net = new Net(1);
        Map<String, Tensor> before = StateDict.of(net);

        Map<String, Tensor> missing = new LinkedHashMap<>(StateDict.of(new Net(5)));
        missing.remove("head.bias");
        assertThatThrownBy(() -> StateDict.load(net, missing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing key 'head.bias'");

        Map<String, Tensor> extra = new LinkedHashMap<>(StateDict.of(new Net(5)));
        extra.put("head.scale", Tensor.zeros(1));
        assertThatThrownBy(() -> StateDict.load(net, extra))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unexpected key 'head.scale'");

        Map<String, Tensor> shape = new LinkedHashMap<>(StateDict.of(new Net(5)));
        shape.put("head.weight", Tensor.zeros(3, 9));
        assertThatThrownBy(() -> StateDict.load(net, shape))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("size mismatch for 'head.weight'")
                .hasMessageContaining("[3, 9]")
                .hasMessageContaining("[3, 8]");

        StateDict.of(net).forEach((name, p) -> assertThat(p.contentEquals(before.get(name)))
                .isTrue());
    }
}
