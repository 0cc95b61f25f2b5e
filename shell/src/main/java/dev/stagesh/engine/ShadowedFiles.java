package dev.stagesh.engine;

import dev.stagesh.docker.Engine;
import dev.stagesh.docker.EngineException;
import dev.stagesh.fs.FileEntry;
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
 * /dev/console whatever the image holds): debian's /etc/hostname, a COPY to /etc/hosts. Read from
 * the snapshot's layers in one {@code docker save}, so only when a read meets one of those paths.
 */
final class ShadowedFiles {
    static final Set<String> PATHS = Set.of("/.dockerenv", "/etc/hostname", "/etc/hosts", "/etc/resolv.conf",
            "/etc/mtab", "/dev/console");
    /** Config files; a bigger one is listed, and read as empty. */
    private static final long MAX_BYTES = 16L * 1024 * 1024;

    private final Map<String, SavedFileContent.Found> own;

    private ShadowedFiles(Map<String, SavedFileContent.Found> own) {
        this.own = Map.copyOf(own);
    }

    /** The snapshot's own entries at those paths, and their bytes, from its layers. */
    static ShadowedFiles of(Engine engine, String imageId) {
        try (InputStream save = engine.save(imageId)) {
            return new ShadowedFiles(SavedFileContent.read(save, PATHS, MAX_BYTES));
        } catch (IOException e) {
            throw new EngineException("cannot read the layers of " + imageId + ": " + e.getMessage(), e);
        }
    }

    Optional<FileEntry> entry(String path) {
        return Optional.ofNullable(own.get(path)).map(SavedFileContent.Found::entry);
    }

    /** The snapshot's own entries at or under {@code path}. */
    List<FileEntry> under(String path) {
        List<FileEntry> out = new ArrayList<>();
        for (SavedFileContent.Found f : own.values()) {
            String p = f.entry().path();
            if (path.equals("/") || p.equals(path) || p.startsWith(path + "/")) {
                out.add(f.entry());
            }
        }
        return out;
    }

    /** The bytes of the snapshot's own regular file at {@code path} (empty when it has none there). */
    byte[] content(String path) {
        SavedFileContent.Found f = own.get(path);
        return f == null || f.bytes() == null ? new byte[0] : f.bytes();
    }
}
