package dev.stagesh.context;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Applies docker's destination rules to resolved sources and lists the resulting tar entries.
 *
 * <ul>
 *   <li>A relative destination is relative to WORKDIR.</li>
 *   <li>The destination is a directory when it ends in '/' (or is "." / ends in "/."), when it already exists as
 *       a directory in the image, or with {@code --parents}; otherwise a single file is written under the
 *       destination's own name.</li>
 *   <li>More than one thing to copy (several sources, or a wildcard matching several) needs a directory
 *       destination; docker rejects the rest.</li>
 *   <li>A directory source copies its contents, and the destination directory takes its metadata.</li>
 *   <li>Missing parent directories are created 0755 and owned by root; existing ones are left alone.</li>
 *   <li>Files keep their mode bits and mtime unless --chmod; --chown sets the header ids (default 0:0);
 *       symlinks inside a directory are copied as links.</li>
 * </ul>
 */
final class CopyPlanner {
    static final String MULTIPLE_SOURCES =
            "When using COPY with more than one source file, the destination must be a directory and end with a /";

    private final Predicate<String> destIsExistingDirectory;
    private final long now;

    /**
     * @param destIsExistingDirectory asks the image snapshot whether an absolute container path is a directory
     * @param now                     mtime for directories the copy creates (docker stamps them at build time)
     */
    CopyPlanner(Predicate<String> destIsExistingDirectory, long now) {
        this.destIsExistingDirectory = destIsExistingDirectory;
        this.now = now;
    }

    TarPlan plan(CopySources sources, String dest, String workdir, CopyOptions options) {
        if (dest == null) {
            throw new ContextException("COPY requires at least two arguments");
        }
        String absolute = absoluteDest(dest, workdir);
        String destRel = absolute.substring(1);
        boolean dirSyntax = dest.isEmpty() || dest.equals(".") || dest.endsWith("/") || dest.endsWith("/.");
        boolean destIsDir = dirSyntax || options.parents() || destIsExistingDirectory.test(absolute);
        if (sources.count() > 1 && !destIsDir) {
            throw new ContextException(MULTIPLE_SOURCES);
        }
        ExcludeFilter excludes = new ExcludeFilter(options.excludes());
        int uid = options.uid() == null ? 0 : options.uid();
        int gid = options.gid() == null ? 0 : options.gid();
        Map<String, TarPlanEntry> planned = new LinkedHashMap<>();
        for (CopySource source : sources.sources()) {
            String target;
            if (options.parents()) {
                target = GoPath.join(destRel, source.parentsPath());
            } else if (source.isDirectory()) {
                target = destRel;
            } else {
                target = destIsDir ? GoPath.join(destRel, GoPath.base(source.path())) : destRel;
            }
            if (source.isDirectory()) {
                if (!target.isEmpty() && !destIsExistingDirectory.test("/" + target)) {
                    // a destination directory the copy creates takes the source directory's metadata; an
                    // existing one keeps its own (docker only overwrites metadata below the copy's root)
                    put(planned, entry(target, source.root(), options.chmod(), uid, gid));
                }
                for (ContextEntry e : excludes.contents(source)) {
                    put(planned, entry(GoPath.join(target, source.relativeName(e)), e, options.chmod(), uid, gid));
                }
            } else if (!excludes.excludesFile(source)) {
                if (target.isEmpty()) {
                    throw new ContextException("COPY failed: cannot copy file " + source.source()
                            + " onto the root directory");
                }
                put(planned, entry(target, source.root(), options.chmod(), uid, gid));
            }
        }
        addCreatedParents(planned);
        List<TarPlanEntry> ordered = new ArrayList<>(planned.values());
        ordered.sort((a, b) -> GoPath.compare(a.tarPath(), b.tarPath()));
        return new TarPlan(absolute, ordered);
    }

    /** The destination as an absolute, cleaned container path. */
    static String absoluteDest(String dest, String workdir) {
        String base = workdir == null || workdir.isEmpty() ? "/" : workdir;
        String joined = dest.startsWith("/") ? dest : base + "/" + dest;
        return GoPath.clean("/" + joined);
    }

    /** Later sources win over earlier ones at the same path, as when docker copies them one after another. */
    private static void put(Map<String, TarPlanEntry> planned, TarPlanEntry e) {
        planned.remove(e.tarPath());
        planned.put(e.tarPath(), e);
    }

    private static TarPlanEntry entry(String tarPath, ContextEntry e, Integer chmod, int uid, int gid) {
        int mode = e.mode();
        if (chmod != null && e.type() != EntryType.SYMLINK) {
            mode = chmod;
        }
        return new TarPlanEntry(tarPath, e.type(), mode, uid, gid, e.size(), e.linkTarget(), e.file(),
                e.mtimeMillis());
    }

    private void addCreatedParents(Map<String, TarPlanEntry> planned) {
        Set<String> existing = new HashSet<>(); // the predicate may ask a container, so ask once per path
        List<String> paths = new ArrayList<>(planned.keySet());
        for (String path : paths) {
            String parent = GoPath.parent(path);
            while (!parent.isEmpty() && !planned.containsKey(parent) && !existing.contains(parent)) {
                if (destIsExistingDirectory.test("/" + parent)) {
                    existing.add(parent);
                } else {
                    planned.put(parent, new TarPlanEntry(parent, EntryType.DIRECTORY, 0755, 0, 0, 0, null, null, now));
                }
                parent = GoPath.parent(parent);
            }
        }
    }
}
