package dev.stagesh.engine;

import dev.stagesh.docker.Engine;
import dev.stagesh.docker.EngineException;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * An archive written straight into {@code docker load}: the engine reads it on another thread
 * while it is written, so nothing of it is held here in memory or on disk.
 */
final class LoadPipe {
    private LoadPipe() {}

    /** Writes the archive's entries. */
    @FunctionalInterface
    interface Entries {
        void write(TarArchiveOutputStream out) throws IOException;
    }

    /**
     * Loads what {@code entries} writes; returns the image ID the engine says it loaded, else
     * {@code id} (what the archive makes it on that store).
     */
    static String load(Engine engine, Entries entries, String id) throws IOException {
        return imageId(loaded(engine, entries), id);
    }

    /** The first image ID among what a load said it loaded, else {@code id}. */
    static String imageId(List<String> loaded, String id) {
        for (String ref : loaded) {
            if (ref.startsWith("sha256:")) {
                return ref;
            }
        }
        return id;
    }

    /** Loads what {@code entries} writes; returns what the engine says it loaded (IDs or tags). */
    static List<String> loaded(Engine engine, Entries entries) throws IOException {
        PipedInputStream loadIn = new PipedInputStream(1 << 16);
        PipedOutputStream pipe = new PipedOutputStream(loadIn);
        CompletableFuture<List<String>> load = CompletableFuture.supplyAsync(() -> {
            try (loadIn) {
                return engine.load(loadIn);
            } catch (IOException e) {
                throw new EngineException("load: " + e.getMessage(), e);
            }
        });
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(pipe)) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            entries.write(out);
        }
        try {
            return load.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("load interrupted");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new EngineException("load: " + e.getCause(), e);
        }
    }

    static void write(TarArchiveOutputStream out, String name, byte[] bytes) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(bytes.length);
        out.putArchiveEntry(e);
        out.write(bytes);
        out.closeArchiveEntry();
    }

    static void write(TarArchiveOutputStream out, String name, Path file) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(Files.size(file));
        out.putArchiveEntry(e);
        Files.copy(file, out);
        out.closeArchiveEntry();
    }
}
