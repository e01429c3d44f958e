package io.github.conv4j.kernel.simd;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Whether this processor executes 512-bit vector instructions on full-width units, read once from Linux's
 * {@code /proc/cpuinfo}. The Vector API says how wide the vectors are, not how they run: AMD's Zen 4 executes AVX-512
 * on 256-bit units (one 512-bit multiply-add per cycle and port takes two passes), Zen 5 (family 26 and later) on
 * 512-bit ones, and the register block that JDK 17 runs fastest differs between the two (see {@code GemmTuning}).
 *
 * <p>Only a tuning hint: anything unreadable or unknown (another operating system, another vendor) answers
 * {@code false}, which keeps the choices measured before this distinction was made. No result depends on it.
 *
 * <pre>{@code
 * String kernel = VectorUnits.fullWidth512() ? "6x2" : "4x3";
 * }</pre>
 */
public final class VectorUnits {
    private static final Path CPUINFO = Path.of("/proc/cpuinfo");

    /** First AMD family (Zen 5) whose 512-bit instructions run at full width. */
    private static final int AMD_FULL_WIDTH_FAMILY = 26;

    private VectorUnits() {}

    /**
     * Whether 512-bit vectors run on full-width units on this machine, as far as {@code /proc/cpuinfo} tells.
     *
     * @return {@code true} on AMD family 26 (Zen 5) and later; {@code false} otherwise or when unknown
     */
    public static boolean fullWidth512() {
        return Holder.FULL_WIDTH;
    }

    /**
     * The rule of {@link #fullWidth512()} applied to the text of a {@code /proc/cpuinfo} file: the first processor's
     * {@code vendor_id} is {@code AuthenticAMD}, its {@code cpu family} at least 26 and its {@code flags} include
     * {@code avx512f}.
     *
     * @param cpuinfo the file's text, possibly empty
     * @return whether that processor runs 512-bit vectors at full width
     */
    static boolean fullWidth512(String cpuinfo) {
        String vendor = null;
        int family = -1;
        boolean avx512 = false;
        for (String line : cpuinfo.split("\n")) {
            if (line.isBlank()) {
                if (vendor != null) {
                    break; // the first processor's block is enough: the others are the same chip
                }
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            switch (key) {
                case "vendor_id" -> vendor = value;
                case "cpu family" -> family = parseOrMinusOne(value);
                case "flags" -> avx512 = (" " + value + " ").contains(" avx512f ");
                default -> {}
            }
        }
        return "AuthenticAMD".equals(vendor) && family >= AMD_FULL_WIDTH_FAMILY && avx512;
    }

    private static int parseOrMinusOne(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Read on first use; a missing or unreadable file means unknown. */
    private static final class Holder {
        static final boolean FULL_WIDTH = read();

        private static boolean read() {
            try {
                return fullWidth512(Files.readString(CPUINFO, StandardCharsets.UTF_8));
            } catch (IOException | SecurityException e) {
                return false;
            }
        }
    }
}
