package dev.stagesh.shell;

import dev.stagesh.engine.SnapshotFiles;
import dev.stagesh.fs.FsException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "cat", description = "Print files of the current snapshot, streamed through the engine.")
final class CatCommand extends SessionCommand {
    @Parameters(arity = "1..*", paramLabel = "PATH") List<String> paths;

    @Override
    int execute() {
        SnapshotFiles files = session().files();
        String workdir = session().snapshot().config().workingDir();
        int status = 0;
        for (String p : paths) {
            try {
                files.cat(Paths.absolute(workdir, p), printer().out());
            } catch (FsException e) {
                printer().error("cat: " + e.getMessage());
                status = 1;
            }
        }
        printer().out().flush();
        return status;
    }
}
