package dev.stagesh.shell;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "into", description = "Move into a stage (by index or name), building the stages it needs first.")
final class IntoCommand extends SessionCommand {
    @Parameters(arity = "1..2", paramLabel = "stage N|NAME", description = "'stage' then an index or a name")
    List<String> words;

    @Override
    int execute() {
        String ref = words.size() == 2 && words.get(0).equalsIgnoreCase("stage") ? words.get(1) : words.get(words.size() - 1);
        if (words.size() == 2 && !words.get(0).equalsIgnoreCase("stage")) {
            printer().error("into: usage: into stage N|NAME");
            return 1;
        }
        session().into(ref);
        return 0;
    }
}
