package dev.stagesh.fs;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code find PATH [-name GLOB] [-type X] [-maxdepth N]}: prints matching paths spelled from the
 * starting point as given ({@code find app} prints {@code app/x}), never following symlinks (find's
 * default {@code -P}). Siblings come in name order, where find would use the directory's on-disk order.
 */
public final class Find {

    private final PathResolver resolver;

    public Find(PathResolver resolver) {
        this.resolver = resolver;
    }

    /** Matching entries with their printed path, lazily, for JSON or early exit. */
    public record Hit(String printed, FileEntry entry) {
    }

    public CommandOutput render(String start, FindOptions opts) {
        List<String> lines = new ArrayList<>();
        try (Stream<Hit> hits = hits(start, opts)) {
            hits.forEach(h -> lines.add(h.printed()));
        } catch (FsException e) {
            return new CommandOutput(lines, List.of("'" + start + "': " + Ls.reason(e)));
        }
        return new CommandOutput(lines, List.of());
    }

    /**
     * @throws FsException when the starting point does not exist
     */
    public Stream<Hit> hits(String start, FindOptions opts) {
        // the starting point is looked up without following a final symlink, unless written "link/"
        FileEntry root = resolver.lookup(start);
        String base = start.isEmpty() ? "." : start;
        int rootDepth = depth(root.path());
        String startName = FsPaths.name(FsPaths.normalize(base));
        return resolver.tree().walk(root.path())
                .filter(e -> opts.maxDepth() < 0 || depth(e.path()) - rootDepth <= opts.maxDepth())
                .filter(e -> opts.accepts(e, e == root ? startName : e.name()))
                .map(e -> new Hit(printed(base, root.path(), e.path()), e));
    }

    private static String printed(String base, String rootPath, String path) {
        if (path.equals(rootPath)) {
            return base;
        }
        String rel = rootPath.equals("/") ? path.substring(1) : path.substring(rootPath.length() + 1);
        return base.endsWith("/") ? base + rel : base + "/" + rel;
    }

    private static int depth(String path) {
        if (path.equals("/")) {
            return 0;
        }
        int n = 0;
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) == '/') {
                n++;
            }
        }
        return n;
    }
}
