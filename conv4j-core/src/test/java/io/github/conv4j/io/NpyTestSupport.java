package io.github.conv4j.io;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Shared helpers: the NumPy-generated fixtures, their expected values, and hand-built malformed files. */
final class NpyTestSupport {
    private NpyTestSupport() {}

    /** One line of {@code expected.txt}, written by {@code tools/npy-fixtures.py}. */
    record Expected(String file, String entry, int[] shape, float[] floats, double[] doubles) {
        @Override
        public String toString() {
            return entry == null ? file : file + ":" + entry;
        }
    }

    static Path resource(String name) {
        URL url = NpyTestSupport.class.getResource("/npy/" + name);
        if (url == null) {
            throw new IllegalStateException(
                    "missing test resource npy/" + name + "; regenerate with /usr/bin/python3 tools/npy-fixtures.py");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Expected> expected() throws IOException {
        List<Expected> out = new ArrayList<>();
        for (String line : Files.readAllLines(resource("expected.txt"), StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            String[] cols = line.split("\t", -1);
            String[] name = cols[0].split(":", 2);
            int[] shape = cols[1].isEmpty()
                    ? new int[0]
                    : Arrays.stream(cols[1].split(","))
                            .mapToInt(Integer::parseInt)
                            .toArray();
            double[] asFloat = parseHex(cols[2]);
            float[] floats = new float[asFloat.length];
            for (int i = 0; i < floats.length; i++) {
                floats[i] = (float) asFloat[i];
            }
            out.add(new Expected(name[0], name.length > 1 ? name[1] : null, shape, floats, parseHex(cols[3])));
        }
        return out;
    }

    private static double[] parseHex(String col) {
        if (col.isEmpty()) {
            return new double[0];
        }
        return Arrays.stream(col.split(" "))
                .mapToDouble(s -> switch (s) {
                    case "inf" -> Double.POSITIVE_INFINITY;
                    case "-inf" -> Double.NEGATIVE_INFINITY;
                    case "nan" -> Double.NaN;
                    default -> Double.parseDouble(s);
                })
                .toArray();
    }

    /**
     * Builds a {@code .npy} file around an arbitrary header text, padded the way NumPy pads it.
     *
     * @param major the format version, 1, 2 or 3
     * @param dict the header text without padding
     * @param data the bytes after the header
     */
    static byte[] npy(int major, String dict, byte[] data) {
        byte[] text = dict.getBytes(major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        int lengthBytes = major == 1 ? 2 : 4;
        int unpadded = 8 + lengthBytes + text.length + 1;
        int padded = text.length + 1 + (64 - unpadded % 64) % 64;
        ByteBuffer b =
                ByteBuffer.allocate(8 + lengthBytes + padded + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (major == 1) {
            b.putShort((short) padded);
        } else {
            b.putInt(padded);
        }
        b.put(text);
        while (b.position() < 8 + lengthBytes + padded - 1) {
            b.put((byte) ' ');
        }
        b.put((byte) '\n').put(data);
        return b.array();
    }

    /** Builds a format 1.0 file whose header is terminated by a newline but not padded to 64 bytes. */
    static byte[] npyUnaligned(String dict, byte[] data) {
        byte[] text = (dict + "\n").getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(10 + text.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        b.putShort((short) text.length).put(text).put(data);
        return b.array();
    }

    /** A header dict in NumPy's layout. */
    static String dict(String descr, boolean fortran, String shape) {
        return "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': " + shape
                + ", }";
    }

    static byte[] littleEndianFloats(float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return b.array();
    }

    /** An action that may throw anything, measured by {@link #allocatedBytes}. */
    @FunctionalInterface
    interface Action {
        void run() throws Exception;
    }

    /**
     * Returns how many bytes of heap the current thread allocated while running {@code action}, which may throw. The
     * test is skipped on JVMs that cannot measure it.
     */
    static long allocatedBytes(Action action) {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        // JUnit's assumptions rather than AssertJ's: those build proxy classes, which takes seconds the first time.
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "no com.sun.management.ThreadMXBean");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported(), "cannot measure allocation");
        threads.setThreadAllocatedMemoryEnabled(true);
        long before = threads.getCurrentThreadAllocatedBytes();
        try {
            action.run();
        } catch (Exception | Error e) {
            // The caller asserts on the exception separately.
        }
        return threads.getCurrentThreadAllocatedBytes() - before;
    }
}
