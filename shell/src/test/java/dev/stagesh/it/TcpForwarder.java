package dev.stagesh.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Forwards every connection made to a loopback address of its own (127.0.0.2: Linux routes all of 127/8 to lo) to
 * a TCP port on 127.0.0.1, byte for byte. TLS passes through untouched, so a client reaching an engine this way
 * meets its real certificate under a name the certificate does not give.
 */
final class TcpForwarder implements AutoCloseable {
    private final ServerSocket server;
    private final Thread acceptor;

    private TcpForwarder(ServerSocket server, int targetPort) {
        this.server = server;
        this.acceptor = new Thread(() -> accept(targetPort), "tcp-forwarder");
        acceptor.setDaemon(true);
    }

    static TcpForwarder to(int targetPort) throws IOException {
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
        TcpForwarder f = new TcpForwarder(server, targetPort);
        f.acceptor.start();
        return f;
    }

    /** Where clients connect: tcp://127.0.0.2:PORT. */
    String host() {
        return "tcp://127.0.0.2:" + server.getLocalPort();
    }

    private void accept(int targetPort) {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket("127.0.0.1", targetPort);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException ended) {
                // one side closed
            } finally {
                try {
                    from.close();
                    to.close();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        }, "tcp-forwarder-pump");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
