package io.github.conv4j.tensor;

import java.util.Locale;

/**
 * Prints tensors the way PyTorch does, so that examples read the same in both: {@code tensor([[19., 25.],\n
 * [37., 43.]])}. Integer-valued data prints as {@code 19.}, other data with four decimals, and scientific notation
 * when the magnitudes span more than three decades (PyTorch's rule); tensors with more than 1000 elements are
 * summarised with {@code ...}.
 */
final class TensorFormatter {
    private static final int SUMMARIZE_THRESHOLD = 1000;
    private static final int EDGE_ITEMS = 3;
    private static final int LINE_WIDTH = 80;

    private enum Mode {
        INTEGER,
        FIXED,
        SCIENTIFIC
    }

    private final Tensor tensor;
    private final boolean summarize;
    private Mode mode;
    private int width;

    private TensorFormatter(Tensor tensor) {
        this.tensor = tensor;
        this.summarize = tensor.numel() > SUMMARIZE_THRESHOLD;
    }

    static String format(Tensor tensor, String suffix) {
        return new TensorFormatter(tensor).render(suffix);
    }

    private String render(String suffix) {
        chooseMode();
        StringBuilder sb = new StringBuilder("tensor(");
        int[] shape = tensor.shape();
        if (shape.length == 0) {
            sb.append(formatValue(tensor.storage().get(0)).strip());
        } else {
            appendDim(sb, 0, 0, "tensor(".length());
        }
        sb.append(suffix).append(')');
        return sb.toString();
    }

    private void chooseMode() {
        Storage s = tensor.storage();
        int n = tensor.numel();
        boolean allInt = true;
        double maxAbs = 0;
        double minAbs = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double v = s.get(i);
            if (!Double.isFinite(v)) {
                continue;
            }
            double a = Math.abs(v);
            if (v != Math.rint(v)) {
                allInt = false;
            }
            if (a != 0) {
                maxAbs = Math.max(maxAbs, a);
                minAbs = Math.min(minAbs, a);
            }
        }
        boolean wide = maxAbs / minAbs > 1000 || maxAbs > 1e8;
        if (allInt) {
            mode = wide ? Mode.SCIENTIFIC : Mode.INTEGER;
        } else if (maxAbs / minAbs > 1000 || maxAbs > 1e8 || minAbs < 1e-4) {
            mode = Mode.SCIENTIFIC;
        } else {
            mode = Mode.FIXED;
        }
        // PyTorch aligns on the finite values only; nan and inf keep their own width.
        width = 1;
        for (int i = 0; i < n; i++) {
            if (Double.isFinite(s.get(i))) {
                width = Math.max(width, raw(s.get(i)).length());
            }
        }
    }

    private String raw(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return switch (mode) {
            case INTEGER -> String.format(Locale.ROOT, "%.0f.", v);
            case FIXED -> String.format(Locale.ROOT, "%.4f", v);
            case SCIENTIFIC ->
                String.format(Locale.ROOT, "%.4e", v).replace("e+", "e+").replaceAll("e([+-])(\\d)$", "e$10$2");
        };
    }

    private String formatValue(double v) {
        String r = raw(v);
        return " ".repeat(Math.max(0, width - r.length())) + r;
    }

    private void appendDim(StringBuilder sb, int dim, int offset, int indent) {
        int[] shape = tensor.shape();
        int[] strides = Shapes.strides(shape);
        int size = shape[dim];
        sb.append('[');
        if (dim == shape.length - 1) {
            int lineStart = sb.length();
            for (int i = 0; i < size; i++) {
                if (skip(i, size)) {
                    if (i == EDGE_ITEMS) {
                        sb.append("  ...,");
                    }
                    continue;
                }
                String item = formatValue(tensor.storage().get(offset + i));
                if (i > 0 && sb.length() - lineStart + item.length() + indent + 2 > LINE_WIDTH) {
                    sb.append('\n').append(" ".repeat(indent + 1));
                    lineStart = sb.length();
                } else if (i > 0) {
                    sb.append(' ');
                }
                sb.append(item);
                if (i < size - 1) {
                    sb.append(',');
                }
            }
        } else {
            String separator = "," + "\n".repeat(shape.length - dim - 1) + " ".repeat(indent + 1);
            for (int i = 0; i < size; i++) {
                if (skip(i, size)) {
                    if (i == EDGE_ITEMS) {
                        sb.append("...").append(separator);
                    }
                    continue;
                }
                appendDim(sb, dim + 1, offset + i * strides[dim], indent + 1);
                if (i < size - 1) {
                    sb.append(separator);
                }
            }
        }
        sb.append(']');
    }

    private boolean skip(int i, int size) {
        return summarize && size > 2 * EDGE_ITEMS && i >= EDGE_ITEMS && i < size - EDGE_ITEMS;
    }
}
