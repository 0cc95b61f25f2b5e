package dev.stagesh.engine;

import dev.stagesh.docker.Engine;
import dev.stagesh.docker.EngineException;
import dev.stagesh.fs.EntryType;
import dev.stagesh.fs.FileEntry;
import dev.stagesh.fs.FileTree;
import dev.stagesh.fs.FsException;
import dev.stagesh.fs.FsPaths;
import dev.stagesh.fs.Owners;
import dev.stagesh.fs.PathResolver;
import dev.stagesh.fs.TarContent;
import dev.stagesh.fs.TarFilter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads a snapshot's files through the engine's archive API, so inspection works in images
 * with no tools at all and never runs anything inside them. The engine resolves symlinks in
 * the parent directories of a path; a symlink at the end of it is followed here.
 *
 * <p>Only the snapshot's own files are shown: the ones the engine adds to the reader container
 * ({@link Placeholders}) are left out, and where the engine's replace the snapshot's own
 * ({@link ShadowedFiles}: a COPY to /etc/hosts) the snapshot's are read from its layers.
 */
public final class SnapshotFiles {
    private static final int MAX_LINKS = 40;

    /**
     * Where a snapshot's files are read from, each asked for only when a read needs it.
     *
     * @param reader       the reader container of the snapshot (created on first use)
     * @param placeholders what the engine added to that container
     * @param shadowed     the snapshot's own files at the paths the engine's replace
     * @param index        the snapshot's whole filesystem from its layers' indexes, when built
     * @param layers       the same, waiting for the save that builds them when they are not
     * @param owners       users and groups of the snapshot, read once per image by the given reader
     * @param local        where this machine sees the bytes of a regular file of the snapshot (a local
     *                     engine's layer directory), when it does
     * @param waitedFor    marks a read of the archive API as one a person waits for, until its stream is closed
     */
    record Sources(Supplier<String> reader, Supplier<Placeholders> placeholders, Supplier<ShadowedFiles> shadowed,
                   Supplier<Optional<FileTree>> index, Supplier<FileTree> layers,
                   java.util.function.Function<Supplier<Owners>, Owners> owners,
                   java.util.function.Function<String, Optional<java.nio.file.Path>> local,
                   java.util.function.UnaryOperator<InputStream> waitedFor) {}

    private final Engine engine;
    private final Sources sources;
    private final Supplier<Placeholders> placeholders;
    private ShadowedFiles own;
    private String container;

    SnapshotFiles(Engine engine, Sources sources) {
        this.engine = engine;
        this.sources = sources;
        this.placeholders = sources.placeholders();
    }

    private synchronized String container() {
        if (container == null) {
            container = sources.reader().get();
        }
        return container;
    }

    /**
     * The snapshot's entries, at least those at and under {@code path}; the path itself is not
     * followed if a link. From the layers' indexes when they are built (the whole filesystem, in
     * which the engine's placeholders never appear), else through the archive API.
     */
    public FileTree tree(String path) {
        String clean = FsPaths.normalize(path);
        Optional<FileTree> indexed = indexed();
        if (indexed.isPresent()) {
            new PathResolver(indexed.get()).lookup(clean);
            return indexed.get();
        }
        if (!Placeholders.concerns(clean)) {
            try (InputStream tar = archive(clean)) {
                return FileTree.read(tar, Paths.parent(clean));
            } catch (IOException e) {
                throw new EngineException("cannot read " + path + ": " + e.getMessage(), e);
            }
        }
        if (ShadowedFiles.concerns(clean)) {
            // the engine's files stand over the snapshot's own there, so only its layers say what it
            // has: their index, from the one save this snapshot's first reads and the background share
            FileTree layers = sources.layers().get();
            new PathResolver(layers).lookup(clean);
            return layers;
        }
        Placeholders p = placeholders.get();
        if (p.hides(clean) && ownEntry(clean).isEmpty()) {
            throw new FsException(clean + ": No such file or directory");
        }
        return ownTree(p, clean);
    }

    /**
     * The tree without the engine's placeholders, with the snapshot's own files at the paths the
     * engine shadows, and without a holder directory the engine's files alone were in.
     */
    private FileTree ownTree(Placeholders p, String clean) {
        List<FileEntry> extra = p.hidesAny(ShadowedFiles.PATHS, clean) ? own().under(clean) : List.of();
        try (InputStream tar = archive(clean)) {
            return FileTree.read(tar, Paths.parent(clean), p::hides, extra, p.holders());
        } catch (IOException e) {
            throw new EngineException("cannot read " + clean + ": " + e.getMessage(), e);
        }
    }

    /**
     * The layers' view for a read, when it is at hand without waiting for a save (from indexes
     * kept, or a local engine's layer directories); otherwise the read goes through the archive
     * API, around the engine's placeholders, while the index is built off the reading thread.
     */
    private Optional<FileTree> indexed() {
        return sources.index().get();
    }

    private synchronized ShadowedFiles own() {
        if (own == null) {
            own = sources.shadowed().get();
        }
        return own;
    }

    /** The snapshot's own entry at a path the engine shadows with a placeholder, if it has one. */
    private Optional<FileEntry> ownEntry(String clean) {
        return ShadowedFiles.PATHS.contains(clean) ? own().entry(clean) : Optional.empty();
    }

    /** Whether the path, as the engine shows it, is one of the files the engine added and not the snapshot's. */
    private boolean placeholder(String clean) {
        if (!Placeholders.concerns(clean)) {
            return false;
        }
        Placeholders p = placeholders.get();
        return p.hides(clean) || p.hidesHolder(clean, dir -> ownTree(p, dir));
    }

    /** Copies a file's bytes to {@code out}, following symlinks; returns how many. */
    public long cat(String path, OutputStream out) {
        String real = follow(path);
        Optional<java.nio.file.Path> local = sources.local().apply(real);
        Optional<InputStream> own = local.flatMap(SnapshotFiles::openLocal);
        if (own.isPresent()) {
            // the layer's own copy, as the engine unpacked it: no reader container, no archive
            try (InputStream in = own.get()) {
                return in.transferTo(out);
            } catch (IOException e) {
                throw new EngineException("cannot read " + path + ": " + e.getMessage(), e);
            }
        }
        if (placeholder(real)) {
            // follow found the snapshot's own file under the engine's: its bytes are in the layers
            FileEntry e = ownEntry(real).orElseThrow(() -> new FsException(path + ": No such file or directory"));
            if (e.type() == EntryType.DIRECTORY) {
                throw new FsException(path + ": Is a directory");
            }
            byte[] bytes = e.type() == EntryType.FILE ? own().content(real) : new byte[0];
            try {
                out.write(bytes);
            } catch (IOException ex) {
                throw new EngineException("cannot write " + path + ": " + ex.getMessage(), ex);
            }
            return bytes.length;
        }
        try (InputStream tar = archive(real)) {
            return TarContent.copyFile(tar, Paths.baseName(real), out);
        } catch (FsException e) {
            throw new FsException(path + ": " + e.getMessage().substring(e.getMessage().indexOf(": ") + 2), e);
        } catch (IOException e) {
            throw new EngineException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * The layer's own copy of a file, opened; empty when it cannot be opened (the engine removed the
     * layer, or the process its directory was seen through ended): the archive API answers then.
     */
    private static Optional<InputStream> openLocal(java.nio.file.Path file) {
        try {
            return Optional.of(java.nio.file.Files.newInputStream(file));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The text of a small file, or empty when it does not exist. */
    public Optional<String> text(String path) {
        var out = new java.io.ByteArrayOutputStream();
        try {
            cat(path, out);
            return Optional.of(out.toString(StandardCharsets.UTF_8));
        } catch (FsException e) {
            return Optional.empty();
        }
    }

    /** Users and groups of the snapshot, for owner names in listings. */
    public Owners owners() {
        return sources.owners().apply(() -> Owners.parse(text("/etc/passwd").orElse(""), text("/etc/group").orElse("")));
    }

    /** The path with symlinks at its end resolved, hop by hop, within the snapshot. */
    public String follow(String path) {
        Optional<FileTree> indexed = indexed();
        if (indexed.isPresent()) {
            return new PathResolver(indexed.get()).resolve(FsPaths.normalize(path)).path();
        }
        String current = FsPaths.normalize(path);
        for (int hops = 0; hops < MAX_LINKS; hops++) {
            String at = current;
            String target;
            var stat = engine.stat(container(), at)
                    .orElseThrow(() -> new FsException(path + ": No such file or directory"));
            if (placeholder(at)) {
                FileEntry e = ownEntry(at).orElseThrow(() -> new FsException(path + ": No such file or directory"));
                if (e.type() != EntryType.SYMLINK) {
                    return at;
                }
                target = e.linkTarget();
            } else if (!stat.isSymlink()) {
                return at;
            } else {
                target = stat.linkTarget();
            }
            current = target.startsWith("/") ? FsPaths.normalize(target) : Paths.resolve(Paths.parent(at), target);
        }
        throw new FsException(path + ": Too many levels of symbolic links");
    }

    /**
     * The engine's tar of {@code path} as it is (a final symlink is not followed); its top entry is
     * the path's base name. The caller closes it.
     *
     * @throws FsException when the path does not exist
     */
    public InputStream open(String path) {
        String clean = FsPaths.normalize(path);
        if (!Placeholders.concerns(clean)) {
            return archive(clean);
        }
        Placeholders p = placeholders.get();
        if (placeholder(clean) && ownEntry(clean).isEmpty()) {
            throw new FsException(clean + ": No such file or directory");
        }
        Set<String> holders = new HashSet<>();
        for (String h : p.holders()) {
            if ((h.equals(clean) || clean.equals("/") || h.startsWith(clean + "/")) && p.hidesHolder(h, dir -> ownTree(p, dir))) {
                holders.add(h);
            }
        }
        List<TarFilter.Extra> extra = new ArrayList<>();
        if (p.hidesAny(ShadowedFiles.PATHS, clean)) {
            for (FileEntry e : own().under(clean)) {
                // devices are never copied out; the rest goes as the layers have it
                if (e.type() == EntryType.FILE || e.type() == EntryType.SYMLINK || e.type() == EntryType.DIRECTORY) {
                    byte[] bytes = e.type() == EntryType.FILE ? own().content(e.path()) : new byte[0];
                    extra.add(TarFilter.Extra.of(e, Paths.parent(clean), bytes));
                }
            }
        }
        return new TarFilter(archive(clean), Paths.parent(clean), q -> p.hides(q) || holders.contains(q), extra);
    }

    private InputStream archive(String path) {
        return sources.waitedFor().apply(engine.getArchive(container(), path)
                .orElseThrow(() -> new FsException(path + ": No such file or directory")));
    }
}
