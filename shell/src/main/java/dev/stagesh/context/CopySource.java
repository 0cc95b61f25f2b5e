package dev.stagesh.context;

import java.util.List;

/**
 * One resolved COPY/ADD source: a file or a directory of the context (symlinks given as the source root are
 * already followed).
 *
 * @param source      the source as written in the Dockerfile
 * @param path        the context path it names ("" = the context root); for a wildcard, the path that matched.
 *                    Its last element is the name a file gets inside a destination directory.
 * @param parentsPath what {@code --parents} keeps under the destination: {@code path}, or the part after a
 *                    {@code /./} pivot in the source
 * @param root        the object copied (after following a symlink root); FILE or DIRECTORY
 * @param contents    for a directory, everything below it that the context sends, in walk order;
 *                    empty for a file
 * @param wildcard    whether it came from expanding a wildcard
 */
public record CopySource(String source, String path, String parentsPath, ContextEntry root,
                         List<ContextEntry> contents, boolean wildcard) {

    public CopySource {
        contents = List.copyOf(contents);
    }

    public boolean isDirectory() {
        return root.isDirectory();
    }

    /** Path of an entry of {@link #contents()} relative to the copied directory. */
    public String relativeName(ContextEntry entry) {
        return ContextPaths.relativize(root.path().equals(".") ? "" : root.path(), entry.path());
    }
}
