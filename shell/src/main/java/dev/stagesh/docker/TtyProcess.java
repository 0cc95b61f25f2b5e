package dev.stagesh.docker;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * A process on a pseudo-terminal in a container ({@code docker exec -it} without the CLI): what
 * its terminal shows, what is typed into it, its window size, and its exit code. With a terminal
 * there is one output stream, unframed, as the terminal would show it.
 */
public interface TtyProcess extends Closeable {
    /** The bytes the process's terminal shows; ends when the process has exited. */
    InputStream output();

    /** Sends typed bytes (keys, Ctrl-C as 0x03) to the process's terminal. */
    void type(byte[] bytes, int offset, int length) throws IOException;

    /** The window the terminal is shown in changed; the process gets SIGWINCH from its terminal. */
    void resize(TerminalSize size);

    /** The process's exit code, once its output has ended: asked of the engine (exec inspect). */
    int exitCode();

    /** Drops the connection; the process ends with its terminal's hang-up if it still runs. */
    @Override
    void close();

    /** A window's size in character cells. */
    record TerminalSize(int rows, int columns) {}
}
