package dev.stagesh.shell;

import dev.stagesh.engine.SnapshotFiles;
import dev.stagesh.fs.CommandOutput;
import dev.stagesh.fs.Ls;
import dev.stagesh.fs.LsOptions;
import dev.stagesh.fs.PathResolver;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "ls", description = "List files of the current snapshot, read through the engine (no ls needed in the image).")
final class LsCommand extends SessionCommand {
    @Option(names = "-l", description = "long listing") boolean longFormat;
    @Option(names = "-a", description = "include names starting with '.'") boolean all;
    @Option(names = "-d", description = "list directories themselves, not their contents") boolean directory;
    @Option(names = "-h", description = "sizes like 1.2K, with -l") boolean human;
    @Option(names = "--json", description = "one JSON array of the entries listed") boolean json;
    @Parameters(arity = "0..*", paramLabel = "PATH") List<String> paths = new ArrayList<>();

    @Override
    int execute() {
        SnapshotFiles files = session().files();
        String workdir = session().snapshot().config().workingDir();
        List<String> operands = paths.isEmpty() ? List.of(workdir.isEmpty() ? "/" : workdir) : paths;
        LsOptions options = new LsOptions(longFormat, all, directory, human);
        var owners = longFormat ? files.owners() : dev.stagesh.fs.Owners.numeric();
        if (json) {
            return LsJson.print(this, files, workdir, operands, options);
        }
        int status = 0;
        for (String operand : operands) {
            String path = Paths.absolute(workdir, operand);
            try {
                String real = directory ? path : files.follow(path);
                var tree = files.tree(real);
                CommandOutput out = new Ls(new PathResolver(tree), owners, Clock.systemDefaultZone())
                        .render(List.of(real), options);
                printer().lines(out.lines());
                out.errors().forEach(e -> printer().error("ls: " + e));
                status |= out.ok() ? 0 : 1;
            } catch (dev.stagesh.fs.FsException e) {
                printer().error("ls: cannot access '" + operand + "': " + tail(e.getMessage()));
                status = 1;
            }
        }
        return status;
    }

    private static String tail(String message) {
        int i = message.lastIndexOf(": ");
        return i < 0 ? message : message.substring(i + 2);
    }
}
