package dev.stagesh.shell;

import dev.stagesh.engine.Snapshot;
import picocli.CommandLine.Command;

@Command(name = "env", description = "The environment a RUN would see here: ENV, then the build ARGs in scope.")
final class EnvCommand extends SessionCommand {
    @Override
    int execute() {
        Snapshot s = session().snapshot();
        s.config().envMap().forEach((k, v) -> printer().line(k + "=" + v));
        var run = session().current();
        if (run.started()) {
            run.last().variables().values().forEach((k, v) -> {
                if (!s.config().envMap().containsKey(k)) {
                    printer().line(k + "=" + v + "   (ARG)");
                }
            });
        }
        return 0;
    }
}
