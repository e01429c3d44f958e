package io.github.conv4j.nn;

import io.github.conv4j.tensor.Tensor;
import java.util.SplittableRandom;

/**
 * A synthetic image-classification set drawn with plain loops (no {@code java.desktop}): class 0 an oriented bar
 * (horizontal, vertical or either diagonal), class 1 a circle outline, class 2 a square outline, at random positions
 * and sizes, with a little uniform noise. Reproducible from the seed.
 */
final class ShapesDataset {
    static final int SIZE = 16;
    static final int CLASSES = 3;

    final float[] images;
    final int[] labels;
    final int count;

    ShapesDataset(int count, long seed) {
        this.count = count;
        this.images = new float[count * SIZE * SIZE];
        this.labels = new int[count];
        SplittableRandom r = new SplittableRandom(seed);
        for (int n = 0; n < count; n++) {
            int label = n % CLASSES;
            labels[n] = label;
            int base = n * SIZE * SIZE;
            switch (label) {
                case 0 -> bar(r, base);
                case 1 -> circle(r, base);
                default -> square(r, base);
            }
            for (int i = 0; i < SIZE * SIZE; i++) {
                images[base + i] += (float) (0.2 * r.nextDouble());
            }
        }
    }

    private void set(int base, int row, int col) {
        if (row >= 0 && row < SIZE && col >= 0 && col < SIZE) {
            images[base + row * SIZE + col] = 1;
        }
    }

    private void bar(SplittableRandom r, int base) {
        int length = 7 + r.nextInt(6);
        int orientation = r.nextInt(4);
        int[] dr = {0, 1, 1, 1};
        int[] dc = {1, 0, 1, -1};
        int r0 = 2 + r.nextInt(SIZE - 4);
        int c0 = 2 + r.nextInt(SIZE - 4);
        for (int t = -length / 2; t <= length / 2; t++) {
            set(base, r0 + t * dr[orientation], c0 + t * dc[orientation]);
        }
    }

    private void circle(SplittableRandom r, int base) {
        double radius = 3 + 2.5 * r.nextDouble();
        double cr = radius + r.nextDouble() * (SIZE - 1 - 2 * radius);
        double cc = radius + r.nextDouble() * (SIZE - 1 - 2 * radius);
        for (int i = 0; i < SIZE; i++) {
            for (int j = 0; j < SIZE; j++) {
                if (Math.abs(Math.hypot(i - cr, j - cc) - radius) < 0.6) {
                    set(base, i, j);
                }
            }
        }
    }

    private void square(SplittableRandom r, int base) {
        int side = 6 + r.nextInt(6);
        int top = r.nextInt(SIZE - side);
        int left = r.nextInt(SIZE - side);
        for (int t = 0; t < side; t++) {
            set(base, top, left + t);
            set(base, top + side - 1, left + t);
            set(base, top + t, left);
            set(base, top + t, left + side - 1);
        }
    }

    /** Images {@code from..to-1} as a batch {@code (n, 1, 16, 16)}. */
    Tensor batch(int from, int to) {
        float[] data = new float[(to - from) * SIZE * SIZE];
        System.arraycopy(images, from * SIZE * SIZE, data, 0, data.length);
        return Tensor.wrap(data, to - from, 1, SIZE, SIZE);
    }

    int[] labels(int from, int to) {
        return java.util.Arrays.copyOfRange(labels, from, to);
    }
}
