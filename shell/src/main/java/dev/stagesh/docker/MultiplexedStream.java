package dev.stagesh.docker;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Docker's multiplexed output stream, as the logs of a container without a terminal come: frames
 * of an 8-byte header (the stream: 1 stdout, 2 stderr; then the payload's length, big-endian, in
 * bytes 4-7) followed by the payload. Read straight off the engine's socket, so a step's output
 * needs no docker-java: its first typed command costs a quarter of a second of bean
 * introspection, which a session's first RUN paid.
 */
final class MultiplexedStream {
    private static final int HEADER = 8;
    private static final int STDERR = 2;

    private MultiplexedStream() {}

    /** Copies every frame to the sink, each as it arrives, until the stream ends. */
    static void copy(InputStream in, OutputSink sink) throws IOException {
        byte[] header = new byte[HEADER];
        byte[] payload = new byte[8192];
        while (true) {
            int got = in.readNBytes(header, 0, HEADER);
            if (got == 0) {
                return;
            }
            if (got < HEADER) {
                throw new EOFException("the stream ended inside a frame header");
            }
            long length = ((header[4] & 0xffL) << 24) | ((header[5] & 0xff) << 16) | ((header[6] & 0xff) << 8) | (header[7] & 0xff);
            boolean stderr = header[0] == STDERR;
            while (length > 0) {
                int n = in.readNBytes(payload, 0, (int) Math.min(length, payload.length));
                if (n == 0) {
                    throw new EOFException("the stream ended inside a frame");
                }
                if (stderr) {
                    sink.stderr(payload, 0, n);
                } else {
                    sink.stdout(payload, 0, n);
                }
                length -= n;
            }
        }
    }
}
