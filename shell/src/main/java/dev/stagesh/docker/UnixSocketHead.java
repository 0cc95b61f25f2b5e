package dev.stagesh.docker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A HEAD request over the engine's Unix socket. The transport has no HEAD method, and the GET
 * it offers instead makes the engine tar up a whole directory just to say what a path is (a
 * 1 GiB file was read in full to learn its size); HEAD returns the same stat header and no body.
 */
final class UnixSocketHead {
    private static final int MAX_HEADER = 64 * 1024;

    record Response(int status, Map<String, String> headers) {}

    private UnixSocketHead() {}

    static Response head(Path socket, String pathAndQuery) throws IOException {
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            String request = "HEAD " + pathAndQuery + " HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n";
            ch.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocate(4096);
            while (ch.read(buf) >= 0 && raw.size() < MAX_HEADER) {
                buf.flip();
                raw.write(buf.array(), 0, buf.limit());
                buf.clear();
                if (raw.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
                    break;
                }
            }
            String text = raw.toString(StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            String[] lines = (end < 0 ? text : text.substring(0, end)).split("\r\n");
            String[] status = lines[0].split(" ");
            if (status.length < 2 || !status[0].startsWith("HTTP/")) {
                throw new IOException("not an HTTP answer from " + socket);
            }
            Map<String, String> headers = new TreeMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                            lines[i].substring(colon + 1).strip());
                }
            }
            return new Response(Integer.parseInt(status[1]), headers);
        }
    }
}
