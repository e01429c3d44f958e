package io.github.conv4j.kernel.reference;

import io.github.conv4j.spec.ConvGeometry;

/**
 * im2col ({@code unfold}) and its adjoint col2im ({@code fold}). The column matrix of one sample has one row per
 * {@code (c, p, q)} tap ({@code row = (c·kH + p)·kW + q}) and one column per output position ({@code i·W_out + j});
 * positions outside the input read zero. The geometry's {@code outC} is ignored.
 */
public final class ReferenceUnfold {
    private ReferenceUnfold() {}

    /**
     * Unfolds {@code x (N, C, H, W)} into {@code cols (N, C·kH·kW, H_out·W_out)}.
     *
     * @param g the geometry (groups must be 1)
     * @param x the input
     * @param cols the columns, overwritten
     */
    public static void unfold(ConvGeometry g, double[] x, double[] cols) {
        int rows = g.inC() * g.kh() * g.kw();
        int l = g.outH() * g.outW();
        for (int n = 0; n < g.n(); n++) {
            for (int c = 0; c < g.inC(); c++) {
                for (int p = 0; p < g.kh(); p++) {
                    for (int q = 0; q < g.kw(); q++) {
                        int row = (c * g.kh() + p) * g.kw() + q;
                        for (int i = 0; i < g.outH(); i++) {
                            int ih = i * g.sh() + p * g.dh() - g.padTop();
                            for (int j = 0; j < g.outW(); j++) {
                                int iw = j * g.sw() + q * g.dw() - g.padLeft();
                                boolean inside = ih >= 0 && ih < g.inH() && iw >= 0 && iw < g.inW();
                                cols[(n * rows + row) * l + i * g.outW() + j] =
                                        inside ? x[((n * g.inC() + c) * g.inH() + ih) * g.inW() + iw] : 0;
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * Folds {@code cols (N, C·kH·kW, H_out·W_out)} back into {@code x (N, C, H, W)}, summing overlapping entries; the
     * adjoint of {@link #unfold}.
     *
     * @param g the geometry
     * @param cols the columns
     * @param x the output, overwritten
     */
    public static void fold(ConvGeometry g, double[] cols, double[] x) {
        java.util.Arrays.fill(x, 0);
        int rows = g.inC() * g.kh() * g.kw();
        int l = g.outH() * g.outW();
        for (int n = 0; n < g.n(); n++) {
            for (int c = 0; c < g.inC(); c++) {
                for (int p = 0; p < g.kh(); p++) {
                    for (int q = 0; q < g.kw(); q++) {
                        int row = (c * g.kh() + p) * g.kw() + q;
                        for (int i = 0; i < g.outH(); i++) {
                            int ih = i * g.sh() + p * g.dh() - g.padTop();
                            if (ih < 0 || ih >= g.inH()) {
                                continue;
                            }
                            for (int j = 0; j < g.outW(); j++) {
                                int iw = j * g.sw() + q * g.dw() - g.padLeft();
                                if (iw >= 0 && iw < g.inW()) {
                                    x[((n * g.inC() + c) * g.inH() + ih) * g.inW() + iw] +=
                                            cols[(n * rows + row) * l + i * g.outW() + j];
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
