package dev.stagesh.engine;

import dev.stagesh.docker.Engine;
import dev.stagesh.docker.EngineException;
import dev.stagesh.fs.FileEntry;
import dev.stagesh.fs.FileTree;
import dev.stagesh.fs.SavedFileContent;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a snapshot really has at the paths where every container shows the engine's own file
 * instead (it replaces /etc/hosts, /etc/hostname, /etc/resolv.conf, /etc/mtab, /.dockerenv and
 * /dev/console whatever the image holds): debian's /etc/hostname, a COPY to /etc/hosts. The
 * entries come from the snapshot's layers' indexes (built by the save every first read of the
 * snapshot shares); the bytes of such a file, wanted only by a read of its content, from a save
 * of their own, once.
 */
final class ShadowedFiles {
    static final Set<String> PATHS = Set.of("/.dockerenv", "/etc/hostname", "/etc/hosts", "/etc/resolv.conf",
            "/etc/mtab", "/dev/console");
    /** Config files; a bigger one is listed, and read as empty. */
    private static final long MAX_BYTES = 16L * 1024 * 1024;

    private final Engine engine;
    private final String imageId;
    private final FileTree layers;
    private Map<String, SavedFileContent.Found> contents;

    private ShadowedFiles(Engine engine, String imageId, FileTree layers) {
        this.engine = engine;
        this.imageId = imageId;
        this.layers = layers;
    }

    /** @param layers the snapshot's whole filesystem from its layers */
    static ShadowedFiles of(Engine engine, String imageId, FileTree layers) {
        return new ShadowedFiles(engine, imageId, layers);
    }

    /** Whether a read at or under {@code root} may meet one of those paths. */
    static boolean concerns(String root) {
        return PATHS.stream().anyMatch(p -> root.equals("/") || p.equals(root) || p.startsWith(root + "/"));
    }

    Optional<FileEntry> entry(String path) {
        return PATHS.contains(path) ? layers.entry(path) : Optional.empty();
    }

    /** The snapshot's own entries at or under {@code path}. */
    List<FileEntry> under(String path) {
        List<FileEntry> out = new ArrayList<>();
        for (String p : PATHS) {
            if (path.equals("/") || p.equals(path) || p.startsWith(path + "/")) {
                layers.entry(p).ifPresent(out::add);
            }
        }
        return out;
    }

    /** The bytes of the snapshot's own regular file at {@code path} (empty when it has none there). */
    byte[] content(String path) {
        if (entry(path).filter(FileEntry::isRegular).isEmpty()) {
            return new byte[0];
        }
        SavedFileContent.Found f = contents().get(path);
        return f == null || f.bytes() == null ? new byte[0] : f.bytes();
    }

    private synchronized Map<String, SavedFileContent.Found> contents() {
        if (contents == null) {
            try (InputStream save = engine.save(imageId)) {
                contents = Map.copyOf(SavedFileContent.read(save, PATHS, MAX_BYTES));
            } catch (IOException e) {
                throw new EngineException("cannot read the layers of " + imageId + ": " + e.getMessage(), e);
            }
        }
        return contents;
    }
}
