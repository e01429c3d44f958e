package io.github.conv4j.kernel.winograd;

import io.github.conv4j.kernel.Workspace;
import io.github.conv4j.kernel.gemm.Sgemm;
import io.github.conv4j.kernel.parallel.Parallel;
import io.github.conv4j.spec.ConvGeometry;

/**
 * Winograd minimal filtering F(2×2, 3×3) for 3×3, stride-1, undilated convolutions: each 2×2 output tile costs 16
 * multiplies per (input, output) channel pair instead of 36, done as 16 GEMMs {@code M[ξ] = U[ξ]·V[ξ]} over all tiles
 * of the batch (U: transformed weights {@code C_out × C_in}, V: transformed input tiles {@code C_in × tiles}).
 *
 * <p>Transforms (Lavin and Gray, 2015): {@code V = Bᵀ d B}, {@code U = G g Gᵀ}, {@code Y = Aᵀ M A} with
 * {@code Bᵀ = [[1,0,−1,0],[0,1,1,0],[0,−1,1,0],[0,1,0,−1]]}, {@code G = [[1,0,0],[½,½,½],[½,−½,½],[0,0,1]]},
 * {@code Aᵀ = [[1,1,1,0],[0,1,−1,−1]]}. The transforms only add and halve, so the extra rounding is a small constant
 * factor over direct summation; the tests hold it to 4× the direct bound.
 */
public final class WinogradConv {
    private static final int ALPHA = 16;

    private WinogradConv() {}

    /**
     * Tells whether the geometry is a 3×3, stride-1, undilated convolution.
     *
     * @param g the geometry
     * @return whether this kernel can run it
     */
    public static boolean supports(ConvGeometry g) {
        return g.kh() == 3 && g.kw() == 3 && g.sh() == 1 && g.sw() == 1 && g.dh() == 1 && g.dw() == 1;
    }

    /**
     * {@code y = conv2d(x, w) + b} with zero padding.
     *
     * @param g the geometry ({@link #supports} must hold)
     * @param x the input {@code (N, C_in, H, W)}
     * @param w the weight {@code (C_out, C_in/G, 3, 3)}
     * @param b the bias or {@code null}
     * @param y the output, overwritten
     */
    public static void forward(ConvGeometry g, float[] x, float[] w, float[] b, float[] y) {
        int cpg = g.inCPerGroup();
        int opg = g.outCPerGroup();
        int tilesH = (g.outH() + 1) / 2;
        int tilesW = (g.outW() + 1) / 2;
        int tilesPerImage = tilesH * tilesW;
        long perTile = (long) ALPHA * (cpg + opg) * 4;
        int chunk = (int) Math.max(1, Math.min(tilesPerImage, Workspace.BUDGET_BYTES / perTile));
        float[] u = Workspace.floats(1, ALPHA * opg * cpg);
        for (int grp = 0; grp < g.groups(); grp++) {
            transformWeights(w, grp * opg * cpg * 9, opg, cpg, u);
            for (int n = 0; n < g.n(); n++) {
                int xOff = (n * g.inC() + grp * cpg) * g.inH() * g.inW();
                int yOff = (n * g.outC() + grp * opg) * g.outH() * g.outW();
                for (int t0 = 0; t0 < tilesPerImage; t0 += chunk) {
                    int tc = Math.min(chunk, tilesPerImage - t0);
                    float[] v = Workspace.floats(0, ALPHA * cpg * tc);
                    float[] m = Workspace.floats(2, ALPHA * opg * tc);
                    int start = t0;
                    Parallel.forRange(
                            cpg, 1, (c0, c1) -> transformInput(g, x, xOff, c0, c1, cpg, start, tc, tilesW, v));
                    Parallel.forRange(ALPHA, 1, (k0, k1) -> {
                        for (int k = k0; k < k1; k++) {
                            Sgemm.multiply(
                                    false,
                                    false,
                                    opg,
                                    tc,
                                    cpg,
                                    1f,
                                    u,
                                    k * opg * cpg,
                                    cpg,
                                    v,
                                    k * cpg * tc,
                                    tc,
                                    0f,
                                    m,
                                    k * opg * tc,
                                    tc);
                        }
                    });
                    float[] bias = b;
                    int biasOff = grp * opg;
                    Parallel.forRange(
                            opg,
                            1,
                            (o0, o1) -> transformOutput(g, m, o0, o1, opg, start, tc, tilesW, bias, biasOff, y, yOff));
                }
            }
        }
    }

    /** U[ξ][o][c] = (G g Gᵀ)[ξ] for every (o, c). */
    static void transformWeights(float[] w, int wOff, int opg, int cpg, float[] u) {
        int stride = opg * cpg;
        for (int o = 0; o < opg; o++) {
            for (int c = 0; c < cpg; c++) {
                int base = wOff + (o * cpg + c) * 9;
                float[] t = new float[12];
                // t = G g (4×3)
                for (int col = 0; col < 3; col++) {
                    float g0 = w[base + col];
                    float g1 = w[base + 3 + col];
                    float g2 = w[base + 6 + col];
                    t[col] = g0;
                    t[3 + col] = 0.5f * (g0 + g1 + g2);
                    t[6 + col] = 0.5f * (g0 - g1 + g2);
                    t[9 + col] = g2;
                }
                int idx = o * cpg + c;
                for (int row = 0; row < 4; row++) {
                    float a0 = t[row * 3];
                    float a1 = t[row * 3 + 1];
                    float a2 = t[row * 3 + 2];
                    u[(row * 4) * stride + idx] = a0;
                    u[(row * 4 + 1) * stride + idx] = 0.5f * (a0 + a1 + a2);
                    u[(row * 4 + 2) * stride + idx] = 0.5f * (a0 - a1 + a2);
                    u[(row * 4 + 3) * stride + idx] = a2;
                }
            }
        }
    }

    /** V[ξ][c][t] = (Bᵀ d B)[ξ] for the 4×4 input patch d of tile t (zeros outside the input). */
    static void transformInput(
            ConvGeometry g, float[] x, int xOff, int c0, int c1, int cpg, int t0, int tc, int tilesW, float[] v) {
        int inH = g.inH();
        int inW = g.inW();
        int stride = cpg * tc;
        float[] d = new float[16];
        for (int c = c0; c < c1; c++) {
            int plane = xOff + c * inH * inW;
            for (int t = 0; t < tc; t++) {
                int tile = t0 + t;
                int h0 = (tile / tilesW) * 2 - g.padTop();
                int w0 = (tile % tilesW) * 2 - g.padLeft();
                boolean inside = h0 >= 0 && w0 >= 0 && h0 + 4 <= inH && w0 + 4 <= inW;
                for (int i = 0; i < 4; i++) {
                    int ih = h0 + i;
                    for (int j = 0; j < 4; j++) {
                        int iw = w0 + j;
                        d[i * 4 + j] =
                                inside || (ih >= 0 && ih < inH && iw >= 0 && iw < inW) ? x[plane + ih * inW + iw] : 0f;
                    }
                }
                // rows: Bᵀ d
                for (int j = 0; j < 4; j++) {
                    float r0 = d[j];
                    float r1 = d[4 + j];
                    float r2 = d[8 + j];
                    float r3 = d[12 + j];
                    d[j] = r0 - r2;
                    d[4 + j] = r1 + r2;
                    d[8 + j] = r2 - r1;
                    d[12 + j] = r1 - r3;
                }
                int idx = c * tc + t;
                // columns: (Bᵀ d) B
                for (int i = 0; i < 4; i++) {
                    float q0 = d[i * 4];
                    float q1 = d[i * 4 + 1];
                    float q2 = d[i * 4 + 2];
                    float q3 = d[i * 4 + 3];
                    v[(i * 4) * stride + idx] = q0 - q2;
                    v[(i * 4 + 1) * stride + idx] = q1 + q2;
                    v[(i * 4 + 2) * stride + idx] = q2 - q1;
                    v[(i * 4 + 3) * stride + idx] = q1 - q3;
                }
            }
        }
    }

    /** Y tile = Aᵀ M A (+ bias), cropped at the bottom and right edges. */
    static void transformOutput(
            ConvGeometry g,
            float[] m,
            int o0,
            int o1,
            int opg,
            int t0,
            int tc,
            int tilesW,
            float[] b,
            int biasOff,
            float[] y,
            int yOff) {
        int outH = g.outH();
        int outW = g.outW();
        int stride = opg * tc;
        float[] s = new float[16];
        for (int o = o0; o < o1; o++) {
            float bias = b == null ? 0f : b[biasOff + o];
            int plane = yOff + o * outH * outW;
            for (int t = 0; t < tc; t++) {
                int idx = o * tc + t;
                for (int k = 0; k < 16; k++) {
                    s[k] = m[k * stride + idx];
                }
                // Aᵀ M: 2×4
                float a0 = s[0] + s[4] + s[8];
                float a1 = s[1] + s[5] + s[9];
                float a2 = s[2] + s[6] + s[10];
                float a3 = s[3] + s[7] + s[11];
                float c0 = s[4] - s[8] - s[12];
                float c1 = s[5] - s[9] - s[13];
                float c2 = s[6] - s[10] - s[14];
                float c3 = s[7] - s[11] - s[15];
                int tile = t0 + t;
                int h = (tile / tilesW) * 2;
                int wcol = (tile % tilesW) * 2;
                int row = plane + h * outW + wcol;
                boolean right = wcol + 1 < outW;
                y[row] = a0 + a1 + a2 + bias;
                if (right) {
                    y[row + 1] = a1 - a2 - a3 + bias;
                }
                if (h + 1 < outH) {
                    y[row + outW] = c0 + c1 + c2 + bias;
                    if (right) {
                        y[row + outW + 1] = c1 - c2 - c3 + bias;
                    }
                }
            }
        }
    }
}
