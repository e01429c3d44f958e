package io.github.conv4j.image;

import io.github.conv4j.tensor.Tensor;
import java.util.Arrays;
import java.util.Locale;

/**
 * Turns a signed filter response into something a PNG can show, values in [0, 1].
 *
 * <ul>
 *   <li>{@link #ABS}: {@code |x| / max|x|} — edge strength, sign dropped;
 *   <li>{@link #CLIP}: {@code min(1, max(0, x))} — for results that are already intensities (blur, sharpen);
 *   <li>{@link #MINMAX}: {@code (x − min) / (max − min)} — full contrast, zero lands wherever it lands;
 *   <li>{@link #SIGNED}: a diverging colour map, {@code x / max|x|} from −1 blue through 0 white to +1 red, giving
 *       three channels per map.
 * </ul>
 *
 * <p>Scaling statistics ignore non-finite values. Non-finite values are an error unless allowed; when allowed NaN
 * shows as 0 (black), +∞ as the top and −∞ as the bottom of the scale.
 *
 * <pre>{@code
 * Tensor rgb = Normalization.SIGNED.apply(laplacianResponse, false); // (3, H, W)
 * }</pre>
 */
public enum Normalization {
    /** {@code |x| / max|x|}. */
    ABS,
    /** {@code clamp(x, 0, 1)}. */
    CLIP,
    /** {@code (x − min) / (max − min)}; a constant map becomes 0. */
    MINMAX,
    /** Diverging blue–white–red map of {@code x / max|x|}; one channel in, three out. */
    SIGNED;

    /**
     * Parses {@code abs}, {@code clip}, {@code minmax} or {@code signed}.
     *
     * @param name the name, case-insensitive
     * @return the normalisation
     * @throws IllegalArgumentException if the name is unknown
     */
    public static Normalization parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "abs" -> ABS;
            case "clip" -> CLIP;
            case "minmax", "min-max" -> MINMAX;
            case "signed", "diverging" -> SIGNED;
            default ->
                throw new IllegalArgumentException(
                        "normalize: unknown '" + name + "' (expected abs, clip, minmax or signed)");
        };
    }

    /**
     * Normalises a map for viewing.
     *
     * @param map {@code (H, W)} or {@code (C, H, W)}; SIGNED needs a single channel
     * @param allowNonFinite {@code false} to refuse NaN and ±∞
     * @return {@code (C, H, W)} in [0, 1] ({@code (3, H, W)} for SIGNED)
     * @throws IllegalArgumentException for a non-finite value when not allowed, or SIGNED on several channels
     */
    public Tensor apply(Tensor map, boolean allowNonFinite) {
        int[] s = map.shape();
        int c = s.length == 2 ? 1 : s[0];
        if (s.length != 2 && s.length != 3) {
            throw new IllegalArgumentException(
                    "normalize: expected (H, W) or (C, H, W), got " + Arrays.toString(map.shape()));
        }
        int h = s[s.length - 2];
        int w = s[s.length - 1];
        float[] x = map.toFloatArray();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double maxAbs = 0;
        for (int i = 0; i < x.length; i++) {
            float v = x[i];
            if (!Float.isFinite(v)) {
                if (!allowNonFinite) {
                    throw new IllegalArgumentException("normalize: non-finite value " + v + " at flat index " + i
                            + " (pass --allow-non-finite to render it anyway)");
                }
                continue;
            }
            min = Math.min(min, v);
            max = Math.max(max, v);
            maxAbs = Math.max(maxAbs, Math.abs(v));
        }
        if (this == SIGNED) {
            if (c != 1) {
                throw new IllegalArgumentException("normalize: signed renders one channel, got " + c
                        + " (convert to gray or render a grid of maps)");
            }
            return diverging(x, h, w, maxAbs);
        }
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = scale(x[i], min, max, maxAbs);
        }
        return Tensor.wrap(y, c, h, w);
    }

    private float scale(float v, double min, double max, double maxAbs) {
        if (Float.isNaN(v)) {
            return 0f;
        }
        return switch (this) {
            case ABS ->
                v == Float.POSITIVE_INFINITY || v == Float.NEGATIVE_INFINITY
                        ? 1f
                        : maxAbs == 0 ? 0f : (float) (Math.abs(v) / maxAbs);
            case CLIP -> Math.min(1f, Math.max(0f, v));
            case MINMAX -> {
                if (Float.isInfinite(v)) {
                    yield v > 0 ? 1f : 0f;
                }
                yield max > min ? (float) ((v - min) / (max - min)) : 0f;
            }
            case SIGNED -> throw new IllegalStateException("handled by diverging()");
        };
    }

    private static Tensor diverging(float[] x, int h, int w, double maxAbs) {
        int plane = h * w;
        float[] rgb = new float[3 * plane];
        for (int i = 0; i < plane; i++) {
            float v = x[i];
            double t;
            if (Float.isNaN(v)) {
                t = 0;
            } else if (Float.isInfinite(v)) {
                t = v > 0 ? 1 : -1;
            } else {
                t = maxAbs == 0 ? 0 : v / maxAbs;
            }
            // White at zero, fading to pure red (+1) or pure blue (−1): the other two channels drop with |t|.
            float fade = (float) (1 - Math.abs(t));
            rgb[i] = t >= 0 ? 1f : fade;
            rgb[plane + i] = fade;
            rgb[2 * plane + i] = t <= 0 ? 1f : fade;
        }
        return Tensor.wrap(rgb, 3, h, w);
    }
}
