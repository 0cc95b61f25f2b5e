package dev.stagesh.engine;

import dev.stagesh.docker.ContainerSpec;
import dev.stagesh.docker.Engine;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Containers that are created but never started, with no mounts at all, through which the
 * archive API reads a snapshot's files and writes a COPY's. They must have no mounts: the
 * engine mounts a container's volumes into its root filesystem for every archive call, which
 * would leave their mount points (the toolbox's /dev/.stagesh) in the next committed layer.
 */
final class ArchiveContainers implements AutoCloseable {
    /** Readers kept: the snapshot stood on and the one before, so stepping back and forth reuses them. */
    private static final int KEEP = 2;

    private final Engine engine;
    private final Map<String, String> labels;
    /** Readers by snapshot image, least recently used first. */
    private final LinkedHashMap<String, String> readers = new LinkedHashMap<>(16, 0.75f, true);
    /** What the engine added to each reader, probed on the first read that may meet it. */
    private final Map<String, Placeholders> placeholders = new java.util.HashMap<>();
    private final SpentContainers spent;
    /** Images never change, so what one has under the engine's placeholders is read once (for the last few). */
    private final Map<String, ShadowedFiles> shadowed = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ShadowedFiles> eldest) {
            return size() > KEEP * 2;
        }
    };

    ArchiveContainers(Engine engine, Map<String, String> labels) {
        this.engine = engine;
        this.labels = labels;
        this.spent = new SpentContainers(engine, "stagesh-archive-removal");
    }

    /** A container to read the snapshot's files from; shared, never changed. */
    synchronized String reader(Snapshot snapshot) {
        String id = readers.get(snapshot.imageId());
        if (id == null) {
            id = create(snapshot.imageId());
            readers.put(snapshot.imageId(), id);
            if (readers.size() > KEEP) {
                var eldest = readers.entrySet().iterator().next();
                readers.remove(eldest.getKey());
                placeholders.remove(eldest.getValue());
                engine.removeContainer(eldest.getValue());
            }
        }
        return id;
    }

    /** Removes the reader of a snapshot the session no longer stands on, so that its image can go. */
    synchronized void forget(String imageId) {
        String id = readers.remove(imageId);
        shadowed.remove(imageId);
        if (id != null) {
            placeholders.remove(id);
            try {
                engine.removeContainer(id);
            } catch (RuntimeException ignored) {
                // labelled; the session's final sweep removes it
            }
        }
    }

    /** The files the engine added to a reader container, which the snapshot does not have. */
    synchronized Placeholders placeholders(String reader) {
        return placeholders.computeIfAbsent(reader, id -> Placeholders.probe(engine, id));
    }

    /**
     * What the snapshot itself has at the paths the engine's placeholders cover in every container.
     *
     * @param layers the snapshot's whole filesystem from its layers, asked outside the lock (it may
     *               wait for a save) so that reads of other snapshots go on
     */
    ShadowedFiles shadowed(Snapshot snapshot, java.util.function.Supplier<dev.stagesh.fs.FileTree> layers) {
        synchronized (this) {
            ShadowedFiles known = shadowed.get(snapshot.imageId());
            if (known != null) {
                return known;
            }
        }
        ShadowedFiles made = ShadowedFiles.of(engine, snapshot.imageId(), layers.get());
        synchronized (this) {
            return shadowed.computeIfAbsent(snapshot.imageId(), id -> made);
        }
    }

    /** A fresh container of the snapshot to write into and commit; the caller removes it ({@link #removeLater}). */
    String writer(Snapshot snapshot) {
        return create(snapshot.imageId());
    }

    /**
     * Removes a spent writer or source container off the step's path, as a RUN's is: its removal
     * need not delay the next step. It holds its image until then, so {@link #close} waits for the
     * removals queued.
     */
    void removeLater(String id) {
        spent.removeLater(id);
    }

    /** Waits until the removals queued so far are done: a spent writer holds the snapshot it was made from. */
    void settle() {
        spent.settle();
    }

    private String create(String image) {
        return engine.createContainer(new ContainerSpec(image, Toolbox.keepAlive(), List.of(), List.of(), "/", "0",
                labels, List.of(), "none"));
    }

    @Override
    public void close() {
        spent.close();
        closeReaders();
    }

    private synchronized void closeReaders() {
        readers.values().forEach(id -> {
            try {
                engine.removeContainer(id);
            } catch (RuntimeException ignored) {
                // labelled; the session's final sweep removes it
            }
        });
        readers.clear();
        placeholders.clear();
    }
}
