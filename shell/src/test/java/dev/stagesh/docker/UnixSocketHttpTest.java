package dev.stagesh.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTP over a Unix socket, against a server that answers as the engine does (HTTP/1.0, body until close). */
class UnixSocketHttpTest {
    @TempDir
    Path dir;

    /** Serves one connection: records the request, writes {@code header} and then {@code body}. */
    private CompletableFuture<String> serveOnce(Path socket, String header, byte[] body) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        return CompletableFuture.supplyAsync(() -> {
            try (server; SocketChannel ch = server.accept()) {
                ByteBuffer in = ByteBuffer.allocate(4096);
                StringBuilder request = new StringBuilder();
                while (!complete(request.toString()) && ch.read(in) > 0) {
                    in.flip();
                    request.append(StandardCharsets.US_ASCII.decode(in));
                    in.clear();
                }
                ch.write(ByteBuffer.wrap(header.getBytes(StandardCharsets.US_ASCII)));
                ByteBuffer out = ByteBuffer.wrap(body);
                while (out.hasRemaining()) {
                    ch.write(out);
                }
                return request.toString();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /** Whether the request read so far has its header and as much body as its Content-Length says. */
    private static boolean complete(String request) {
        int end = request.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        var length = java.util.regex.Pattern.compile("(?im)^Content-Length: (\\d+)$").matcher(request.substring(0, end));
        return !length.find() || request.length() - end - 4 >= Integer.parseInt(length.group(1));
    }

    @Test
    void aPostSendsItsJsonBodyWithItsLengthAndReadsTheAnswerToTheEnd() throws Exception {
        Path socket = dir.resolve("engine.sock");
        var served = serveOnce(socket, "HTTP/1.0 201 Created\r\nContent-Type: application/json\r\n\r\n",
                "{\"Id\":\"abc\"}".getBytes(StandardCharsets.US_ASCII));
        byte[] json = "{\"Image\":\"busybox\"}".getBytes(StandardCharsets.UTF_8);
        UnixSocketHttp.Response r = UnixSocketHttp.request(socket, "POST", "/containers/create", json);
        assertThat(r.status()).isEqualTo(201);
        try (InputStream in = r.body()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("{\"Id\":\"abc\"}");
        }
        assertThat(served.get()).startsWith("POST /containers/create HTTP/1.0\r\n")
                .contains("\r\nContent-Type: application/json\r\n", "\r\nContent-Length: " + json.length + "\r\n")
                .endsWith("\r\n\r\n{\"Image\":\"busybox\"}");
    }

    @Test
    void aGetStreamsTheWholeBodyAfterTheHeaderAndSkipsInLargeSteps() throws Exception {
        Path socket = dir.resolve("engine.sock");
        byte[] body = new byte[3_000_000];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i % 251);
        }
        var served = serveOnce(socket, "HTTP/1.0 200 OK\r\nContent-Type: application/x-tar\r\n"
                + "X-Docker-Container-Path-Stat: e30=\r\n\r\n", body);

        UnixSocketHttp.Response r = UnixSocketHttp.get(socket, "/containers/abc/archive?path=%2Fusr");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers()).containsEntry("content-type", "application/x-tar")
                .containsEntry("x-docker-container-path-stat", "e30=");
        try (InputStream in = r.body()) {
            assertThat(in.read()).isEqualTo(0);
            assertThat(in.skip(1_000_000)).isEqualTo(1_000_000);
            assertThat(in.read()).isEqualTo(1_000_001 % 251);
            byte[] rest = in.readAllBytes();
            assertThat(rest).hasSize(body.length - 1_000_002);
            assertThat(rest[rest.length - 1]).isEqualTo(body[body.length - 1]);
            assertThat(in.skip(10)).isZero();
        }
        assertThat(served.get()).startsWith("GET /containers/abc/archive?path=%2Fusr HTTP/1.0\r\n");
    }

    @Test
    void aHeadReadsTheStatusAndHeadersOnly() throws Exception {
        Path socket = dir.resolve("engine.sock");
        var served = serveOnce(socket, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n", new byte[0]);
        UnixSocketHttp.Response r = UnixSocketHttp.head(socket, "/containers/abc/archive?path=%2Fnope");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.headers()).containsEntry("content-length", "0");
        assertThat(served.get()).startsWith("HEAD /containers/abc/archive?path=%2Fnope HTTP/1.1\r\n");
    }
}
