package dev.stagesh.shell;

import dev.stagesh.Background;
import dev.stagesh.console.SystemTerminals;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.impl.DefaultParser;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.terminal.Terminal;

/**
 * The prompt's terminal and line reader, made on a thread of its own from the moment stagesh
 * knows it will prompt, while the main thread opens the session: JLine's terminal set-up (its
 * native library, the terminal's capabilities) and the reader's (hundreds of key bindings, the
 * history file) then cost the first prompt nothing but what is left of them once the session
 * is open. What needs the session, completion and highlighting, the shell adds
 * ({@link InteractiveShell}). The shell takes them ({@link #take}); a terminal that is never
 * taken, because the session could not open, is closed here, which gives the process back its
 * signal handlers.
 */
public final class PromptOpening implements AutoCloseable {
    /** The terminal and its reader, opened. */
    record Prompt(Terminal terminal, LineReaderImpl reader) {}

    /**
     * How long after the reader begins its first line the prompt counts as drawn: JLine's last
     * callback (callback-init) comes just before it draws, which takes tens of milliseconds of a
     * core on a first run (classes, the line's layout).
     */
    private static final long DRAWING_MS = 40;

    private final CompletableFuture<Prompt> opening;
    private final CompletableFuture<Void> firstDrawn = new CompletableFuture<>();
    private boolean taken;

    PromptOpening(CompletableFuture<Prompt> opening) {
        this.opening = opening;
    }

    /** Starts opening the system terminal, with the process's signals handed to it, and its reader. */
    public static PromptOpening start() {
        return new PromptOpening(Background.supply("stagesh-terminal", PromptOpening::open));
    }

    private static Prompt open() throws IOException {
        Terminal terminal = SystemTerminals.open(true);
        DefaultParser parser = new DefaultParser();
        parser.setEscapeChars(new char[0]); // a backslash is the command's, as in a script
        LineReader reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("stagesh")
                .parser(parser)
                .variable(LineReader.HISTORY_FILE, Path.of(System.getProperty("user.home"), ".stagesh_history"))
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .build();
        // the builder's reader, whose completer and highlighter the shell sets once the session is open
        return new Prompt(terminal, (LineReaderImpl) reader);
    }

    /**
     * Completes once the first prompt is drawn: what the prompt does not need (the completion
     * registry, docker-java's client, reading the snapshot ahead) waits for it rather than share
     * the two cores with it. Cancelled when the prompt closes without being shown.
     */
    public CompletionStage<Void> firstPromptDrawn() {
        return firstDrawn;
    }

    /** Makes {@link #firstPromptDrawn} complete once the reader's first line is drawn. */
    void watchFirstLine(LineReader reader) {
        reader.getWidgets().put(LineReader.CALLBACK_INIT, () -> {
            if (!firstDrawn.isDone()) {
                CompletableFuture.delayedExecutor(DRAWING_MS, TimeUnit.MILLISECONDS).execute(() -> firstDrawn.complete(null));
            }
            return true;
        });
    }

    /** The terminal and reader, waiting for them if they are still opening; from now on closing them is the caller's. */
    synchronized Prompt take() throws IOException {
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
        firstDrawn.cancel(false); // a no-op once drawn
        if (!taken) {
            taken = true;
            try {
                opening.join().terminal().close();
            } catch (CompletionException | IOException ignored) {
                // it did not open, or cannot be closed: either way nothing is left to give back
            }
        }
    }
}
