package dev.stagesh.fs;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What changed between two snapshots of the same filesystem, e.g. before and after a build step:
 * entries added, changed (type, mode, owner, size, link target or mtime differ) or removed. As in
 * {@code docker diff}, a removed directory is reported once, not with everything it held, and a
 * directory that gained or lost entries counts as changed: a tar's one-second mtime alone would make
 * that depend on the second a step ran in. Directories the tars only implied are not compared,
 * since their metadata is made up.
 */
public final class TreeDiff {

    private final List<DiffEntry> entries;

    private TreeDiff(List<DiffEntry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** Compares every path of both trees. */
    public static TreeDiff between(FileTree before, FileTree after) {
        Set<String> paths = new HashSet<>(Math.max(16, (before.size() + after.size()) * 2));
        before.walk("/").forEach(e -> paths.add(e.path()));
        after.walk("/").forEach(e -> paths.add(e.path()));
        return at(before, after, paths);
    }

    /**
     * Compares the trees at {@code paths} alone, which must hold every path where they may differ
     * together with its ancestors ({@link ChangedPaths}); anywhere else they are taken to be the same.
     * The result is what {@link #between(FileTree, FileTree)} gives when that holds.
     */
    public static TreeDiff at(FileTree before, FileTree after, java.util.Collection<String> paths) {
        List<DiffEntry> out = new ArrayList<>();
        Set<String> parentsOfAddedOrRemoved = new HashSet<>();
        for (String p : paths) {
            if ((before.get(p) == null) != (after.get(p) == null)) {
                parentsOfAddedOrRemoved.add(FsPaths.parent(p));
            }
        }
        for (String p : inTreeOrder(before, after, paths)) {
            FileEntry a = after.get(p);
            FileEntry b = before.get(p);
            if (a != null && b == null) {
                out.add(new DiffEntry(DiffEntry.Kind.ADDED, p, null, a, Set.of()));
            } else if (a != null && !before.implied(p) && !after.implied(p)) {
                // trees merged from the same layer indexes share their unchanged entries
                Set<DiffEntry.Attribute> changed = b == a ? EnumSet.noneOf(DiffEntry.Attribute.class) : compare(b, a);
                if (a.isDirectory() && b.isDirectory() && parentsOfAddedOrRemoved.contains(p)) {
                    changed.add(DiffEntry.Attribute.ENTRIES);
                }
                if (!changed.isEmpty()) {
                    out.add(new DiffEntry(DiffEntry.Kind.CHANGED, p, b, a, changed));
                }
            } else if (a == null && b != null && after.get(FsPaths.parent(p)) != null) {
                // as docker diff: a removed directory once, not with everything it held (whose
                // parents are gone too)
                out.add(new DiffEntry(DiffEntry.Kind.REMOVED, p, b, null, Set.of()));
            }
        }
        return new TreeDiff(out);
    }

    /**
     * The paths found in either tree, each directory before its contents and siblings in name
     * order ({@link FsPaths#PATH_ORDER}): a walk down both trees' sorted children, into the given
     * paths alone, rather than a sort of long paths that share most of their characters.
     */
    private static List<String> inTreeOrder(FileTree before, FileTree after, java.util.Collection<String> paths) {
        List<String> out = new ArrayList<>(paths.size());
        if (!paths.contains("/")) {
            return out;
        }
        java.util.Deque<String> todo = new java.util.ArrayDeque<>();
        todo.push("/");
        List<String> kids = new ArrayList<>();
        while (!todo.isEmpty()) {
            String p = todo.pop();
            out.add(p);
            kids.clear();
            List<FileEntry> x = before.childrenOf(p);
            List<FileEntry> y = after.childrenOf(p);
            int i = 0;
            int j = 0;
            while (i < x.size() || j < y.size()) {
                int c = i == x.size() ? 1 : j == y.size() ? -1 : FsPaths.C_ORDER.compare(x.get(i).name(), y.get(j).name());
                String next = c <= 0 ? x.get(i).path() : y.get(j).path();
                i += c <= 0 ? 1 : 0;
                j += c >= 0 ? 1 : 0;
                if (paths.contains(next)) {
                    kids.add(next);
                }
            }
            for (int k = kids.size() - 1; k >= 0; k--) {
                todo.push(kids.get(k));
            }
        }
        return out;
    }

    static Set<DiffEntry.Attribute> compare(FileEntry b, FileEntry a) {
        Set<DiffEntry.Attribute> changed = EnumSet.noneOf(DiffEntry.Attribute.class);
        if (b.type() != a.type()) {
            changed.add(DiffEntry.Attribute.TYPE);
        }
        if (b.mode() != a.mode()) {
            changed.add(DiffEntry.Attribute.MODE);
        }
        if (b.uid() != a.uid() || b.gid() != a.gid()) {
            changed.add(DiffEntry.Attribute.OWNER);
        }
        if (b.size() != a.size()) {
            changed.add(DiffEntry.Attribute.SIZE);
        }
        if (!Objects.equals(b.linkTarget(), a.linkTarget())
                || b.devMajor() != a.devMajor() || b.devMinor() != a.devMinor()) {
            changed.add(DiffEntry.Attribute.LINK_TARGET);
        }
        if (!b.mtime().equals(a.mtime())) {
            changed.add(DiffEntry.Attribute.MTIME);
        }
        return changed;
    }

    /** All differences, sorted by path with each directory before its contents. */
    public List<DiffEntry> entries() {
        return entries;
    }

    public List<DiffEntry> of(DiffEntry.Kind kind) {
        return entries.stream().filter(e -> e.kind() == kind).toList();
    }

    /** Bytes of regular files in the entries of one kind. */
    public long bytes(DiffEntry.Kind kind) {
        return entries.stream().filter(e -> e.kind() == kind && e.entry().type() == EntryType.FILE)
                .mapToLong(DiffEntry::size).sum();
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** One line per difference: {@code A /path (1.2 kB)}, {@code C ...}, {@code D ...}. */
    public List<String> render() {
        return entries.stream().map(DiffEntry::render).toList();
    }

    /** {@code 3 added (1.2 kB), 1 changed, 2 removed (4.0 kB)}. */
    public String summary() {
        return of(DiffEntry.Kind.ADDED).size() + " added (" + SizeFormat.si(bytes(DiffEntry.Kind.ADDED)) + "), "
                + of(DiffEntry.Kind.CHANGED).size() + " changed, "
                + of(DiffEntry.Kind.REMOVED).size() + " removed (" + SizeFormat.si(bytes(DiffEntry.Kind.REMOVED)) + ")";
    }
}
