package dev.stagesh.context;

import dev.stagesh.fs.FsPaths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

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
 *   <li>A directory source copies its contents, not itself.</li>
 *   <li>Directories the copy has to create (the destination's missing parents, and the destination itself for a
 *       directory source) are made like BuildKit's MkdirAll makes them: mode 0755 (with --chmod, its permission
 *       bits under the umask 022), owned by the --chown ids (root without --chown). The destination of a
 *       directory source then gets the source's mtime, existing or not; other existing directories are not in
 *       the tar, so they keep their metadata.</li>
 *   <li>With {@code --parents} the kept parent directories are copies of the context's directories (their mode,
 *       plus --chmod/--chown), as BuildKit copies parents of included paths.</li>
 *   <li>Files keep their mode bits and mtime unless --chmod; --chown sets the header ids (default 0:0);
 *       symlinks inside a directory are copied as links.</li>
 * </ul>
 */
final class CopyPlanner {
    static final String MULTIPLE_SOURCES =
            "When using COPY with more than one source file, the destination must be a directory and end with a /";

    private final ImageDirs imageDirs;
    private final Map<String, java.util.Optional<ImageDirs.Dir>> asked = new java.util.HashMap<>();
    private final Function<String, ContextEntry> contextDirectory;
    private final long now;

    /**
     * @param imageDirs               asks the image snapshot about an absolute container path
     * @param contextDirectory        stats a context directory by its context-relative path (for --parents)
     * @param now                     mtime for directories the copy creates (docker stamps them at build time)
     */
    CopyPlanner(ImageDirs imageDirs, Function<String, ContextEntry> contextDirectory, long now) {
        this.imageDirs = imageDirs;
        this.contextDirectory = contextDirectory;
        this.now = now;
    }

    TarPlan plan(CopySources sources, String dest, String workdir, CopyOptions options) {
        if (dest == null) {
            throw new ContextException("COPY requires at least two arguments");
        }
        String absolute = FsPaths.resolve(workdir, dest);
        String destRel = absolute.substring(1);
        boolean dirSyntax = dest.isEmpty() || dest.equals(".") || dest.endsWith("/") || dest.endsWith("/.");
        boolean destIsDir = dirSyntax || options.parents() || exists(destRel);
        if (sources.count() > 1 && !destIsDir) {
            throw new ContextException(MULTIPLE_SOURCES);
        }
        Attributes attrs = new Attributes(options);
        ExcludeFilter excludes = new ExcludeFilter(options.excludes());
        Map<String, TarPlanEntry> planned = new LinkedHashMap<>();
        for (CopySource source : sources.sources()) {
            String target;
            if (options.parents()) {
                target = ContextPaths.join(destRel, source.parentsPath());
                addKeptParents(planned, source, destRel, attrs);
            } else if (source.isDirectory()) {
                target = destRel;
            } else {
                target = destIsDir ? ContextPaths.join(destRel, ContextPaths.base(source.path())) : destRel;
            }
            if (source.isDirectory()) {
                if (!target.isEmpty()) {
                    placeDirectory(planned, source, target, attrs, options.parents());
                }
                for (ContextEntry e : excludes.contents(source)) {
                    put(planned, attrs.copied(ContextPaths.join(target, source.relativeName(e)), e));
                }
            } else if (!excludes.excludesFile(source)) {
                put(planned, attrs.copied(target, source.root()));
            }
        }
        addCreatedParents(planned, attrs);
        inheritSetgid(planned, options.gid() != null);
        List<TarPlanEntry> ordered = new ArrayList<>(planned.values());
        ordered.sort(Comparator.comparing(TarPlanEntry::tarPath, FsPaths.PATH_ORDER));
        return new TarPlan(absolute, ordered);
    }

    /**
     * The directory a directory source's contents go into. BuildKit makes it like a missing parent
     * (0755 or --chmod's bits, the --chown owner), copies the contents, and then gives it the
     * source directory's mtime, also when it existed before (its mode and owner are kept then). The
     * context root's own time is not sent to BuildKit, so a copy of {@code .} keeps the time of now.
     */
    private void placeDirectory(Map<String, TarPlanEntry> planned, CopySource source, String target,
                                Attributes attrs, boolean parents) {
        long mtime = source.path().isEmpty() ? now : source.root().mtimeMillis();
        TarPlanEntry prior = planned.get(target);
        if (prior != null) {
            if (prior.created()) { // an earlier source made it: the later directory's time wins
                planned.put(target, new TarPlanEntry(prior.tarPath(), prior.type(), prior.mode(), prior.uid(),
                        prior.gid(), 0, null, null, mtime));
            }
        } else if (!exists(target)) {
            put(planned, parents ? attrs.copied(target, source.root()) : attrs.created(target, mtime));
        } else if (!source.path().isEmpty()) {
            // an existing directory: its header is written again with its own mode and owner, the
            // source's time, and a source path so that it does not count as created
            imageDirs.header("/" + target).ifPresent(h -> put(planned, new TarPlanEntry(target, EntryType.DIRECTORY,
                    h.mode(), h.uid(), h.gid(), 0, null, source.root().file(), mtime)));
        }
    }

    /** --parents: the directories between the destination and the source are copies of the context's. */
    private void addKeptParents(Map<String, TarPlanEntry> planned, CopySource source, String destRel,
                                Attributes attrs) {
        String kept = source.parentsPath();
        // the source path is "<pivot>/<kept>"; the pivot's own directories are not kept
        String prefix = source.path().substring(0, source.path().length() - kept.length());
        String pivot = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        String parent = ContextPaths.parent(kept);
        List<String> chain = new ArrayList<>();
        for (String p = parent; !p.isEmpty(); p = ContextPaths.parent(p)) {
            chain.add(0, p);
        }
        for (String p : chain) {
            String target = ContextPaths.join(destRel, p);
            if (planned.containsKey(target) || exists(target)) {
                continue;
            }
            ContextEntry dir = contextDirectory.apply(ContextPaths.join(pivot, p));
            put(planned, dir != null && dir.isDirectory() ? attrs.copied(target, dir) : attrs.created(target, now));
        }
    }

    private boolean exists(String tarPath) {
        return existing(tarPath).isPresent();
    }

    /** The image's directory at a tar path, asked once per path (the answer may come from a container). */
    private java.util.Optional<ImageDirs.Dir> existing(String tarPath) {
        return asked.computeIfAbsent(tarPath, p -> imageDirs.directory("/" + p));
    }

    /**
     * A directory the copy creates inside a set-group-ID directory gets the bit and, unless
     * --chown names a group, the parent's group: the kernel's mkdir does so where BuildKit makes
     * them. Parents are seen before their children, so the bit carries down a created chain.
     */
    private void inheritSetgid(Map<String, TarPlanEntry> planned, boolean chownGroup) {
        List<String> created = planned.values().stream().filter(e -> e.created() && e.type() == EntryType.DIRECTORY)
                .map(TarPlanEntry::tarPath).sorted(Comparator.comparingInt(String::length)).toList();
        for (String path : created) {
            String parent = ContextPaths.parent(path);
            boolean setgid;
            int gid;
            TarPlanEntry p = planned.get(parent);
            if (p != null) {
                setgid = (p.mode() & 02000) != 0;
                gid = p.gid();
            } else {
                ImageDirs.Dir d = parent.isEmpty() ? imageDirs.directory("/").orElse(ImageDirs.Dir.PLAIN)
                        : existing(parent).orElse(ImageDirs.Dir.PLAIN);
                setgid = d.setgid();
                gid = d.gid();
            }
            if (setgid) {
                TarPlanEntry e = planned.get(path);
                planned.put(path, new TarPlanEntry(e.tarPath(), e.type(), e.mode() | 02000, e.uid(),
                        chownGroup ? e.gid() : gid, e.size(), e.linkTarget(), e.sourcePath(), e.mtimeMillis()));
            }
        }
    }

    /** Later sources win over earlier ones at the same path, as when docker copies them one after another. */
    private static void put(Map<String, TarPlanEntry> planned, TarPlanEntry e) {
        planned.remove(e.tarPath());
        planned.put(e.tarPath(), e);
    }

    private void addCreatedParents(Map<String, TarPlanEntry> planned, Attributes attrs) {
        Set<String> existing = new HashSet<>(); // the predicate may ask a container, so ask once per path
        List<String> paths = new ArrayList<>(planned.keySet());
        for (String path : paths) {
            String parent = ContextPaths.parent(path);
            while (!parent.isEmpty() && !planned.containsKey(parent) && !existing.contains(parent)) {
                if (exists(parent)) {
                    existing.add(parent);
                } else {
                    planned.put(parent, attrs.created(parent, now));
                }
                parent = ContextPaths.parent(parent);
            }
        }
    }

    /** How the flags turn context entries (or nothing, for created directories) into tar entries. */
    private record Attributes(CopyOptions options, int uid, int gid) {
        Attributes(CopyOptions options) {
            this(options, options.uid() == null ? 0 : options.uid(), options.gid() == null ? 0 : options.gid());
        }

        TarPlanEntry copied(String tarPath, ContextEntry e) {
            return new TarPlanEntry(tarPath, e.type(), options.copiedMode(e.mode(), e.type() == EntryType.SYMLINK),
                    uid, gid, e.size(), e.linkTarget(), e.file(), e.mtimeMillis());
        }

        TarPlanEntry created(String tarPath, long mtime) {
            return new TarPlanEntry(tarPath, EntryType.DIRECTORY, options.createdDirMode(), uid, gid, 0, null, null,
                    mtime);
        }
    }
}
