package dev.stagesh.engine;

import dev.stagesh.fs.FileEntry;
import dev.stagesh.fs.FileTree;
import dev.stagesh.fs.FsPaths;

/**
 * What a snapshot's layer index says of a path, where it can say it for certain. The index
 * follows no symbolic link, while the engine resolves the links on a path's way, so a link (or a
 * file) met before the path ends leaves the question to the engine.
 *
 * @param answer       what is known
 * @param entry        the directory's entry, for {@link Answer#DIRECTORY}; null otherwise
 * @param firstMissing the first absent component, for {@link Answer#MISSING}; null otherwise
 */
record IndexedPath(Answer answer, FileEntry entry, String firstMissing) {
    enum Answer {
        /** Every component is a directory of the snapshot's layers, the last one with its own header. */
        DIRECTORY,
        /** As above, but no layer listed the last one's header (its metadata would be made up). */
        IMPLIED_DIRECTORY,
        /** The components from {@code firstMissing} down are absent; every one above it is a directory. */
        MISSING,
        /** No index at hand, or a symbolic link or a non-directory on the way: only the engine can say. */
        UNRESOLVED
    }

    static final IndexedPath UNRESOLVED = new IndexedPath(Answer.UNRESOLVED, null, null);

    /** {@code path} absolute and normalized, as {@link FsPaths#normalize} gives it. */
    static IndexedPath of(FileTree tree, String path) {
        String dir = "";
        FileEntry last = tree.entry("/").orElse(null);
        for (String part : path.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            dir = dir + "/" + part;
            var entry = tree.entry(dir);
            if (entry.isEmpty()) {
                return new IndexedPath(Answer.MISSING, null, dir);
            }
            if (!entry.get().isDirectory()) {
                return UNRESOLVED;
            }
            last = entry.get();
        }
        if (dir.isEmpty() && (last == null || tree.isImplied("/"))) {
            // layer tars seldom list the root; every engine's root filesystem has one, root's and 0755
            return new IndexedPath(Answer.DIRECTORY, ROOT, null);
        }
        if (last == null) {
            return UNRESOLVED;
        }
        return new IndexedPath(tree.isImplied(dir) ? Answer.IMPLIED_DIRECTORY : Answer.DIRECTORY, last, null);
    }

    private static final FileEntry ROOT = new FileEntry("/", dev.stagesh.fs.EntryType.DIRECTORY, 0755, 0, 0, 0,
            java.time.Instant.EPOCH, null, 0, 0);
}
