package dev.stagesh.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP/1.1 calls of docker-java's seam and the upgraded connection of an exec with a terminal,
 * against a server that frames its answers as Go's HTTP server does (chunked, or a length on a
 * connection it keeps open) and switches protocols as the engine does.
 */
class UnixSocketExchangeTest {
    @TempDir
    Path dir;

    /** Serves one connection: reads the request up to {@code requestEnd}, answers {@code answer}, then runs {@code after}. */
    private CompletableFuture<String> serveOnce(Path socket, String requestEnd, String answer, Conversation after)
            throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        return CompletableFuture.supplyAsync(() -> {
            try (server; SocketChannel ch = server.accept()) {
                StringBuilder request = new StringBuilder();
                ByteBuffer in = ByteBuffer.allocate(4096);
                while (!request.toString().endsWith(requestEnd) && ch.read(in) > 0) {
                    in.flip();
                    request.append(StandardCharsets.ISO_8859_1.decode(in));
                    in.clear();
                }
                write(ch, answer);
                after.go(ch);
                return request.toString();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private interface Conversation {
        void go(SocketChannel ch) throws IOException;
    }

    private static void write(SocketChannel ch, String text) throws IOException {
        ByteBuffer out = ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
        while (out.hasRemaining()) {
            ch.write(out);
        }
    }

    private static String read(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void aBodyOfUnknownLengthGoesChunkedAndAChunkedAnswerIsReadToItsLastChunk() throws Exception {
        Path socket = dir.resolve("engine.sock");
        // the connection stays open after the answer: only its framing says where it ends
        var served = serveOnce(socket, "0\r\n\r\n", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\n{\"a\":\r\n3\r\n 1}\r\n0\r\n\r\n", ch -> sleepUntilClosed(ch));
        var call = new UnixSocketHttp.Call("PUT", "/containers/c/archive?path=%2F",
                Map.of("Content-Type", "application/x-tar", "Content-Length", "99"),
                new ByteArrayInputStream("tar-bytes".getBytes(StandardCharsets.US_ASCII)), -1, null);
        UnixSocketHttp.Response r = UnixSocketHttp.exchange(socket, call);
        try (InputStream body = r.body()) {
            assertThat(r.status()).isEqualTo(200);
            assertThat(read(body)).isEqualTo("{\"a\": 1}");
        }
        String request = served.get(10, TimeUnit.SECONDS);
        assertThat(request).startsWith("PUT /containers/c/archive?path=%2F HTTP/1.1\r\n")
                .contains("\r\nContent-Type: application/x-tar\r\n", "\r\nTransfer-Encoding: chunked\r\n")
                .doesNotContain("Content-Length") // the caller's own would contradict the chunks
                .endsWith("\r\n\r\n9\r\ntar-bytes\r\n0\r\n\r\n");
    }

    @Test
    void anAnswerWithALengthEndsThereThoughTheConnectionStaysOpen() throws Exception {
        Path socket = dir.resolve("engine.sock");
        var served = serveOnce(socket, "\r\n\r\n", "HTTP/1.1 404 Not Found\r\nContent-Length: 7\r\n\r\nmissingEXTRA",
                ch -> sleepUntilClosed(ch));
        var call = new UnixSocketHttp.Call("DELETE", "/volumes/v", Map.of(), null, -1, null);
        UnixSocketHttp.Response r = UnixSocketHttp.exchange(socket, call);
        try (InputStream body = r.body()) {
            assertThat(r.status()).isEqualTo(404);
            assertThat(read(body)).isEqualTo("missing");
        }
        assertThat(served.get(10, TimeUnit.SECONDS)).startsWith("DELETE /volumes/v HTTP/1.1\r\n")
                .contains("\r\nConnection: close\r\n").doesNotContain("Transfer-Encoding");
    }

    @Test
    void anUpgradedConnectionCarriesTypedBytesInAndTheTerminalsBytesOut() throws Exception {
        Path socket = dir.resolve("engine.sock");
        CompletableFuture<String> typed = new CompletableFuture<>();
        var served = serveOnce(socket, "{\"Tty\":true}", "HTTP/1.1 101 UPGRADED\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n$ ",
                ch -> {
                    ByteBuffer in = ByteBuffer.allocate(64);
                    while (in.position() < 3 && ch.read(in) > 0) {
                        // until the three typed bytes are in
                    }
                    typed.complete(new String(in.array(), 0, in.position(), StandardCharsets.ISO_8859_1));
                    write(ch, "ls\r\nbin\r\n"); // the engine ends the stream by closing
                });
        UnixSocketHttp.Upgraded c = UnixSocketHttp.upgrade(socket, "POST", "/exec/e/start",
                "{\"Tty\":true}".getBytes(StandardCharsets.US_ASCII));
        try (c) {
            assertThat(c.status()).isEqualTo(101);
            // a reader waits on the stream, as the terminal's output copier does, while keys are written
            CompletableFuture<String> shown = CompletableFuture.supplyAsync(() -> {
                try {
                    return read(c.in());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            Thread.sleep(200);
            c.write("ls\r".getBytes(StandardCharsets.US_ASCII), 0, 3);
            assertThat(typed.get(10, TimeUnit.SECONDS)).isEqualTo("ls\r");
            assertThat(shown.get(10, TimeUnit.SECONDS)).isEqualTo("$ ls\r\nbin\r\n");
        }
        assertThat(served.get(10, TimeUnit.SECONDS)).startsWith("POST /exec/e/start HTTP/1.1\r\n")
                .contains("\r\nConnection: Upgrade\r\n", "\r\nUpgrade: tcp\r\n", "\r\nContent-Length: 12\r\n");
    }

    /** Holds the connection open as a keep-alive server does, until the client closes it. */
    private static void sleepUntilClosed(SocketChannel ch) throws IOException {
        ByteBuffer sink = ByteBuffer.allocate(256);
        while (ch.read(sink) >= 0) {
            sink.clear();
        }
    }
}
