package dev.stagesh.docker;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Plain HTTP over the engine's Unix socket through the JDK's own socket channel, for what the
 * docker-java transport does badly:
 * <ul>
 *   <li>HEAD: the transport has none, and the GET it offers instead makes the engine tar up a
 *   whole directory just to say what a path is (a 1 GiB file was read in full to learn its size);
 *   HEAD returns the same stat header and no body.</li>
 *   <li>Streaming a large body (an archive, an image): the transport's socket reads each of the
 *   engine's small chunks with a call of its own, about 22 MB/s for a tar of many small files
 *   (a 570 MB /usr took 26 s); this reads at the socket's speed (3 s). The request is HTTP/1.0,
 *   so the engine sends the body as it is, ended by closing the connection: no chunked framing
 *   to undo.</li>
 *   <li>Small JSON calls on a step's path (create, start, wait, commit, remove): the transport
 *   adds milliseconds to each, and its typed commands a quarter of a second of bean
 *   introspection to the first of each kind.</li>
 * </ul>
 */
final class UnixSocketHttp {
    private static final int MAX_HEADER = 64 * 1024;
    private static final int BUFFER = 1 << 16;
    private static final byte[] END_OF_HEADER = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    /** The status and the headers (names in lower case); for GET, the body, which the caller closes. */
    record Response(int status, Map<String, String> headers, InputStream body) {}

    private UnixSocketHttp() {}

    static Response head(Path socket, String pathAndQuery) throws IOException {
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            send(ch, "HEAD " + pathAndQuery + " HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n");
            Header h = readHeader(ch, socket);
            return new Response(h.status(), h.headers(), InputStream.nullInputStream());
        }
    }

    /** A GET whose body streams from the socket; closing the body closes the connection. */
    static Response get(Path socket, String pathAndQuery) throws IOException {
        return request(socket, "GET", pathAndQuery, null);
    }

    /**
     * Any method, with an optional JSON body; the answer's body streams from the socket (a wait
     * answers when the container exits) and closing it closes the connection.
     */
    static Response request(Path socket, String method, String pathAndQuery, byte[] json) throws IOException {
        SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        try {
            String head = method + " " + pathAndQuery + " HTTP/1.0\r\nHost: docker\r\n";
            if (json != null) {
                head += "Content-Type: application/json\r\nContent-Length: " + json.length + "\r\n";
            }
            send(ch, head + "\r\n");
            if (json != null) {
                send(ch, ByteBuffer.wrap(json));
            }
            Header h = readHeader(ch, socket);
            InputStream rest = Channels.newInputStream(ch);
            InputStream body = new BufferedInputStream(h.bodyStart().length == 0 ? rest
                    : new SequenceInputStream(new java.io.ByteArrayInputStream(h.bodyStart()), rest), BUFFER);
            return new Response(h.status(), h.headers(), new SkipByReading(body));
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * One call of docker-java's client: its headers (the framing ones are this class's to set),
     * a body of known length ({@code length} at least 0), of unknown length (-1: sent chunked), or
     * none, and for attach and exec with stdin, what to copy in once the engine takes over the
     * connection.
     */
    record Call(String method, String pathAndQuery, Map<String, String> headers, InputStream body, long length,
                InputStream hijackedInput) {}

    /** Headers this class sets itself: a caller's own would contradict the framing used here. */
    private static final java.util.Set<String> FRAMING = java.util.Set.of("host", "connection", "upgrade",
            "content-length", "transfer-encoding");

    /**
     * An HTTP/1.1 call, as docker-java's seam needs: a request body of unknown length (a tar) can
     * only be sent chunked, which HTTP/1.0 lacks, so the answer may come chunked too, or with a
     * length, or (101) as the raw stream of an upgraded connection, into which the hijacked input
     * is copied on a thread of its own. Closing the body closes the connection.
     */
    static Response exchange(Path socket, Call call) throws IOException {
        SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        try {
            StringBuilder head = new StringBuilder(call.method()).append(' ').append(call.pathAndQuery())
                    .append(" HTTP/1.1\r\nHost: docker\r\n");
            call.headers().forEach((k, v) -> {
                if (!FRAMING.contains(k.toLowerCase(Locale.ROOT))) {
                    head.append(k).append(": ").append(v).append("\r\n");
                }
            });
            head.append(call.hijackedInput() != null ? "Connection: Upgrade\r\nUpgrade: tcp\r\n" : "Connection: close\r\n");
            boolean chunked = call.body() != null && call.length() < 0;
            if (chunked) {
                head.append("Transfer-Encoding: chunked\r\n");
            } else if (call.body() != null) {
                head.append("Content-Length: ").append(call.length()).append("\r\n");
            }
            send(ch, head.append("\r\n").toString());
            if (call.body() != null) {
                sendBody(ch, call.body(), chunked);
            }
            Header h = readHeader(ch, socket);
            InputStream rest = h.bodyStart().length == 0 ? Channels.newInputStream(ch)
                    : new SequenceInputStream(new java.io.ByteArrayInputStream(h.bodyStart()), Channels.newInputStream(ch));
            if (h.status() == 101 && call.hijackedInput() != null) {
                copyIn(call.hijackedInput(), ch);
            }
            return new Response(h.status(), h.headers(), new ClosingChannel(framed(call.method(), h, rest), ch));
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private static void sendBody(SocketChannel ch, InputStream body, boolean chunked) throws IOException {
        java.io.OutputStream raw = new java.io.OutputStream() {
            @Override
            public void write(int b) throws IOException {
                send(ch, ByteBuffer.wrap(new byte[] {(byte) b}));
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                send(ch, ByteBuffer.wrap(b, off, len));
            }
        };
        try (InputStream in = body) {
            if (!chunked) {
                in.transferTo(raw);
                return;
            }
            var out = new org.apache.hc.core5.http.impl.io.ChunkedOutputStream(
                    new org.apache.hc.core5.http.impl.io.SessionOutputBufferImpl(BUFFER), raw, BUFFER);
            in.transferTo(out);
            out.finish();
            out.flush();
        }
    }

    /** The body as its framing says: none, chunked, a length, or up to the connection's end. */
    private static InputStream framed(String method, Header h, InputStream rest) {
        if (method.equals("HEAD") || h.status() == 204 || h.status() == 304) {
            return InputStream.nullInputStream();
        }
        if (h.status() == 101) {
            return rest;
        }
        if ("chunked".equalsIgnoreCase(h.headers().getOrDefault("transfer-encoding", ""))) {
            return new org.apache.hc.core5.http.impl.io.ChunkedInputStream(
                    new org.apache.hc.core5.http.impl.io.SessionInputBufferImpl(BUFFER), rest);
        }
        String length = h.headers().get("content-length");
        if (length != null) {
            return new org.apache.hc.core5.http.impl.io.ContentLengthInputStream(
                    new org.apache.hc.core5.http.impl.io.SessionInputBufferImpl(BUFFER), rest, Long.parseLong(length));
        }
        return new BufferedInputStream(rest, BUFFER);
    }

    /** Stdin for an attach or exec: copied in as it comes; its end half-closes the connection, as EOF. */
    private static void copyIn(InputStream in, SocketChannel ch) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[BUFFER];
            try (in) {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    send(ch, ByteBuffer.wrap(buf, 0, n));
                }
                ch.shutdownOutput();
            } catch (IOException e) {
                // the engine closed the connection: the process has ended
            }
        }, "stagesh-hijacked-input");
        t.setDaemon(true);
        t.start();
    }

    /** A body whose close also closes the connection it is read from. */
    private static final class ClosingChannel extends FilterInputStream {
        private final SocketChannel channel;

        ClosingChannel(InputStream in, SocketChannel channel) {
            super(new SkipByReading(in));
            this.channel = channel;
        }

        /**
         * The connection goes first: closing a chunked or sized body reads it to its end, which for a
         * followed log or a running exec would wait for the container.
         */
        @Override
        public void close() throws IOException {
            channel.close();
            try {
                super.close();
            } catch (IOException ignored) {
                // nothing left to read on a closed connection
            }
        }
    }

    /**
     * A connection the engine took over for a raw stream both ways ({@code Upgrade: tcp}, as for an
     * exec with a terminal): what it sends is read from {@link #in}, what is typed is written with
     * {@link #write}. Writing goes to the channel itself, not through a stream of it: the JDK's
     * stream of a channel holds the channel's blocking lock while it waits to read, so keystrokes
     * written through a second stream would wait for the next output.
     */
    static final class Upgraded implements java.io.Closeable {
        private final SocketChannel channel;
        private final int status;
        private final Map<String, String> headers;
        private final InputStream in;

        private Upgraded(SocketChannel channel, Header header, InputStream in) {
            this.channel = channel;
            this.status = header.status();
            this.headers = header.headers();
            this.in = in;
        }

        int status() {
            return status;
        }

        /** A refusal's message: as long as the engine says it is (the connection stays open after it). */
        byte[] refusal() throws IOException {
            int length = Integer.parseInt(headers.getOrDefault("content-length", "4096"));
            return in.readNBytes(Math.min(length, 4096));
        }

        InputStream in() {
            return in;
        }

        void write(byte[] bytes, int offset, int length) throws IOException {
            send(channel, ByteBuffer.wrap(bytes, offset, length));
        }

        @Override
        public void close() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing a socket the engine may have closed first
            }
        }
    }

    /**
     * A request that asks the engine to upgrade the connection to a raw stream (HTTP/1.1,
     * {@code Connection: Upgrade}, {@code Upgrade: tcp}, as the docker CLI's hijack asks). Docker
     * answers 101; engines that do not switch protocols answer 200 and stream the same bytes.
     * Any other status comes back with the engine's message as the stream, for the caller to say.
     */
    static Upgraded upgrade(Path socket, String method, String pathAndQuery, byte[] json) throws IOException {
        SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        try {
            String head = method + " " + pathAndQuery + " HTTP/1.1\r\nHost: docker\r\n"
                    + "Connection: Upgrade\r\nUpgrade: tcp\r\n";
            byte[] body = json == null ? new byte[0] : json;
            head += "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n";
            send(ch, head + "\r\n");
            send(ch, ByteBuffer.wrap(body));
            Header h = readHeader(ch, socket);
            InputStream rest = Channels.newInputStream(ch);
            InputStream in = h.bodyStart().length == 0 ? rest
                    : new SequenceInputStream(new java.io.ByteArrayInputStream(h.bodyStart()), rest);
            return new Upgraded(ch, h, in);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * A socket cannot seek, and the JDK's skip on it reads 2 KB at a time: tar readers skip every
     * file's content they do not want, so that alone made a listing several times slower than
     * the engine. This skips by reading in large blocks.
     */
    private static final class SkipByReading extends FilterInputStream {
        private final byte[] scratch = new byte[BUFFER];

        SkipByReading(InputStream in) {
            super(in);
        }

        @Override
        public long skip(long n) throws IOException {
            long left = n;
            while (left > 0) {
                int r = in.read(scratch, 0, (int) Math.min(left, scratch.length));
                if (r < 0) {
                    break;
                }
                left -= r;
            }
            return n - left;
        }
    }

    private static void send(SocketChannel ch, String request) throws IOException {
        send(ch, ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
    }

    private static void send(SocketChannel ch, ByteBuffer out) throws IOException {
        while (out.hasRemaining()) {
            ch.write(out);
        }
    }

    private record Header(int status, Map<String, String> headers, byte[] bodyStart) {}

    /** Reads up to the blank line; what came after it is the start of the body. */
    private static Header readHeader(SocketChannel ch, Path socket) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(4096);
        int end = -1;
        while (end < 0 && raw.size() < MAX_HEADER && ch.read(buf) >= 0) {
            buf.flip();
            raw.write(buf.array(), 0, buf.limit());
            buf.clear();
            end = indexOf(raw.toByteArray(), END_OF_HEADER);
        }
        byte[] all = raw.toByteArray();
        if (end < 0) {
            throw new IOException("no complete HTTP answer from " + socket);
        }
        String[] lines = new String(all, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] status = lines[0].split(" ");
        if (status.length < 2 || !status[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP answer from " + socket);
        }
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
            }
        }
        return new Header(Integer.parseInt(status[1]), headers, Arrays.copyOfRange(all, end + END_OF_HEADER.length, all.length));
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
