package dev.stagesh.shell;

import dev.stagesh.docker.TtyProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.utils.NonBlockingInputStream;

/**
 * Hands the local terminal to a process on a container's terminal until it exits, as
 * {@code docker exec -it} does: the terminal in raw mode, so every key reaches the container as
 * typed (Ctrl-C too: with no ISIG the line discipline here sends no SIGINT, the container's own
 * turns the byte into one for its foreground process, and stagesh carries on); what the process
 * shows copied out as it comes; each window resize (SIGWINCH) passed on. The terminal is left as
 * it was found, whatever happens.
 */
public final class TerminalBridge {
    /** How often the key reader looks whether the process has ended, between keys. */
    private static final long POLL_MS = 50;
    /** How long the key reader waits for the rest of a burst the terminal wrote at once. */
    private static final long BURST_MS = 5;

    private TerminalBridge() {}

    /** Runs until the process's output ends; returns its exit code. Closes the process. */
    public static int run(Terminal terminal, TtyProcess process) throws IOException {
        Attributes saved = terminal.getAttributes();
        AtomicBoolean ended = new AtomicBoolean();
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.WINCH, signal -> process.resize(size(terminal)));
        Thread keys = new Thread(() -> copyKeys(terminal, process, ended), "stagesh-tty-keys");
        keys.setDaemon(true);
        try (process) {
            terminal.enterRawMode();
            terminal.setAttributes(raw(terminal.getAttributes()));
            keys.start();
            copyOutput(process.output(), terminal.output());
        } finally {
            ended.set(true);
            join(keys);
            terminal.setAttributes(saved);
            terminal.handle(Terminal.Signal.WINCH, previous);
            terminal.flush();
        }
        return process.exitCode();
    }

    public static TtyProcess.TerminalSize size(Terminal terminal) {
        return new TtyProcess.TerminalSize(terminal.getHeight(), terminal.getWidth());
    }

    /**
     * JLine's raw mode, and what it leaves on that cfmakeraw clears: signals from keys (ISIG),
     * output processing (the container's terminal already turns newlines into CR LF), and the
     * input translations that would change the bytes the container's terminal is to judge.
     */
    static Attributes raw(Attributes jlineRaw) {
        Attributes raw = new Attributes(jlineRaw);
        raw.setLocalFlags(EnumSet.of(Attributes.LocalFlag.ICANON, Attributes.LocalFlag.ECHO, Attributes.LocalFlag.ECHONL,
                Attributes.LocalFlag.ISIG, Attributes.LocalFlag.IEXTEN), false);
        raw.setInputFlags(EnumSet.of(Attributes.InputFlag.IGNBRK, Attributes.InputFlag.BRKINT, Attributes.InputFlag.PARMRK,
                Attributes.InputFlag.ISTRIP, Attributes.InputFlag.INLCR, Attributes.InputFlag.IGNCR,
                Attributes.InputFlag.ICRNL, Attributes.InputFlag.IXON), false);
        raw.setOutputFlag(Attributes.OutputFlag.OPOST, false);
        return raw;
    }

    private static void copyOutput(InputStream from, OutputStream to) throws IOException {
        byte[] buf = new byte[16 * 1024];
        try {
            for (int n; (n = from.read(buf)) >= 0; ) {
                to.write(buf, 0, n);
                to.flush();
            }
        } catch (java.nio.channels.AsynchronousCloseException | java.io.InterruptedIOException e) {
            // the connection was closed under the read: the same end as the engine closing it
        }
    }

    /**
     * Keys to the process until it ends. The terminal's input is read with a timeout, so this
     * stops between keys and leaves any key typed after the process ended to the prompt.
     */
    private static void copyKeys(Terminal terminal, TtyProcess process, AtomicBoolean ended) {
        copyKeys(terminal.input(), process, ended);
    }

    static void copyKeys(InputStream in, TtyProcess process, AtomicBoolean ended) {
        byte[] buf = new byte[4096];
        try {
            while (!ended.get()) {
                int n;
                if (in instanceof NonBlockingInputStream nb) {
                    n = nb.readBuffered(buf, POLL_MS);
                    // what the terminal wrote at once (an arrow key, its answer to a cursor-position
                    // query) can come out of JLine's reader in pieces; a program that tells an
                    // escape sequence from a lone ESC by the time between its bytes (busybox's line
                    // editor) would take the rest as typed text, so a burst goes in one write
                    while (n > 0 && n < buf.length) {
                        int more = nb.readBuffered(buf, n, buf.length - n, BURST_MS);
                        if (more <= 0) {
                            break;
                        }
                        n += more;
                    }
                } else if (in.available() > 0) {
                    n = in.read(buf, 0, Math.min(buf.length, in.available()));
                } else {
                    Thread.sleep(POLL_MS);
                    continue;
                }
                if (n == NonBlockingInputStream.EOF) {
                    return;
                }
                if (n > 0 && !ended.get()) {
                    process.type(buf, 0, n);
                }
            }
        } catch (IOException e) {
            // the process ended, and its connection with it, while a key was being sent
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void join(Thread t) {
        try {
            t.join(2 * POLL_MS + 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
