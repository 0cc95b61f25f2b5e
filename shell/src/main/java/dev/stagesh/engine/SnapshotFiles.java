package dev.stagesh.engine;

import dev.stagesh.docker.Engine;
import dev.stagesh.docker.EngineException;
import dev.stagesh.fs.FileTree;
import dev.stagesh.fs.FsException;
import dev.stagesh.fs.Owners;
import dev.stagesh.fs.TarContent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads a snapshot's files through the engine's archive API, so inspection works in images
 * with no tools at all and never runs anything inside them. The engine resolves symlinks in
 * the parent directories of a path; a symlink at the end of it is followed here.
 */
public final class SnapshotFiles {
    private static final int MAX_LINKS = 40;

    private final Engine engine;
    private final String container;

    SnapshotFiles(Engine engine, String container) {
        this.engine = engine;
        this.container = container;
    }

    /** The entries at and under {@code path}, indexed; the path itself is not followed if a link. */
    public FileTree tree(String path) {
        String clean = Paths.clean(path);
        try (InputStream tar = archive(clean)) {
            return FileTree.read(tar, Paths.parent(clean));
        } catch (IOException e) {
            throw new EngineException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /** Copies a file's bytes to {@code out}, following symlinks; returns how many. */
    public long cat(String path, OutputStream out) {
        String real = follow(path);
        try (InputStream tar = archive(real)) {
            return TarContent.copyFile(tar, Paths.baseName(real), out);
        } catch (FsException e) {
            throw new FsException(path + ": " + e.getMessage().substring(e.getMessage().indexOf(": ") + 2), e);
        } catch (IOException e) {
            throw new EngineException("cannot read " + path + ": " + e.getMessage(), e);
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
        return Owners.parse(text("/etc/passwd").orElse(""), text("/etc/group").orElse(""));
    }

    /** The path with symlinks at its end resolved, hop by hop, within the snapshot. */
    public String follow(String path) {
        String current = Paths.clean(path);
        for (int hops = 0; hops < MAX_LINKS; hops++) {
            var stat = engine.stat(container, current)
                    .orElseThrow(() -> new FsException(path + ": No such file or directory"));
            if (!stat.isSymlink()) {
                return current;
            }
            String target = stat.linkTarget();
            current = target.startsWith("/") ? Paths.clean(target) : Paths.resolve(Paths.parent(current), target);
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
        return archive(Paths.clean(path));
    }

    private InputStream archive(String path) {
        return engine.getArchive(container, path)
                .orElseThrow(() -> new FsException(path + ": No such file or directory"));
    }
}
