package io.github.conv4j.nn;

import io.github.conv4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * A chain of modules applied in order, PyTorch's {@code nn.Sequential}. The children are named {@code "0"},
 * {@code "1"}, ..., so parameter names match PyTorch's {@code state_dict} keys ({@code "0.weight"}).
 *
 * <pre>{@code
 * Sequential net = new Sequential(new Conv2d(1, 4, 3, 1), new ReLU(), new MaxPool2d(Pool2dOptions.of(2)),
 *         new Flatten(), new Linear(4 * 7 * 7, 3, true, 2));
 * Tensor logits = net.forward(images); // (N, 1, 16, 16) -> (N, 3)
 * }</pre>
 */
public final class Sequential extends Module {
    private final List<Module> layers = new ArrayList<>();

    /**
     * Creates the chain.
     *
     * @param layers the modules in order of application
     * @throws IllegalArgumentException if a module is null
     */
    public Sequential(Module... layers) {
        for (Module m : layers) {
            add(m);
        }
    }

    /**
     * Appends a module, named by its position.
     *
     * @param layer the module
     * @return this chain
     * @throws IllegalArgumentException if {@code layer} is null
     */
    public Sequential add(Module layer) {
        if (layer == null) {
            throw new IllegalArgumentException("Sequential: layer " + layers.size() + " must not be null");
        }
        layers.add(registerModule(Integer.toString(layers.size()), layer));
        return this;
    }

    /**
     * Returns the modules in order.
     *
     * @return an unmodifiable list
     */
    public List<Module> layers() {
        return List.copyOf(layers);
    }

    /**
     * Applies each module to the previous one's output.
     *
     * @param input the input of the first module
     * @return the output of the last module ({@code input} itself for an empty chain)
     */
    @Override
    public Tensor forward(Tensor input) {
        Tensor x = input;
        for (Module m : layers) {
            x = m.forward(x);
        }
        return x;
    }
}
