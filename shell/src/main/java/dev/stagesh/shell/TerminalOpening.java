package dev.stagesh.shell;

import dev.stagesh.Background;
import dev.stagesh.console.SystemTerminals;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jline.terminal.Terminal;

/**
 * The prompt's terminal, opened on a thread of its own from the moment stagesh knows it will
 * prompt, while the main thread opens the session: JLine's terminal set-up (its native library,
 * the terminal's capabilities) then costs the first prompt nothing but what is left of it once
 * the session is open. The shell takes it ({@link #take}); one that is never taken, because the
 * session could not open, is closed here, which gives the terminal back its signal handlers.
 */
public final class TerminalOpening implements AutoCloseable {
    private final CompletableFuture<Terminal> opening;
    private boolean taken;

    private TerminalOpening(CompletableFuture<Terminal> opening) {
        this.opening = opening;
    }

    /** Starts opening the system terminal, with the process's signals handed to it. */
    public static TerminalOpening start() {
        return new TerminalOpening(Background.supply("stagesh-terminal", () -> SystemTerminals.open(true)));
    }

    /** The terminal, waiting for it if it is still opening; from now on its closing is the caller's. */
    synchronized Terminal take() throws IOException {
        taken = true;
        try {
            return opening.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    @Override
    public synchronized void close() {
        if (!taken) {
            taken = true;
            try {
                opening.join().close();
            } catch (CompletionException | IOException | UncheckedIOException ignored) {
                // it did not open, or cannot be closed: either way nothing is left to give back
            }
        }
    }
}
