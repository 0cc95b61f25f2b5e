package dev.stagesh.shell;

import java.util.Optional;
import org.jline.terminal.Terminal;

/**
 * The terminal the prompt reads from, while it does: a command that hands the terminal to a
 * container ({@code shell}) takes it over from the prompt rather than opening a second one on
 * the same device. Empty in script mode.
 */
public final class PromptTerminal {
    private volatile Terminal terminal;

    void set(Terminal terminal) {
        this.terminal = terminal;
    }

    Optional<Terminal> current() {
        return Optional.ofNullable(terminal);
    }
}
