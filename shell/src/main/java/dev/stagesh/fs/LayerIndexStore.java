package dev.stagesh.fs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;

/**
 * Layer indexes kept on disk, one file per layer named by its diff ID (the digest of its
 * uncompressed tar, which is what the image config's {@code rootfs.diff_ids} list), so a base
 * image is indexed once per machine and shared by every session and engine. Files are written
 * to a temporary name and moved into place, so a reader never sees half a file; a file that
 * fails to read ({@link LayerIndexFormat}) is deleted and reported as absent, to be rebuilt.
 */
public final class LayerIndexStore {
    private final Path dir;

    public LayerIndexStore(Path dir) {
        this.dir = dir;
    }

    /** {@code $XDG_CACHE_HOME/stagesh/layers}, else {@code ~/.cache/stagesh/layers}. */
    public static LayerIndexStore standard(Map<String, String> env) {
        String xdg = env.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return new LayerIndexStore(base.resolve("stagesh").resolve("layers"));
    }

    public Path dir() {
        return dir;
    }

    /** The index of layer {@code diffId}, when one is stored and sound. */
    public Optional<LayerChanges> load(String diffId) {
        if (!isDigest(diffId)) {
            return Optional.empty();
        }
        Path file = file(diffId);
        try (InputStream in = Files.newInputStream(file)) {
            return Optional.of(LayerIndexFormat.read(diffId, in));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            // damaged, of another version or another layer: never used, rebuilt by the caller
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // the rebuilt index replaces it
            }
            return Optional.empty();
        }
    }

    public boolean contains(String diffId) {
        return isDigest(diffId) && Files.isRegularFile(file(diffId));
    }

    /**
     * Stores the index of layer {@code diffId}. A failure to write (a read-only or full disk) only
     * costs the next session the work again, so it is not an error.
     */
    public void store(String diffId, LayerChanges changes) {
        if (!isDigest(diffId)) {
            return;
        }
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, ".tmp-", ".idx");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                LayerIndexFormat.write(diffId, changes, out);
            }
            try {
                Files.move(tmp, file(diffId), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file(diffId), StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            // not kept: indexed again next time
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a stray temporary file is harmless
                }
            }
        }
    }

    static boolean isDigest(String diffId) {
        return diffId != null && diffId.replace(':', '-').matches("[a-z0-9]+-[0-9a-f]{32,128}");
    }

    /** Where layer {@code diffId}'s index lives: {@code sha256-HEX.idx}. */
    Path file(String diffId) {
        String name = diffId.replace(':', '-');
        if (!name.matches("[a-z0-9]+-[0-9a-f]{32,128}")) {
            throw new IllegalArgumentException("not a layer digest: " + diffId);
        }
        return dir.resolve(name + ".idx");
    }
}
