package dev.stagesh.shell;

import dev.stagesh.cli.Printer;
import dev.stagesh.engine.Session;

/** What every in-shell command works on: the session and where to print. */
public record ShellContext(Session session, Printer printer, QuitSignal quit) {

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
