package dev.stagesh.shell;

import dev.stagesh.console.Printer;
import dev.stagesh.engine.Session;

/**
 * What every in-shell command works on: the session, where to print, and whether a person
 * reads the output at a terminal (then commands may ask, draw and highlight; in script mode
 * they print only their plain, stable output and never ask).
 */
public record ShellContext(Session session, Printer printer, QuitSignal quit, boolean interactive,
                           BuildCheckWarnings checks, PromptTerminal terminal) {
    public ShellContext(Session session, Printer printer, QuitSignal quit, boolean interactive) {
        this(session, printer, quit, interactive, new BuildCheckWarnings(session), new PromptTerminal());
    }

    /** Set by {@code quit}; the reading loop stops when it is. */
    public static final class QuitSignal {
        private boolean requested;

        public void request() {
            requested = true;
        }

        public boolean requested() {
            return requested;
        }
    }
}
