package dev.stagesh.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagesh.console.Printer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The status line of a terminal that opens while a step or pull runs (the session's first step runs while
 * the prompt's terminal is still opening): it shows what runs from then on, its time counted from its start.
 */
class ConsoleListenerStatusTest {
    private final Terminal terminal = DumbTerminals.open();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ConsoleListener listener = new ConsoleListener(new Printer(new ByteArrayOutputStream(), err, false));

    @AfterEach
    void close() throws IOException {
        terminal.close();
    }

    private static List<String> rowsOnceShown(ScreenFoot foot) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            List<String> rows = foot.rows().stream().map(AttributedString::toString).toList();
            if (!rows.isEmpty()) {
                return rows;
            }
            Thread.sleep(20);
        }
        return List.of();
    }

    @Test
    void aPullUnderWayWhenTheTerminalOpensGetsItsStatusLine() throws InterruptedException {
        listener.pullStarted("busybox:1");
        Thread.sleep(300);
        ScreenFoot foot = listener.showStatusOn(terminal, () -> new AttributedString("position"));
        listener.progress("0123456789ab: Downloading [=>    ]  32.77kB/1.037MB");
        List<String> rows = rowsOnceShown(foot);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).as("timed from the pull's start, not the terminal's").matches(". 0\\.[3-9]s  pulling busybox:1");
        assertThat(rows.get(1)).isEqualTo("  0123456789ab: Downloading [=>    ]  32.77kB/1.037MB");
        assertThat(err.toString()).as("what the scrollback got").isEqualTo("  pulling busybox:1\n");
        listener.pullEnded("busybox:1");
        assertThat(foot.rows()).isEmpty();
    }

    @Test
    void nothingRunningWhenTheTerminalOpensShowsNothing() throws InterruptedException {
        listener.pullStarted("busybox:1");
        listener.pullEnded("busybox:1");
        ScreenFoot foot = listener.showStatusOn(terminal, () -> new AttributedString("position"));
        Thread.sleep(400);
        assertThat(foot.rows()).isEmpty();
    }
}
