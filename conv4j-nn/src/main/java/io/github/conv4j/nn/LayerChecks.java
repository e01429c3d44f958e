package io.github.conv4j.nn;

import io.github.conv4j.spec.IntPair;

/** Constructor argument checks shared by the layers, with messages naming the argument. */
final class LayerChecks {
    private LayerChecks() {}

    static void positive(String layer, String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(layer + ": " + name + " must be >= 1, got " + value);
        }
    }

    static void positive(String layer, String name, IntPair value) {
        if (value == null || value.h() < 1 || value.w() < 1) {
            throw new IllegalArgumentException(layer + ": " + name + " must be >= 1 in both axes, got " + value);
        }
    }

    static void notNull(String layer, String name, Object value) {
        if (value == null) {
            throw new IllegalArgumentException(layer + ": " + name + " must not be null");
        }
    }

    static void groups(String layer, int inChannels, int outChannels, int groups) {
        positive(layer, "groups", groups);
        if (inChannels % groups != 0) {
            throw new IllegalArgumentException(
                    layer + ": in_channels (" + inChannels + ") must be divisible by groups (" + groups + ")");
        }
        if (outChannels % groups != 0) {
            throw new IllegalArgumentException(
                    layer + ": out_channels (" + outChannels + ") must be divisible by groups (" + groups + ")");
        }
    }
}
