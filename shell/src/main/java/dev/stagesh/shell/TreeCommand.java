package dev.stagesh.shell;

import dev.stagesh.engine.SnapshotFiles;
import dev.stagesh.fs.FileTree;
import dev.stagesh.fs.FsException;
import dev.stagesh.fs.FsPaths;
import dev.stagesh.fs.PathResolver;
import dev.stagesh.fs.TreeNode;
import dev.stagesh.fs.TreeOptions;
import dev.stagesh.fs.TreeView;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "tree", description = "Show a directory of the current snapshot as a tree (default: the WORKDIR), "
        + "read through the engine's archive API, so it works in images without tools.")
final class TreeCommand extends InspectCommand {
    @Option(names = "-L", paramLabel = "N", description = "descend at most N levels") Integer level;
    @Option(names = "-a", description = "include names starting with '.'") boolean all;
    @Option(names = "--json", description = "one JSON document, shaped like tree -J") boolean json;
    @Parameters(arity = "0..1", paramLabel = "PATH") String path;

    @Override
    int run() {
        if (level != null && level < 1) {
            return fail("Invalid level, must be greater than 0.");
        }
        String typed = path == null ? "." : path;
        SnapshotFiles files = session().files();
        String real;
        FileTree tree;
        try {
            real = files.follow(FsPaths.normalize(absolute(typed)));
            tree = files.tree(real);
        } catch (FsException e) {
            throw typed(typed, e);
        }
        TreeView view = new TreeView(new PathResolver(tree));
        TreeOptions options = new TreeOptions(level == null ? 0 : level, all);
        TreeView.Listing listing = view.list(real, options);
        if (listing.root().contents() == null) {
            return fail(typed + ": Not a directory");
        }
        if (json) {
            TreeNode root = new TreeNode("directory", typed, null, listing.root().contents());
            var report = Json.object().put("type", "report")
                    .put("directories", listing.directories()).put("files", listing.files());
            json(List.of(root, report));
            return 0;
        }
        List<String> lines = view.render(real, options);
        lines.set(0, typed);
        lines.forEach(printer()::line);
        return 0;
    }
}
