package dev.stagesh.docker;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * An exec with a terminal over the engine's Unix socket: the upgraded connection of its start
 * carries the terminal's bytes both ways; resizes and the exit code are calls of their own.
 */
final class SocketTtyProcess extends ExecTty {
    private final UnixSocketHttp.Upgraded connection;

    SocketTtyProcess(UnixSocketHttp.Upgraded connection, Consumer<TerminalSize> resize, IntSupplier exitCode) {
        super(resize, exitCode);
        this.connection = connection;
    }

    @Override
    public InputStream output() {
        return connection.in();
    }

    @Override
    public void type(byte[] bytes, int offset, int length) throws IOException {
        connection.write(bytes, offset, length);
    }

    @Override
    public void close() {
        connection.close();
    }
}
