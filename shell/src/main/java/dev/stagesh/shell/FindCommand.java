package dev.stagesh.shell;

import dev.stagesh.engine.SnapshotFiles;
import dev.stagesh.fs.Find;
import dev.stagesh.fs.FindOptions;
import dev.stagesh.fs.FsException;
import dev.stagesh.fs.FsPaths;
import dev.stagesh.fs.PathResolver;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "find", description = "Search a directory of the current snapshot (default: the WORKDIR) by name, "
        + "type and depth, read through the engine: no find needed in the image.")
final class FindCommand extends InspectCommand {
    @Parameters(arity = "0..1", paramLabel = "PATH") String path;
    @Option(names = "-name", paramLabel = "GLOB", description = "base name matches the shell pattern") String name;
    @Option(names = "-type", paramLabel = "f|d|l", description = "file, directory or symlink (b c p too; f,l for several)")
    String type;
    @Option(names = "-maxdepth", paramLabel = "N", description = "descend at most N levels below PATH") Integer maxDepth;

    @Override
    int run() {
        FindOptions options = FindOptions.ALL;
        if (name != null) {
            options = options.withName(name);
        }
        if (type != null) {
            options = options.withType(type);
        }
        if (maxDepth != null) {
            options = options.withMaxDepth(maxDepth);
        }
        String typed = path == null ? "." : path;
        SnapshotFiles files = session().files();
        String start = FsPaths.normalize(absolute(typed));
        try {
            // like find -P: a symlink operand is not followed, unless written with a trailing slash
            if (typed.endsWith("/")) {
                start = files.follow(start);
            }
            var resolver = new PathResolver(files.tree(start));
            String root = resolver.lookup(start).path();
            try (Stream<Find.Hit> hits = new Find(resolver).hits(start, options)) {
                hits.forEach(h -> printer().line(TypedPath.respell(typed, root, h.entry().path())));
            }
        } catch (FsException e) {
            throw typed(typed, e);
        }
        return 0;
    }
}
