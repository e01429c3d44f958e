package io.github.conv4j.nn;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.conv4j.nn.optim.Adam;
import io.github.conv4j.spec.Pool2dOptions;
import io.github.conv4j.tensor.NoGrad;
import io.github.conv4j.tensor.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A LeNet-style network (conv, ReLU, pool, conv, ReLU, pool, flatten, linear) learns to tell bars, circles and
 * squares apart on 16x16 synthetic images, and training is bit-for-bit reproducible.
 */
class LeNetTest {
    private static final int TRAIN = 480;
    private static final int TEST = 240;
    private static final int BATCH = 32;
    private static final int EPOCHS = 12;

    static Sequential lenet(long seed) {
        return new Sequential(
                new Conv2d(1, 6, 3, seed), // 16 -> 14
                new ReLU(),
                new MaxPool2d(Pool2dOptions.of(2)), // -> 7
                new Conv2d(6, 12, 3, seed + 1), // -> 5
                new ReLU(),
                new MaxPool2d(Pool2dOptions.of(2)), // -> 2
                new Flatten(),
                new Linear(12 * 2 * 2, ShapesDataset.CLASSES, true, seed + 2));
    }

    /** Trains a fresh network with Adam and cross-entropy; returns it. */
    static Sequential train(long seed) {
        ShapesDataset data = new ShapesDataset(TRAIN, seed);
        Sequential net = lenet(seed);
        Adam opt = new Adam(net.parameters(), 0.01);
        CrossEntropyLoss loss = new CrossEntropyLoss();
        net.train();
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            for (int from = 0; from < TRAIN; from += BATCH) {
                int to = Math.min(TRAIN, from + BATCH);
                Tensor l = loss.forward(net.forward(data.batch(from, to)), data.labels(from, to));
                opt.zeroGrad();
                l.backward();
                opt.step();
            }
        }
        return net.eval() instanceof Sequential s ? s : net;
    }

    static double accuracy(Sequential net, ShapesDataset data) {
        int correct = 0;
        try (NoGrad ignored = NoGrad.enter()) {
            Tensor logits = net.forward(data.batch(0, data.count));
            for (int n = 0; n < data.count; n++) {
                int best = 0;
                for (int c = 1; c < ShapesDataset.CLASSES; c++) {
                    if (logits.get(n, c) > logits.get(n, best)) {
                        best = c;
                    }
                }
                correct += best == data.labels[n] ? 1 : 0;
            }
        }
        return (double) correct / data.count;
    }

    @Test
    void learnsToClassifyShapesReproduciblyWhateverTheThreadCount() {
        int threads = io.github.conv4j.kernel.parallel.Parallel.threads();
        io.github.conv4j.kernel.parallel.Parallel.setThreads(3);
        long start = System.nanoTime();
        Sequential net;
        try {
            net = train(2024);
        } finally {
            io.github.conv4j.kernel.parallel.Parallel.setThreads(threads);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        // A held-out set drawn with another seed; >= 95% is the target (the task is easy for a CNN, chance is 33%).
        double acc = accuracy(net, new ShapesDataset(TEST, 99));
        System.out.printf("LeNet: test accuracy %.3f after %d epochs, trained in %.1f s%n", acc, EPOCHS, seconds);
        assertThat(acc).isGreaterThanOrEqualTo(0.95);

        // Trained again on one thread: the weights must be bit-identical (fixed partitions, fixed summation order).
        Sequential again;
        io.github.conv4j.kernel.parallel.Parallel.setThreads(1);
        try {
            again = train(2024);
        } finally {
            io.github.conv4j.kernel.parallel.Parallel.setThreads(threads);
        }
        Map<String, Tensor> a = net.namedParameters();
        Map<String, Tensor> b = again.namedParameters();
        assertThat(b.keySet()).containsExactlyElementsOf(a.keySet());
        a.forEach((name, p) -> assertThat(b.get(name).contentEquals(p))
                .as("parameter %s bit-identical", name)
                .isTrue());
    }
}
