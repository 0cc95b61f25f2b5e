package dev.stagesh.fs;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
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

    public static TreeDiff between(FileTree before, FileTree after) {
        List<DiffEntry> out = new ArrayList<>();
        Set<String> parentsOfAddedOrRemoved = new HashSet<>();
        after.walk("/").forEach(a -> {
            if (before.entry(a.path()).isEmpty()) {
                parentsOfAddedOrRemoved.add(FsPaths.parent(a.path()));
            }
        });
        before.walk("/").forEach(b -> {
            if (after.entry(b.path()).isEmpty()) {
                parentsOfAddedOrRemoved.add(FsPaths.parent(b.path()));
            }
        });
        after.walk("/").forEach(a -> {
            FileEntry b = before.entry(a.path()).orElse(null);
            if (b == null) {
                out.add(new DiffEntry(DiffEntry.Kind.ADDED, a.path(), null, a, Set.of()));
            } else if (!before.isImplied(a.path()) && !after.isImplied(a.path())) {
                // trees merged from the same layer indexes share their unchanged entries
                Set<DiffEntry.Attribute> changed = b == a ? EnumSet.noneOf(DiffEntry.Attribute.class) : compare(b, a);
                if (a.isDirectory() && b.isDirectory() && parentsOfAddedOrRemoved.contains(a.path())) {
                    changed.add(DiffEntry.Attribute.ENTRIES);
                }
                if (!changed.isEmpty()) {
                    out.add(new DiffEntry(DiffEntry.Kind.CHANGED, a.path(), b, a, changed));
                }
            }
        });
        String removedDir = null;
        for (Iterator<FileEntry> it = before.walk("/").iterator(); it.hasNext(); ) {
            FileEntry b = it.next();
            if (removedDir != null && FsPaths.isWithin(b.path(), removedDir)) {
                continue;
            }
            removedDir = null;
            if (after.entry(b.path()).isEmpty()) {
                out.add(new DiffEntry(DiffEntry.Kind.REMOVED, b.path(), b, null, Set.of()));
                removedDir = b.isDirectory() ? b.path() : null;
            }
        }
        out.sort((x, y) -> FsPaths.PATH_ORDER.compare(x.path(), y.path()));
        return new TreeDiff(out);
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
