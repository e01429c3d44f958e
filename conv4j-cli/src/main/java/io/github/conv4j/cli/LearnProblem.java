package io.github.conv4j.cli;

import io.github.conv4j.image.ImageReadOptions;
import io.github.conv4j.spec.IntPair;
import io.github.conv4j.spec.Padding;
import io.github.conv4j.tensor.Tensor;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The data of {@code conv4j learn}: a gray input and target as {@code (H, W)} tensors, and which convolution relates
 * them, read off the sizes. Equal sizes mean a {@code same} convolution (padded with the chosen mode); a target
 * exactly {@code kH − 1} rows and {@code kW − 1} columns smaller means a {@code valid} one. Any other pair cannot come
 * from a stride-1 convolution with that kernel and is a usage error naming both shapes.
 *
 * @param input {@code (H, W)}
 * @param target {@code (H, W)} or {@code (H − kH + 1, W − kW + 1)}
 * @param padding {@link Padding#same()} or {@link Padding#valid()}
 */
record LearnProblem(Tensor input, Tensor target, Padding padding) {
    /**
     * Decides the padding from the shapes.
     *
     * @throws IllegalArgumentException if the shapes fit neither a same nor a valid convolution with {@code kernel}
     */
    static LearnProblem of(Tensor input, Tensor target, IntPair kernel) {
        int h = input.size(0);
        int w = input.size(1);
        int th = target.size(0);
        int tw = target.size(1);
        if (th == h && tw == w) {
            return new LearnProblem(input, target, Padding.same());
        }
        int vh = h - kernel.h() + 1;
        int vw = w - kernel.w() + 1;
        if (th == vh && tw == vw && vh >= 1 && vw >= 1) {
            return new LearnProblem(input, target, Padding.valid());
        }
        String shapes = "input " + h + "x" + w + " and target " + th + "x" + tw;
        String expected = vh >= 1 && vw >= 1
                ? "the target must be " + h + "x" + w + " (same) or " + vh + "x" + vw + " (valid)"
                : "the input is smaller than the kernel";
        throw new IllegalArgumentException(
                shapes + " do not fit a " + kernel.h() + "x" + kernel.w() + " convolution: " + expected);
    }

    /** Whether the target is the same size as the input. */
    boolean same() {
        return padding.isSame();
    }

    /**
     * Reads one side of the problem as a gray {@code (H, W)} image: a 2-D {@code .npy} array (a leading 1 or two are
     * accepted, so {@code conv4j filter --gray -o t.npy} output fits) or an image converted to BT.601 luma in [0, 1].
     *
     * @throws CliException (exit 1) if the file is missing, unreadable or not a single 2-D array
     */
    static Tensor readGray(Path file, long maxPixels) {
        if (TensorFiles.isNpy(file)) {
            Tensor t = TensorFiles.read(file);
            int[] s = t.shape();
            int d = s.length;
            boolean leadingOnes = d >= 2 && d <= 4 && Arrays.stream(s, 0, d - 2).allMatch(v -> v == 1);
            if (!leadingOnes) {
                throw new CliException(
                        CliException.RUNTIME,
                        file + ": expected a 2-D (H, W) array (or (1, H, W)), got shape " + Arrays.toString(s));
            }
            return t.reshape(s[d - 2], s[d - 1]).to(io.github.conv4j.tensor.DType.FLOAT32);
        }
        Tensor image = FilterCommand.readImage(
                file, ImageReadOptions.defaults().maxPixels(maxPixels).gray(true));
        return image.reshape(image.size(1), image.size(2));
    }
}
