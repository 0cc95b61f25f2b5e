package dev.stagesh.shell;

import picocli.CommandLine.Command;

@Command(name = "env", description = "The environment a RUN would see here: ENV, then the build ARGs in scope.")
final class EnvCommand extends SessionCommand {
    @Override
    int execute() {
        var image = session().snapshot().config().envMap();
        session().scope().runEnv().forEach((k, v) ->
                printer().line(k + "=" + v + (image.containsKey(k) && image.get(k).equals(v) ? "" : "   (build arg)")));
        return 0;
    }
}
