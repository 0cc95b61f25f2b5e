package dev.stagesh.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.terminal.Terminal;
import org.junit.jupiter.api.Test;

/** What waits for the first prompt: it starts once the reader draws its first line, never if none is drawn. */
class PromptOpeningTest {
    private static PromptOpening opened(Terminal terminal) {
        LineReaderImpl reader = (LineReaderImpl) LineReaderBuilder.builder().terminal(terminal).build();
        return new PromptOpening(CompletableFuture.completedFuture(new PromptOpening.Prompt(terminal, reader)));
    }

    @Test
    void theFirstLineDrawnCompletesIt() throws Exception {
        PromptOpening opening = opened(DumbTerminals.open());
        PromptOpening.Prompt prompt = opening.take();
        try (Terminal terminal = prompt.terminal()) {
            opening.watchFirstLine(prompt.reader());
            CompletableFuture<Void> drawn = opening.firstPromptDrawn().toCompletableFuture();
            Thread.sleep(100);
            assertThat(drawn).as("no line read yet").isNotDone();
            assertThatThrownBy(() -> prompt.reader().readLine("> ")).isInstanceOf(EndOfFileException.class);
            drawn.get(2, TimeUnit.SECONDS);
            assertThat(drawn).isCompleted();
        }
        opening.close();
        assertThat(opening.firstPromptDrawn().toCompletableFuture()).as("drawn stays drawn").isCompleted();
    }

    @Test
    void aPromptClosedUnshownCancelsWhatWaitsForIt() {
        PromptOpening opening = opened(DumbTerminals.open());
        CompletableFuture<Void> waiting = opening.firstPromptDrawn().thenRun(() -> {
            throw new AssertionError("ran for a prompt never drawn");
        }).toCompletableFuture();
        opening.close();
        assertThat(opening.firstPromptDrawn().toCompletableFuture()).isCancelled();
        assertThat(waiting).isCompletedExceptionally();
    }
}
