package dev.stagesh.shell;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "env", description = "The environment a RUN would see here: ENV, then the build ARGs in scope.")
final class EnvCommand extends SessionCommand {
    @Option(names = "--json", description = "one JSON object: env (from ENV) and buildArgs (ARGs in scope)") boolean json;

    @Override
    int execute() {
        var image = session().snapshot().config().envMap();
        if (json) {
            var doc = Json.object();
            var env = doc.putObject("env");
            var args = doc.putObject("buildArgs");
            session().scope().runEnv().forEach((k, v) ->
                    (image.containsKey(k) && image.get(k).equals(v) ? env : args).put(k, v));
            printer().line(Json.write(doc));
            return 0;
        }
        session().scope().runEnv().forEach((k, v) ->
                printer().line(k + "=" + v + (image.containsKey(k) && image.get(k).equals(v) ? "" : "   (build arg)")));
        return 0;
    }
}
