package dev.stagesh.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Podman's {@code GET /info} locks every container to count them, so it does not answer while an
 * upload into one of them is open. A COPY --from streams its tar from another container while the
 * upload runs, and that read asks the engine's capabilities on Podman: the engine must have asked
 * them before the upload began, or the copy waits forever (seen as a 10-minute hang in CI).
 */
class PodmanInfoLockTest {
    @TempDir
    Path dir;

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger openUploads = new AtomicInteger();

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void anUploadWhoseBodyAsksTheCapabilitiesDoesNotWaitOnPodmansInfoLock() throws Exception {
        Path socket = dir.resolve("podman.sock");
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Thread acceptor = new Thread(() -> acceptAll(server), "fake-podman");
        acceptor.setDaemon(true);
        acceptor.start();
        Engine engine = EngineConnector.connect(new EngineEndpoint(URI.create("unix://" + socket), null, "test"));
        try {
            PipedInputStream body = new PipedInputStream();
            PipedOutputStream out = new PipedOutputStream(body);
            // the body's writer has sent the directories COPY creates, then reads its sources from
            // another container, which asks what the engine is, as getArchive does on Podman
            CompletableFuture<Boolean> writer = CompletableFuture.supplyAsync(() -> {
                try (out) {
                    out.write(new byte[10240]);
                    out.flush();
                    Thread.sleep(300); // the upload is open on the engine by now
                    boolean podman = engine.capabilities().podman();
                    out.write(new byte[10240]);
                    return podman;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            engine.putArchive("c1", "/", body);
            assertThat(writer.get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(requests).filteredOn(r -> r.startsWith("GET /info") || r.startsWith("PUT "))
                    .extracting(r -> r.substring(0, 4)).containsExactly("GET ", "PUT ");
        } finally {
            engine.close();
            server.close();
        }
    }

    private void acceptAll(ServerSocketChannel server) {
        while (server.isOpen()) {
            try {
                SocketChannel ch = server.accept();
                Thread t = new Thread(() -> serve(ch));
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed at the end of the test
            }
        }
    }

    /** Answers one request and closes the connection; an upload counts as open until its last chunk. */
    private void serve(SocketChannel ch) {
        try (ch) {
            String head = readUntil(ch, "\r\n\r\n", new StringBuilder());
            String requestLine = head.substring(0, head.indexOf("\r\n"));
            requests.add(requestLine);
            String path = requestLine.split(" ")[1];
            if (requestLine.startsWith("PUT ")) {
                openUploads.incrementAndGet();
                try {
                    readUntil(ch, "0\r\n\r\n", new StringBuilder(head.substring(head.indexOf("\r\n\r\n") + 4)));
                } finally {
                    openUploads.decrementAndGet();
                }
                answer(ch, "");
            } else if (path.endsWith("/info")) {
                while (openUploads.get() > 0) {
                    Thread.sleep(20); // Podman's container lock
                }
                answer(ch, "{\"Driver\":\"overlay\"}");
            } else if (path.endsWith("/version")) {
                answer(ch, "{\"Version\":\"5.8.6\",\"ApiVersion\":\"1.41\",\"Os\":\"linux\",\"Arch\":\"amd64\","
                        + "\"Components\":[{\"Name\":\"Podman Engine\",\"Version\":\"5.8.6\"}]}");
            } else {
                answer(ch, path.endsWith("/_ping") ? "OK" : "{}");
            }
        } catch (IOException e) {
            // the client went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String readUntil(SocketChannel ch, String end, StringBuilder seen) throws IOException {
        ByteBuffer in = ByteBuffer.allocate(4096);
        while (!seen.toString().contains(end)) {
            in.clear();
            if (ch.read(in) < 0) {
                break;
            }
            in.flip();
            seen.append(StandardCharsets.ISO_8859_1.decode(in));
        }
        return seen.toString();
    }

    private static void answer(SocketChannel ch, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nApi-Version: 1.41\r\nContent-Length: "
                + body.length + "\r\nConnection: close\r\n\r\n";
        ByteBuffer out = ByteBuffer.wrap((head + json).getBytes(StandardCharsets.UTF_8));
        while (out.hasRemaining()) {
            ch.write(out);
        }
    }
}
