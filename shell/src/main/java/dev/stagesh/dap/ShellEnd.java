package dev.stagesh.dap;

import java.io.Closeable;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntConsumer;

/**
 * The end of a {@code shell --keep} that runs in the editor's terminal, another process: it says
 * so, with the shell's exit code, on a Unix socket in a folder only this user can enter, and the
 * session then keeps the container's changes. A shell whose terminal was closed says nothing; its
 * container goes with the session.
 */
public final class ShellEnd implements Closeable {
    private final Path dir;
    private final Path socket;
    private final ServerSocketChannel server;

    private ShellEnd(Path dir, Path socket, ServerSocketChannel server) {
        this.dir = dir;
        this.socket = socket;
        this.server = server;
    }

    /** A socket for one shell's end, bound: its path goes on the shell's command line. */
    static ShellEnd bind() throws IOException {
        Path dir = Files.createTempDirectory("stagesh-shell-");
        Path socket = dir.resolve("end.sock");
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        return new ShellEnd(dir, socket, server);
    }

    /** Waits, on a thread of its own, for the shell's end, then tells {@code onEnd} its exit code. */
    void onEnd(IntConsumer onEnd) {
        Thread waiting = new Thread(() -> await(onEnd), "stagesh-shell-end");
        waiting.setDaemon(true);
        waiting.start();
    }

    Path socket() {
        return socket;
    }

    /** Said by the shell's process when its shell has ended. */
    public static void tell(Path socket, int exitCode) throws IOException {
        try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            c.write(ByteBuffer.wrap((exitCode + "\n").getBytes(StandardCharsets.US_ASCII)));
        }
    }

    private void await(IntConsumer onEnd) {
        int code;
        try (SocketChannel c = server.accept()) {
            String said = new String(Channels.newInputStream(c).readAllBytes(), StandardCharsets.US_ASCII).strip();
            code = said.matches("-?\\d{1,9}") ? Integer.parseInt(said) : -1;
        } catch (IOException e) {
            return; // closed: the session ended first
        } finally {
            close();
        }
        onEnd.accept(code);
    }

    @Override
    public void close() {
        try {
            server.close();
            Files.deleteIfExists(socket);
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }
}
