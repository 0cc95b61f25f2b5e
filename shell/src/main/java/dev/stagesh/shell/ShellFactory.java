package dev.stagesh.shell;

import picocli.CommandLine;

/** Builds the in-shell commands with the session's context handed in. */
final class ShellFactory implements CommandLine.IFactory {
    private final ShellContext context;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    ShellFactory(ShellContext context) {
        this.context = context;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
        K instance = fallback.create(cls);
        if (instance instanceof SessionCommand c) {
            c.context = context;
        }
        return instance;
    }
}
