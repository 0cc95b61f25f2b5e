package dev.stagesh.shell;

import dev.stagesh.engine.SnapshotFiles;
import dev.stagesh.fs.FsException;
import dev.stagesh.fs.FsPaths;
import dev.stagesh.fs.Owners;
import dev.stagesh.fs.PathResolver;
import dev.stagesh.fs.Stat;
import dev.stagesh.fs.StatRecord;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "stat", description = "Type, size, mode, owner and mtime of paths in the current snapshot, "
        + "from the engine's archive headers (GNU stat's layout, without inode and device).")
final class StatCommand extends InspectCommand {
    @Option(names = "-L", description = "describe the target of a symlink, not the link") boolean dereference;
    @Option(names = "--json", description = "one JSON object (an array for several paths)") boolean json;
    @Parameters(arity = "1..*", paramLabel = "PATH") List<String> paths;

    @Override
    int run() {
        SnapshotFiles files = session().files();
        Owners owners = files.owners();
        List<StatRecord> records = new ArrayList<>();
        int status = 0;
        for (String typed : paths) {
            try {
                String abs = FsPaths.normalize(absolute(typed));
                String at = dereference ? files.follow(abs) : abs;
                var stat = new Stat(new PathResolver(files.tree(at)), owners, Clock.systemDefaultZone());
                StatRecord r = stat.record(at, false);
                records.add(new StatRecord(typed, r.type(), r.size(), r.blocks(), r.ioBlock(), r.links(), r.modeOctal(),
                        r.mode(), r.uid(), r.user(), r.gid(), r.group(), r.modify(), r.linkTarget(), r.major(), r.minor()));
            } catch (FsException e) {
                status = fail("cannot stat '" + typed + "': " + reason(e));
            }
        }
        if (json) {
            if (!records.isEmpty()) {
                json(paths.size() == 1 ? records.get(0) : records);
            }
        } else {
            records.forEach(r -> Stat.lines(r).forEach(printer()::line));
        }
        return status;
    }
}
