package io.github.conv4j.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * Where the reader's bytes come from: a file channel or an input stream, behind one method so that the header and
 * data code is written once.
 *
 * <p>Reads never go beyond what the caller asks for, so a stream is left positioned just after the array and can
 * hold further data (as {@code np.save} called repeatedly on one open file produces).
 */
@FunctionalInterface
interface ByteSource {
    /**
     * Reads up to {@code dst.remaining()} bytes into {@code dst}, advancing its position.
     *
     * @param dst the buffer to fill
     * @return the number of bytes read, or {@code -1} at the end of the input
     * @throws IOException if reading fails
     */
    int read(ByteBuffer dst) throws IOException;

    /**
     * Wraps a channel; the channel is not closed.
     *
     * @param channel the channel
     * @return a source reading from it
     */
    static ByteSource of(ReadableByteChannel channel) {
        return new ByteSource() {
            @Override
            public int read(ByteBuffer dst) throws IOException {
                return channel.read(dst);
            }

            @Override
            public boolean prefersDirectBuffers() {
                return true;
            }
        };
    }

    /**
     * Wraps a stream; the stream is not closed, and never read past what is asked for.
     *
     * @param in the stream
     * @return a source reading from it
     */
    static ByteSource of(InputStream in) {
        return dst -> {
            if (!dst.hasRemaining()) {
                return 0;
            }
            if (dst.hasArray()) {
                int n = in.read(dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
                if (n > 0) {
                    dst.position(dst.position() + n);
                }
                return n;
            }
            byte[] tmp = new byte[Math.min(dst.remaining(), 1 << 16)];
            int n = in.read(tmp);
            if (n > 0) {
                dst.put(tmp, 0, n);
            }
            return n;
        };
    }

    /**
     * Tells whether reading into a direct buffer saves a copy, as it does for channels (the JDK otherwise copies
     * through a temporary direct buffer of its own).
     *
     * @return whether direct buffers are the better choice
     */
    default boolean prefersDirectBuffers() {
        return false;
    }

    /**
     * Fills {@code dst} completely unless the input ends first.
     *
     * @param dst the buffer to fill
     * @return the number of bytes read, less than requested only at the end of the input
     * @throws IOException if reading fails
     */
    default int readFully(ByteBuffer dst) throws IOException {
        int total = 0;
        while (dst.hasRemaining()) {
            int n = read(dst);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }
}
