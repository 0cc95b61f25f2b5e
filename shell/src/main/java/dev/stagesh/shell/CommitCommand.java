package dev.stagesh.shell;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "commit", description = "Run the current stage to its end and tag the image 'docker build --target' would give.")
final class CommitCommand extends SessionCommand {
    @Option(names = "--here", description = "commit the current step as it is, without running the rest")
    boolean here;

    @Option(names = "--squash", description = "make the image a single layer holding the whole filesystem, base image included; config and history are kept, the history entries marked empty but for one added for the layer")
    boolean squash;

    @Parameters(arity = "1..*", paramLabel = "TAG")
    List<String> tags;

    @Override
    int execute() {
        for (String tag : tags) {
            if (!tag.matches("[a-z0-9][a-z0-9._/-]*(:[A-Za-z0-9_][A-Za-z0-9._-]{0,127})?") && !tag.matches(".+:\\d+/.+")) {
                printer().error("commit: invalid tag '" + tag + "' (repository[:tag], lower case)");
                return 1;
            }
        }
        String id = here ? session().commitHere(tags, squash) : session().commit(tags, squash);
        printer().line(id);
        return 0;
    }
}
