package dev.stagesh.shell;

import dev.stagesh.console.Printer;
import dev.stagesh.engine.Session;
import java.util.concurrent.Callable;

/** Base of the in-shell commands: the context they act on, injected by {@link ShellFactory}. */
abstract class SessionCommand implements Callable<Integer> {
    ShellContext context;

    Session session() {
        return context.session();
    }

    Printer printer() {
        return context.printer();
    }

    @Override
    public final Integer call() throws Exception {
        return execute();
    }

    /** Runs the command; 0 when it did what was asked. */
    abstract int execute() throws Exception;
}
