package dev.stagesh.engine;

import dev.stagesh.docker.Engine;
import dev.stagesh.docker.EngineException;
import dev.stagesh.fs.FsException;
import dev.stagesh.fs.ImageArchive;
import dev.stagesh.fs.Layer;
import dev.stagesh.fs.LayerSquasher;
import dev.stagesh.fs.SquashPlan;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Commits a snapshot as an image with a single layer holding its whole filesystem, base image
 * included ({@code commit --squash}). The layer is made from the image's own layers, not from a
 * container export, which would add the files the engine puts in every container (/.dockerenv,
 * /etc/hosts and the like).
 *
 * <p>Two passes over {@code docker save}: the first reads headers only and decides which entry of
 * which layer survives ({@link SquashPlan}); the second streams the surviving entries into
 * {@code docker import}, which stores the layer without its size having to be known first. The
 * image's config and history are then loaded on top of that layer as a manifest alone, and the
 * imported image (labelled as the session's) is removed: only the layer was wanted from it.
 */
final class SquashCommitter {
    private final Engine engine;
    private final ImageCommitter committer;
    private final Map<String, String> labels;

    SquashCommitter(Engine engine, ImageCommitter committer, Map<String, String> labels) {
        this.engine = engine;
        this.committer = committer;
        this.labels = Map.copyOf(labels);
    }

    String commit(Snapshot snapshot, List<String> tags) {
        ImageArchive.SavedImage saved;
        try (InputStream in = engine.save(snapshot.imageId())) {
            saved = ImageArchive.readSaved(in);
        } catch (IOException | FsException e) {
            throw new EngineException("squash: cannot read the layers of " + snapshot.imageId() + ": " + e.getMessage(), e);
        }
        if (saved.config() == null) {
            throw new EngineException("squash: the engine's image archive has no config");
        }
        SquashPlan plan = SquashPlan.of(saved.layers().stream().map(Layer::changes).toList());
        String imported = importSquashed(snapshot.imageId(), saved.layerFiles(), plan);
        try {
            List<String> layers = engine.inspectImage(imported)
                    .orElseThrow(() -> new EngineException("squash: the imported layer's image is gone")).layers();
            if (layers.size() != 1) {
                throw new EngineException("squash: the engine made " + layers.size() + " layers of one tar");
            }
            return committer.commitSquashed(snapshot, tags, saved.config(), imported, layers.get(0), saved.layers().size());
        } finally {
            engine.removeImage(imported);
        }
    }

    /** Streams the squashed layer into {@code docker import} as a second save is read; returns the image made. */
    private String importSquashed(String imageId, List<String> layerFiles, SquashPlan plan) {
        PipedInputStream importIn = new PipedInputStream(1 << 16);
        PipedOutputStream pipe;
        try {
            pipe = new PipedOutputStream(importIn);
        } catch (IOException e) {
            throw new EngineException("squash: " + e.getMessage(), e);
        }
        // recorded before the pipe closes, so an import cut short by it can tell the real cause
        AtomicReference<RuntimeException> writeFailure = new AtomicReference<>();
        CompletableFuture<Integer> writer = CompletableFuture.supplyAsync(() -> {
            try (InputStream save = engine.save(imageId)) {
                return LayerSquasher.write(save, layerFiles, plan, pipe);
            } catch (IOException | RuntimeException e) {
                RuntimeException r = e instanceof RuntimeException re ? re : new EngineException("squash: " + e.getMessage(), e);
                writeFailure.compareAndSet(null, r);
                throw r;
            } finally {
                closeQuietly(pipe);
            }
        }, SquashCommitter::ownThread);
        try {
            String id;
            try {
                id = engine.importImage(importIn, labels);
            } catch (RuntimeException e) {
                RuntimeException cause = writeFailure.get();
                // the writer may be blocked on a pipe nobody reads any more: unblock it and let it end
                closeQuietly(importIn);
                failure(writer);
                throw cause != null ? cause : e;
            }
            writer.get();
            return id;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("squash interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException r ? r : new EngineException("squash: " + cause.getMessage(), cause);
        } finally {
            closeQuietly(importIn);
        }
    }

    /** The writer gets a thread of its own: in the shared pool it could queue behind work that waits for it. */
    private static void ownThread(Runnable r) {
        Thread t = new Thread(r, "stagesh-squash");
        t.setDaemon(true);
        t.start();
    }

    private static Throwable failure(CompletableFuture<?> writer) {
        try {
            writer.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // nothing left to read from it
        }
    }
}
