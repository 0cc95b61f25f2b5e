package dev.stagesh.fs;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * An immutable index of a snapshot's entries (headers only, never content), answering the lookups
 * {@code ls}, {@code find} and {@code stat} need. Directories the tar implies but never lists (the
 * ancestors of {@code parentPath}, or parents a layer tar leaves out) are present as "implied"
 * directories owned by root with mode 0755, so navigation works; {@link #isImplied} tells them apart.
 */
public final class FileTree {


    private final String parentPath;
    private final Map<String, FileEntry> entries;
    private final Map<String, List<FileEntry>> children;
    private final Set<String> implied;
    private final Map<String, Integer> hardLinksTo;

    private FileTree(String parentPath, Map<String, FileEntry> entries, Map<String, List<FileEntry>> children,
                     Set<String> implied, Map<String, Integer> hardLinksTo) {
        this.parentPath = parentPath;
        this.entries = entries;
        this.children = children;
        this.implied = implied;
        this.hardLinksTo = hardLinksTo;
    }

    /**
     * Indexes a tar stream in one pass, skipping over content. {@code parentPath} is where the tar's
     * root lands: {@code /} for {@code docker export}, the parent directory of P for the archive of P.
     * The stream is not closed. A later entry for the same path replaces an earlier one, as extraction would.
     */
    public static FileTree read(InputStream tar, String parentPath) {
        String parent = FsPaths.normalize(parentPath);
        Builder builder = builder();
        TarArchiveInputStream in = TarStreams.open(tar);
        for (TarArchiveEntry e = TarStreams.next(in); e != null; e = TarStreams.next(in)) {
            builder.add(TarStreams.toFileEntry(e, parent));
        }
        return builder.build(parent);
    }

    /**
     * Like {@link #read(InputStream, String)}, leaving out the entries at {@code hidden} paths
     * (with what is under them) and adding {@code extra} ones, then each directory of
     * {@code dropIfEmpty} that is left empty: the files the engine adds to every container are
     * taken out, the image's own at those paths put back, and a directory made only to hold the
     * engine's files goes.
     */
    public static FileTree read(InputStream tar, String parentPath, java.util.function.Predicate<String> hidden,
                                java.util.Collection<FileEntry> extra, Set<String> dropIfEmpty) {
        String parent = FsPaths.normalize(parentPath);
        Builder builder = builder();
        TarArchiveInputStream in = TarStreams.open(tar);
        for (TarArchiveEntry e = TarStreams.next(in); e != null; e = TarStreams.next(in)) {
            FileEntry entry = TarStreams.toFileEntry(e, parent);
            if (!hidden.test(entry.path())) {
                builder.add(entry);
            }
        }
        extra.forEach(builder::add);
        for (String dir : dropIfEmpty) {
            if (builder.entry(dir).filter(FileEntry::isDirectory).isPresent() && builder.subtree(dir).size() == 1) {
                builder.remove(dir);
            }
        }
        return builder.build(parent);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Where the tar's root was placed; content of a path is fetched by its name relative to this. */
    public String parentPath() {
        return parentPath;
    }

    /** The tar entry name of {@code path} within the archive this tree was read from. */
    public String tarName(String path) {
        return FsPaths.toTarName(parentPath, path);
    }

    public int size() {
        return entries.size();
    }

    /** The entry at {@code path} (normalized lexically, symlinks not followed). */
    public Optional<FileEntry> entry(String path) {
        return Optional.ofNullable(entries.get(FsPaths.normalize(path)));
    }

    /** The entry at a path already normalized, or null: lookups by the thousand skip the check. */
    FileEntry get(String normalizedPath) {
        return entries.get(normalizedPath);
    }

    /** The entries directly in the directory at a path already normalized, by name; none for anything else. */
    List<FileEntry> childrenOf(String normalizedPath) {
        return children.getOrDefault(normalizedPath, List.of());
    }

    /** {@link #isImplied} of a path already normalized. */
    boolean implied(String normalizedPath) {
        return implied.contains(normalizedPath);
    }

    /** Whether the entry was only implied by its descendants, so its metadata is made up. */
    public boolean isImplied(String path) {
        return implied.contains(FsPaths.normalize(path));
    }

    /**
     * The entries directly in directory {@code dirPath}, sorted by name in C-locale order.
     *
     * @throws FsException if the path does not exist or is not a directory
     */
    public List<FileEntry> children(String dirPath) {
        String path = FsPaths.normalize(dirPath);
        FileEntry e = entries.get(path);
        if (e == null) {
            throw FsException.noSuchFile(dirPath);
        }
        if (!e.isDirectory()) {
            throw FsException.notADirectory(dirPath);
        }
        return children.getOrDefault(path, List.of());
    }

    /**
     * {@code path} and everything beneath it, depth first, each directory before its contents and
     * siblings in name order, which is the order {@code find} and {@code tree} print. Lazy, so a
     * search that stops early does not visit the whole tree.
     */
    public Stream<FileEntry> walk(String path) {
        FileEntry start = entry(path).orElseThrow(() -> FsException.noSuchFile(path));
        Iterator<FileEntry> it = new PreOrder(start);
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** What {@code lstat} would say about {@code entry}; see {@link FileStat} for the estimates. */
    public FileStat stat(FileEntry entry) {
        return switch (entry.type()) {
            case DIRECTORY -> new FileStat(entry, entry, EntryType.DIRECTORY, FileStat.DIRECTORY_SIZE,
                    2 + subdirectories(entry.path()), FileStat.blocksFor(FileStat.DIRECTORY_SIZE));
            case FILE -> new FileStat(entry, entry, EntryType.FILE, entry.size(),
                    1 + hardLinksTo.getOrDefault(entry.path(), 0), FileStat.blocksFor(entry.size()));
            case HARDLINK -> {
                FileEntry target = entries.get(entry.linkTarget());
                if (target == null || target.type() != EntryType.FILE) {
                    yield new FileStat(entry, entry, EntryType.FILE, 0, 1, 0);
                }
                FileStat t = stat(target);
                yield new FileStat(entry, target, EntryType.FILE, t.size(), t.links(), t.blocks());
            }
            // fast symlinks live in the inode: no blocks, size is the target's length in bytes
            case SYMLINK -> new FileStat(entry, entry, EntryType.SYMLINK,
                    entry.linkTarget().getBytes(StandardCharsets.UTF_8).length, 1, 0);
            case CHAR_DEVICE, BLOCK_DEVICE, FIFO -> new FileStat(entry, entry, entry.type(), 0, 1, 0);
        };
    }

    private long subdirectories(String dir) {
        long n = 0;
        for (FileEntry c : children.getOrDefault(dir, List.of())) {
            if (c.isDirectory()) {
                n++;
            }
        }
        return n;
    }

    private final class PreOrder implements Iterator<FileEntry> {
        private final Deque<Iterator<FileEntry>> stack = new ArrayDeque<>();
        private FileEntry next;

        PreOrder(FileEntry start) {
            next = start;
        }

        @Override
        public boolean hasNext() {
            if (next != null) {
                return true;
            }
            while (!stack.isEmpty()) {
                Iterator<FileEntry> top = stack.peek();
                if (top.hasNext()) {
                    next = top.next();
                    return true;
                }
                stack.pop();
            }
            return false;
        }

        @Override
        public FileEntry next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            FileEntry e = next;
            next = null;
            if (e.isDirectory()) {
                stack.push(children.getOrDefault(e.path(), List.of()).iterator());
            }
            return e;
        }
    }

    /**
     * Accumulates entries, then freezes them into a {@link FileTree}. Besides {@link FileTree#read},
     * it lets layers be stacked: add what a layer writes, {@link #remove} what its whiteouts delete.
     */
    public static final class Builder {
        private final Map<String, FileEntry> entries = new HashMap<>();
        private final Map<String, Set<String>> childNames = new HashMap<>();
        private final Set<String> implied = new HashSet<>();

        private Builder() {
            putImplied("/");
        }

        /** Adds or replaces the entry at its path, creating implied parent directories as needed. */
        public Builder add(FileEntry e) {
            String path = e.path();
            FileEntry old = entries.get(path);
            if (old != null && old.isDirectory() && !e.isDirectory()) {
                removeBelow(path);
                childNames.remove(path);
            }
            if (!path.equals("/")) {
                String parent = ensureDirectory(FsPaths.parent(path));
                childNames.get(parent).add(e.name());
            }
            entries.put(path, e);
            implied.remove(path);
            if (e.isDirectory()) {
                childNames.computeIfAbsent(path, k -> new HashSet<>());
            }
            return this;
        }

        /** Removes {@code path} and everything under it; removing {@code /} empties the tree. */
        public Builder remove(String path) {
            String p = FsPaths.normalize(path);
            if (!entries.containsKey(p)) {
                return this;
            }
            removeBelow(p);
            if (p.equals("/")) {
                return this;
            }
            entries.remove(p);
            implied.remove(p);
            childNames.remove(p);
            Set<String> siblings = childNames.get(FsPaths.parent(p));
            if (siblings != null) {
                siblings.remove(FsPaths.name(p));
            }
            return this;
        }

        /** Removes everything under directory {@code path} but keeps the directory (an opaque whiteout). */
        public Builder clear(String path) {
            String p = FsPaths.normalize(path);
            if (entries.containsKey(p)) {
                removeBelow(p);
            }
            return this;
        }

        public Optional<FileEntry> entry(String path) {
            return Optional.ofNullable(entries.get(FsPaths.normalize(path)));
        }

        /** Paths at and under {@code path} currently held, in no particular order. */
        public List<FileEntry> subtree(String path) {
            String p = FsPaths.normalize(path);
            List<FileEntry> out = new ArrayList<>();
            Deque<String> todo = new ArrayDeque<>();
            if (entries.containsKey(p)) {
                todo.push(p);
            }
            while (!todo.isEmpty()) {
                String cur = todo.pop();
                out.add(entries.get(cur));
                for (String name : childNames.getOrDefault(cur, Set.of())) {
                    todo.push(FsPaths.child(cur, name));
                }
            }
            return out;
        }

        public FileTree build(String parentPath) {
            Map<String, FileEntry> frozen = new HashMap<>(entries);
            Map<String, List<FileEntry>> kids = new HashMap<>(childNames.size() * 2);
            for (Map.Entry<String, Set<String>> dir : childNames.entrySet()) {
                if (dir.getValue().isEmpty()) {
                    continue;
                }
                // the names are sorted, not the entries, whose name is cut from the path on each call
                List<String> names = new ArrayList<>(dir.getValue());
                names.sort(FsPaths.C_ORDER);
                List<FileEntry> list = new ArrayList<>(names.size());
                for (String name : names) {
                    list.add(entries.get(FsPaths.child(dir.getKey(), name)));
                }
                kids.put(dir.getKey(), Collections.unmodifiableList(list));
            }
            Map<String, Integer> links = new HashMap<>();
            for (FileEntry e : entries.values()) {
                if (e.type() == EntryType.HARDLINK) {
                    links.merge(e.linkTarget(), 1, Integer::sum);
                }
            }
            return new FileTree(FsPaths.normalize(parentPath), frozen, kids, Set.copyOf(implied), links);
        }

        /** Makes sure a directory exists at {@code dir}, implying it (and its ancestors) if needed. */
        private String ensureDirectory(String dir) {
            FileEntry e = entries.get(dir);
            if (e != null && e.isDirectory()) {
                return dir;
            }
            if (e != null) {
                // a non-directory where a directory is needed: the newer tar entry wins, as on extraction
                entries.remove(dir);
            }
            if (!dir.equals("/")) {
                String parent = ensureDirectory(FsPaths.parent(dir));
                childNames.get(parent).add(FsPaths.name(dir));
            }
            putImplied(dir);
            return dir;
        }

        private void putImplied(String dir) {
            entries.put(dir, FileEntry.impliedDirectory(dir));
            implied.add(dir);
            childNames.computeIfAbsent(dir, k -> new HashSet<>());
        }

        private void removeBelow(String dir) {
            Set<String> names = childNames.get(dir);
            if (names == null) {
                return;
            }
            Deque<String> todo = new ArrayDeque<>();
            for (String name : names) {
                todo.push(FsPaths.child(dir, name));
            }
            names.clear();
            while (!todo.isEmpty()) {
                String cur = todo.pop();
                entries.remove(cur);
                implied.remove(cur);
                Set<String> sub = childNames.remove(cur);
                if (sub != null) {
                    for (String name : sub) {
                        todo.push(FsPaths.child(cur, name));
                    }
                }
            }
        }
    }
}
