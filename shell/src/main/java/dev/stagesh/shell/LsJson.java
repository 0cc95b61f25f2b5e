package dev.stagesh.shell;

import dev.stagesh.engine.SnapshotFiles;
import dev.stagesh.fs.FsException;
import dev.stagesh.fs.Ls;
import dev.stagesh.fs.LsOptions;
import dev.stagesh.fs.LsRecord;
import dev.stagesh.fs.PathResolver;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** {@code ls --json}: the entries of every operand in one array, each with its absolute path and owner names. */
final class LsJson {
    private LsJson() {}

    static int print(SessionCommand command, SnapshotFiles files, String workdir, List<String> operands,
                     LsOptions options) {
        var owners = files.owners();
        List<LsRecord> records = new ArrayList<>();
        int status = 0;
        for (String operand : operands) {
            String path = Paths.absolute(workdir, operand);
            try {
                String real = options.directory() ? path : files.follow(path);
                var ls = new Ls(new PathResolver(files.tree(real)), owners, Clock.systemDefaultZone());
                records.addAll(ls.records(real, options));
            } catch (FsException e) {
                command.printer().error("ls: cannot access '" + operand + "': " + InspectCommand.reason(e));
                status = 1;
            }
        }
        command.printer().line(Json.write(records));
        return status;
    }
}
