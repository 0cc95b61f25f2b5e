package dev.stagesh.shell;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/** A JLine terminal on empty input and a discarded output, for the prompt's parts without a real one. */
final class DumbTerminals {
    private DumbTerminals() {}

    static Terminal open() {
        try {
            return TerminalBuilder.builder().streams(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream())
                    .dumb(true).build();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
