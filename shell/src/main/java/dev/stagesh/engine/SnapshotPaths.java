package dev.stagesh.engine;

import dev.stagesh.context.ImageDirs;
import dev.stagesh.context.OwnerIds;
import dev.stagesh.docker.Engine;
import dev.stagesh.docker.EngineException;
import dev.stagesh.docker.PathStat;
import dev.stagesh.fs.FileEntry;
import dev.stagesh.fs.FileTree;
import dev.stagesh.fs.FsPaths;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * What a step asks of the snapshot it starts from before it writes anything: which directories
 * exist (and whether they are set-group-ID), and who the users and groups are. Answered from the
 * snapshot's layer index where it is at hand without a save (a local engine's layer directories,
 * layers indexed before), which costs no engine object; otherwise, and wherever a symbolic link is
 * on the way, read through the archive API of a reader container, so images without tools answer too.
 */
final class SnapshotPaths {
    /** Go's os.ModeSetgid in the archive API's mode. */
    private static final long GO_MODE_SETGID = 1L << 22;

    private final Engine engine;
    private final ArchiveContainers archives;
    private final SnapshotInspector index;

    SnapshotPaths(Engine engine, ArchiveContainers archives, SnapshotInspector index) {
        this.engine = engine;
        this.archives = archives;
        this.index = index;
    }

    /** What the snapshot's layer index says of the path, where it can say it without the engine. */
    private IndexedPath indexed(Snapshot snap, String path) {
        if (!path.equals(FsPaths.normalize(path))) {
            return IndexedPath.UNRESOLVED;
        }
        return tree(snap).map(tree -> IndexedPath.of(tree, path)).orElse(IndexedPath.UNRESOLVED);
    }

    private Optional<FileTree> tree(Snapshot snap) {
        try {
            return index.treeWithoutSave(snap.imageId());
        } catch (EngineException e) {
            // the inspect behind the index failed: the engine's own answer (or its error) decides
            return Optional.empty();
        }
    }

    boolean isDirectory(Snapshot snap, String path) {
        return switch (indexed(snap, path).answer()) {
            case DIRECTORY, IMPLIED_DIRECTORY -> true;
            case MISSING -> false;
            case UNRESOLVED -> engine.stat(archives.reader(snap), path).map(PathStat::isDirectory).orElse(false);
        };
    }

    /** What the engine says of a path of the snapshot, or empty when it lacks it. */
    Optional<PathStat> stat(Snapshot snap, String path) {
        return engine.stat(archives.reader(snap), path);
    }

    /** The directories from the root down to {@code path} (included) that the snapshot lacks, root first. */
    List<String> missingDirs(Snapshot snap, String path) {
        IndexedPath known = indexed(snap, path);
        return switch (known.answer()) {
            case DIRECTORY, IMPLIED_DIRECTORY -> List.of();
            case MISSING -> {
                List<String> out = new ArrayList<>();
                for (String dir = path; dir.length() >= known.firstMissing().length(); dir = Paths.parent(dir)) {
                    out.add(0, dir);
                }
                yield out;
            }
            case UNRESOLVED -> missingDirsFromEngine(snap, path);
        };
    }

    private List<String> missingDirsFromEngine(Snapshot snap, String path) {
        String id = archives.reader(snap);
        List<String> out = new ArrayList<>();
        String dir = "";
        for (String part : path.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            dir = dir + "/" + part;
            if (!out.isEmpty() || engine.stat(id, dir).isEmpty()) {
                out.add(dir);
            }
        }
        return out;
    }

    /** The snapshot's directory at a path, with its group when it is set-group-ID (read from its tar header). */
    Optional<ImageDirs.Dir> directory(Snapshot snap, String path) {
        IndexedPath known = indexed(snap, path);
        return switch (known.answer()) {
            case DIRECTORY -> Optional.of((known.entry().mode() & 02000) == 0 ? ImageDirs.Dir.PLAIN
                    : new ImageDirs.Dir(true, (int) known.entry().gid()));
            case MISSING -> Optional.empty();
            case IMPLIED_DIRECTORY, UNRESOLVED -> directoryFromEngine(snap, path);
        };
    }

    private Optional<ImageDirs.Dir> directoryFromEngine(Snapshot snap, String path) {
        String id = archives.reader(snap);
        Optional<PathStat> stat = engine.stat(id, path);
        if (stat.isEmpty() || !stat.get().isDirectory()) {
            return Optional.empty();
        }
        if ((stat.get().mode() & GO_MODE_SETGID) == 0) {
            return Optional.of(ImageDirs.Dir.PLAIN);
        }
        Optional<InputStream> archive = engine.getArchive(id, path);
        if (archive.isEmpty()) {
            return Optional.empty();
        }
        try (TarArchiveInputStream in = new TarArchiveInputStream(archive.get())) {
            TarArchiveEntry e = in.getNextEntry();
            return Optional.of(new ImageDirs.Dir(true, e == null ? 0 : (int) e.getLongGroupId()));
        } catch (IOException e) {
            throw new EngineException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /** A directory's mode (07777 bits) and owner, read from its tar header; empty when there is none. */
    Optional<ImageDirs.Header> header(Snapshot snap, String path) {
        IndexedPath known = indexed(snap, path);
        return switch (known.answer()) {
            case DIRECTORY -> Optional.of(new ImageDirs.Header(known.entry().mode() & 07777,
                    (int) known.entry().uid(), (int) known.entry().gid()));
            case MISSING -> Optional.empty();
            case IMPLIED_DIRECTORY, UNRESOLVED -> headerFromEngine(snap, path);
        };
    }

    private Optional<ImageDirs.Header> headerFromEngine(Snapshot snap, String path) {
        String id = archives.reader(snap);
        Optional<PathStat> stat = engine.stat(id, path);
        if (stat.isEmpty() || !stat.get().isDirectory()) {
            return Optional.empty();
        }
        Optional<InputStream> archive = engine.getArchive(id, path);
        if (archive.isEmpty()) {
            return Optional.empty();
        }
        // only the first header is read: closing the stream early ends the engine's walk of the directory
        try (TarArchiveInputStream in = new TarArchiveInputStream(archive.get())) {
            TarArchiveEntry e = in.getNextEntry();
            return e == null ? Optional.empty() : Optional.of(new ImageDirs.Header(e.getMode() & 07777,
                    (int) e.getLongUserId(), (int) e.getLongGroupId()));
        } catch (IOException e) {
            throw new EngineException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /** What a COPY into the snapshot asks of its directories. */
    ImageDirs imageDirs(Snapshot snap) {
        return new ImageDirs() {
            @Override
            public Optional<ImageDirs.Dir> directory(String absolutePath) {
                return SnapshotPaths.this.directory(snap, absolutePath);
            }

            @Override
            public Optional<ImageDirs.Header> header(String absolutePath) {
                return SnapshotPaths.this.header(snap, absolutePath);
            }
        };
    }

    /** Users and groups of the snapshot, for --chown and USER by name. */
    OwnerIds ownerIds(Snapshot snap) {
        return OwnerIds.parse(readFile(snap, "/etc/passwd"), readFile(snap, "/etc/group"));
    }

    /**
     * A small file of the snapshot ("" when it has none): read where a local engine keeps its
     * layer's bytes, when the index names that layer; else through the reader's archive API.
     */
    private String readFile(Snapshot snap, String path) {
        Optional<FileTree> tree = tree(snap);
        if (tree.isPresent() && IndexedPath.of(tree.get(), Paths.parent(path)).answer() == IndexedPath.Answer.DIRECTORY) {
            Optional<FileEntry> entry = tree.get().entry(path);
            if (entry.isEmpty()) {
                return "";
            }
            Optional<java.nio.file.Path> local = entry.get().isRegular()
                    ? index.localFile(snap.imageId(), path) : Optional.empty();
            if (local.isPresent()) {
                try {
                    return new String(java.nio.file.Files.readAllBytes(local.get()), StandardCharsets.UTF_8);
                } catch (IOException | java.io.UncheckedIOException e) {
                    // the layer went meanwhile, or is not ours to read: the engine reads it
                }
            }
        }
        return readFile(archives.reader(snap), path);
    }

    private String readFile(String container, String path) {
        Optional<InputStream> archive = engine.getArchive(container, path);
        if (archive.isEmpty()) {
            return "";
        }
        try (TarArchiveInputStream in = new TarArchiveInputStream(archive.get())) {
            return in.getNextEntry() == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new EngineException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }
}
