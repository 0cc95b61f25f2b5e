package dev.stagesh.fs;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The paths where a snapshot and the one a few layers above it may differ, read from those layers
 * alone: what each writes, what its whiteouts and opaque markers hide below, what a file written over
 * a directory hides, and the ancestors of all of them (which gain or lose entries, or are implied).
 * Anywhere else both snapshots show the entry of the same lower layer, so a diff of two steps costs
 * what the steps between them changed, not the size of the image.
 */
public final class ChangedPaths {

    private ChangedPaths() {
    }

    /**
     * @param base  the lower snapshot's merged view
     * @param upper the layers the higher snapshot adds on top of {@code base}, bottom first
     */
    public static Set<String> of(FileTree base, List<LayerChanges> upper) {
        Set<String> paths = new HashSet<>();
        for (LayerChanges layer : upper) {
            for (String dir : layer.opaqueDirectories()) {
                below(base, FsPaths.normalize(dir), paths);
            }
            for (String path : layer.deletions()) {
                below(base, FsPaths.normalize(path), paths);
            }
            for (FileEntry e : layer.entries()) {
                withAncestors(e.path(), paths);
                if (!e.isDirectory()) {
                    below(base, e.path(), paths);
                }
            }
        }
        return paths;
    }

    /** {@code path} with its ancestors, and whatever {@code base} holds at and under it. */
    private static void below(FileTree base, String path, Set<String> paths) {
        withAncestors(path, paths);
        FileEntry there = base.get(path);
        if (there != null && there.isDirectory()) {
            base.walk(path).forEach(e -> paths.add(e.path()));
        }
    }

    private static void withAncestors(String path, Set<String> paths) {
        String p = path;
        while (paths.add(p) && !p.equals("/")) {
            p = FsPaths.parent(p);
        }
    }
}
