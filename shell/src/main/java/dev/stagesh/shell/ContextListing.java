package dev.stagesh.shell;

import dev.stagesh.context.ContextEntry;
import dev.stagesh.context.ContextPaths;
import dev.stagesh.context.EntryType;
import dev.stagesh.fs.SizeFormat;
import dev.stagesh.dockerfile.GoPaths;
import java.util.List;

/** What {@code context} prints of the entries docker would send. */
final class ContextListing {
    private ContextListing() {}

    /**
     * A typed context path as a {@link ContextPaths context path}, or null if it leaves the context.
     * What is typed differs from what a COPY names: backslashes are read as slashes, and a leading
     * slash is dropped before cleaning, so "/.." leaves the context here where COPY's "/.." is its root.
     */
    static String clean(String typed) {
        String relative = typed.replace('\\', '/').replaceFirst("^/+", "");
        return ContextPaths.inContext(GoPaths.clean(relative));
    }

    /** The entries at {@code dir} and below it; all of them for "". */
    static List<ContextEntry> under(List<ContextEntry> entries, String dir) {
        if (dir.isEmpty()) {
            return entries;
        }
        return entries.stream().filter(e -> ContextPaths.isWithin(e.path(), dir)).toList();
    }

    /** {@code src/}, {@code src/main.go}, {@code link -> target}. */
    static String line(ContextEntry e) {
        return switch (e.type()) {
            case DIRECTORY -> e.path() + "/";
            case SYMLINK -> e.path() + " -> " + e.linkTarget();
            case FILE -> e.path();
        };
    }

    /** {@code 2 directories, 3 files, 1 symlink (1.2 kB)}. */
    static String summary(List<ContextEntry> entries) {
        long dirs = count(entries, EntryType.DIRECTORY);
        long files = count(entries, EntryType.FILE);
        long links = count(entries, EntryType.SYMLINK);
        return dirs + (dirs == 1 ? " directory, " : " directories, ") + files + (files == 1 ? " file, " : " files, ")
                + links + (links == 1 ? " symlink" : " symlinks") + " (" + SizeFormat.si(bytes(entries)) + ")";
    }

    static long count(List<ContextEntry> entries, EntryType type) {
        return entries.stream().filter(e -> e.type() == type).count();
    }

    static long bytes(List<ContextEntry> entries) {
        return entries.stream().filter(e -> e.type() == EntryType.FILE).mapToLong(ContextEntry::size).sum();
    }
}
