package dev.stagesh.engine;

import dev.stagesh.docker.Engine;
import dev.stagesh.docker.EngineException;
import dev.stagesh.fs.ChangedPaths;
import dev.stagesh.fs.FileTree;
import dev.stagesh.fs.ImageArchive;
import dev.stagesh.fs.Layer;
import dev.stagesh.fs.LayerChanges;
import dev.stagesh.fs.LayerStack;
import dev.stagesh.fs.TreeDiff;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.stagesh.fs.LayerIndexStore;
import dev.stagesh.fs.Owners;

/**
 * Reads snapshots as the engine stores them, layer by layer, for {@code diff} and {@code layers}:
 * nothing runs inside an image, so this works on scratch and distroless stages alike.
 *
 * <p>A stage's snapshots form a chain: each commit adds at most one layer on top of the snapshot
 * before it. So the layers of one {@code docker save} of the later snapshot hold every earlier
 * snapshot of the stage too (as a prefix of its layers), and one save answers a diff between any
 * two steps. Saves are parsed into headers only (never file content).
 *
 * <p>Each layer's index is kept on disk by its diff ID ({@link LayerIndexStore}), and only where
 * the layer's bytes hash to that ID, so an image whose layers were all indexed before (in this
 * session or an earlier one, on any engine) is read with one inspect and no save: a base image
 * is indexed once per machine, each later step adds its own layer. The merged view of the last
 * few snapshots is kept, since images never change; {@code ls}, {@code stat}, {@code find},
 * {@code tree} and completion answer from it.
 */
public final class SnapshotInspector {
    /** Merged snapshot views kept; reads mostly hit the snapshot the session stands on. */
    private static final int KEEP_TREES = 4;
    /** How long a first read through the archive API has before the save that indexes its snapshot begins. */
    private static final long BACKGROUND_DELAY_MS = 1500;

    private final Engine engine;
    private final LayerIndexStore store;
    private final Map<String, List<String>> diffIds = new HashMap<>();
    /** Layer indexes read this session, by diff ID; a stage's snapshots share most of them. */
    private final Map<String, LayerChanges> indexes = new HashMap<>();
    private final Map<String, FileTree> trees = lru();
    private final Map<String, Owners> owners = lru();
    /** Images whose layers were looked for in a local engine's own directories. */
    private final java.util.Set<String> localTried = new java.util.HashSet<>();
    /** Each image's layer directories on this machine, bottom first, where the engine is local (asked once). */
    private final Map<String, Optional<List<java.nio.file.Path>>> localDirs = new HashMap<>();
    /** Images whose index is being built off the reading thread. */
    private final java.util.Set<String> indexing = new java.util.HashSet<>();
    private java.util.concurrent.ScheduledExecutorService background;
    /** Saves under way, shared by the reads that need them; ended when the session ends so that none outlives it. */
    private final SharedSaves saves = new SharedSaves();
    private final ForegroundReads foreground = new ForegroundReads();
    /** Base images to index once the session reads ({@link #indexAhead}); none once it does. */
    private final java.util.Set<String> basesAhead = new java.util.LinkedHashSet<>();
    private boolean reading;
    /** The snapshot to index ahead of its first read ({@link #prepare}), until the background takes it. */
    private final java.util.concurrent.atomic.AtomicReference<Ahead> ahead = new java.util.concurrent.atomic.AtomicReference<>();
    private volatile boolean closing;
    private volatile java.util.concurrent.CompletionStage<?> readAheadAfter = java.util.concurrent.CompletableFuture.completedFuture(null);

    public SnapshotInspector(Engine engine, LayerIndexStore store) {
        this.engine = engine;
        this.store = store;
    }

    private static <V> Map<String, V> lru() {
        return new LinkedHashMap<>(8, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > KEEP_TREES;
            }
        };
    }

    /**
     * The snapshot after each step of a stage, by position: index 0 is step 1 (its FROM). When the
     * step after the last one done failed and kept its state, that state comes last, so a failed
     * RUN can be diffed like any step.
     */
    public static List<Snapshot> steps(StageRun run) {
        List<Snapshot> out = new ArrayList<>();
        for (StepOutcome o : run.outcomes()) {
            out.add(o.snapshot());
        }
        if (run.failure() != null && run.failure().failedState() != null
                && run.failure().step() == run.position() + 1) {
            out.add(run.failure().failedState());
        }
        return out;
    }

    /** The image's layer digests (its rootfs diff ids), bottom first. */
    public synchronized List<String> diffIds(String imageId) {
        return diffIds.computeIfAbsent(imageId, id -> engine.inspectImage(id)
                .orElseThrow(() -> new EngineException("the snapshot image " + id + " is gone from the engine"))
                .layers());
    }

    /** How many layers of the image hold files (the placeholder under FROM scratch holds none). */
    public int contentLayers(String imageId) {
        return (int) diffIds(imageId).stream().filter(d -> !d.equals(ImageCommitter.EMPTY_LAYER)).count();
    }

    /**
     * The image's layers, each indexed from its tar headers: from the indexes already built when
     * every layer has one, else from one {@code docker save} (the one under way when another read or
     * the background began it, see {@link SharedSaves}), whose verified layers are then kept.
     */
    public List<Layer> layers(String imageId) {
        readsBegin();
        return layers(imageId, false).orElseThrow();
    }

    /**
     * As {@link #layers(String)}; for the background (indexing ahead) empty, and nothing done, when a
     * save under way covers the image or its save gave way to one a read waits for.
     */
    private Optional<List<Layer>> layers(String imageId, boolean background) {
        List<String> ids = diffIds(imageId);
        boolean mayWait = true;
        while (true) {
            synchronized (this) {
                Optional<List<Layer>> known = fromIndexes(imageId, ids);
                if (known.isPresent()) {
                    return known;
                }
            }
            SharedSaves.Turn turn = saves.turn(ids, background, mayWait);
            if (turn instanceof SharedSaves.Run run) {
                return save(imageId, ids, run.save());
            }
            if (background) {
                return Optional.empty();
            }
            // a save that read through and still left a layer unindexed (its bytes did not hash to
            // its diff ID) will not index it either: this read saves on its own then
            mayWait = !((SharedSaves.Wait) turn).save().await();
        }
    }

    /** Runs one save, outside the lock (reads of indexed snapshots go on meanwhile), keeping each verified layer as it passes. */
    private Optional<List<Layer>> save(String imageId, List<String> ids, SharedSaves.Pending pending) {
        RuntimeException failure = null;
        try (InputStream in = engine.save(imageId)) {
            if (!saves.opened(pending, in)) {
                return Optional.empty();
            }
            // a save only the background wants stops while a person waits on a read of the archive API
            InputStream yielding = foreground.yielding(in, () -> saves.backgroundOnly(pending));
            ImageArchive.SavedImage saved = ImageArchive.readSaved(yielding, this::known, passed -> keepPassing(ids, passed));
            keep(saved);
            return Optional.of(saved.layers());
        } catch (IOException | RuntimeException e) {
            failure = e instanceof RuntimeException r ? r
                    : new EngineException("cannot read the layers of " + imageId + ": " + e.getMessage(), e);
            if (saves.superseded(pending)) {
                return Optional.empty();
            }
            throw failure;
        } finally {
            saves.done(pending, failure);
        }
    }

    /**
     * Keeps a layer's index as soon as the save has passed it, where its bytes hash to one of the
     * image's diff IDs: a save ended early (the session ends, or it gave way) keeps what it read.
     */
    private synchronized void keepPassing(List<String> ids, dev.stagesh.fs.LayerTar.Hashed passed) {
        String id = passed.digest();
        if (ids.contains(id) && !indexes.containsKey(id)) {
            indexes.put(id, passed.changes());
            store.store(id, passed.changes());
        }
    }

    private synchronized void keep(ImageArchive.SavedImage saved) {
        List<String> verified = saved.verifiedDiffIds();
        for (int i = 0; i < verified.size(); i++) {
            String id = verified.get(i);
            if (id != null && !indexes.containsKey(id)) {
                LayerChanges changes = saved.layers().get(i).changes();
                indexes.put(id, changes);
                // written even where a file exists: it may be a damaged one not yet read
                store.store(id, changes);
            }
        }
    }

    /** The index of one layer, when this session or the store has it. */
    private synchronized Optional<LayerChanges> known(String diffId) {
        LayerChanges changes = indexes.get(diffId);
        if (changes != null) {
            return Optional.of(changes);
        }
        if (!store.contains(diffId)) {
            return Optional.empty();
        }
        Optional<LayerChanges> loaded = store.load(diffId);
        loaded.ifPresent(c -> indexes.put(diffId, c));
        return loaded;
    }

    private Optional<List<Layer>> fromIndexes(String imageId, List<String> ids) {
        List<Layer> out = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            LayerChanges changes = indexes.get(id);
            if (changes == null) {
                Optional<LayerChanges> loaded = store.load(id);
                if (loaded.isEmpty() && !readLocally(imageId, ids)) {
                    return Optional.empty();
                }
                changes = loaded.orElseGet(() -> indexes.get(id));
                indexes.put(id, changes);
            }
            out.add(new Layer("layer " + (i + 1), changes));
        }
        return Optional.of(out);
    }

    /**
     * Indexes the image's layers from the directories a local overlay2 engine unpacked them to
     * (checked against its layer database), when it has them: a walk of each, no save. Asked
     * once per image; false when the engine has none to give.
     */
    private boolean readLocally(String imageId, List<String> ids) {
        if (!localTried.add(imageId)) {
            return ids.stream().allMatch(indexes::containsKey);
        }
        Optional<List<java.nio.file.Path>> dirs = layerDirectories(imageId);
        if (dirs.isEmpty() || dirs.get().size() != ids.size() || !dev.stagesh.fs.LayerDirectory.available()) {
            return false;
        }
        Map<String, LayerChanges> read = new HashMap<>();
        try {
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i);
                if (!indexes.containsKey(id) && !read.containsKey(id)) {
                    read.put(id, localLayer(id, dirs.get().get(i), i > 0));
                }
            }
        } catch (dev.stagesh.fs.FsException | java.util.concurrent.RejectedExecutionException e) {
            // the directory went (the image was removed meanwhile), find is missing, or the session
            // is ending: the read goes the way it would on a remote engine
            return false;
        }
        indexes.putAll(read);
        return true;
    }

    /**
     * One layer's index from the store, else from the directory a local engine unpacked it to,
     * then kept on disk too (the directory is the layer of that diff ID, as the engine's database
     * says), off the reading thread.
     */
    private LayerChanges localLayer(String id, java.nio.file.Path dir, boolean below) {
        Optional<LayerChanges> stored = store.load(id);
        if (stored.isPresent()) {
            return stored.get();
        }
        LayerChanges changes = dev.stagesh.fs.LayerDirectory.read(dir, below);
        background().execute(() -> store.store(id, changes));
        return changes;
    }

    /**
     * Indexes the snapshot off the reading thread where that is cheap, a local engine's layer
     * directories (a walk, no save), so that the first read after stepping finds its view built or
     * under way; called as each step ends, only the latest snapshot asked for is read. Elsewhere
     * only the indexes stored on disk are loaded and merged, when every layer has one; no save is
     * started: there an index costs a save of the whole snapshot, begun only when a read asks.
     *
     * @param before the snapshot of the step before, whose view a plain {@code diff} compares it with; null for a FROM
     */
    public void prepare(String imageId, String before) {
        ahead.set(new Ahead(imageId, before));
        readAheadAfter.thenRun(() -> {
            try {
                background().execute(this::readAhead);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // the session is ending
            }
        });
    }

    /**
     * Reading ahead ({@link #prepare}) waits for {@code after}: at a terminal, the first prompt
     * being drawn, which the walk of a base image's layers (native calls, an index written) would
     * otherwise share the two cores with. Until this is called, it starts at once.
     */
    public void readAheadAfter(java.util.concurrent.CompletionStage<?> after) {
        readAheadAfter = after;
    }

    /** A snapshot to read ahead, and the one before it. */
    private record Ahead(String imageId, String before) {}

    private void readAhead() {
        Ahead next = ahead.getAndSet(null);
        if (next == null || closing) {
            // a later task took it: the snapshot asked for last is the one read
            return;
        }
        String imageId = next.imageId();
        try {
            List<String> ids = diffIds(imageId);
            Optional<List<java.nio.file.Path>> dirs = layerDirectories(imageId);
            if (dirs.isEmpty() || dirs.get().size() != ids.size() || !dev.stagesh.fs.LayerDirectory.available()) {
                readStoredAhead(next, ids);
                return;
            }
            for (int i = 0; i < ids.size(); i++) {
                // a layer at a time, so a read that comes meanwhile waits for one walk at most
                synchronized (this) {
                    if (closing) {
                        return;
                    }
                    if (!indexes.containsKey(ids.get(i))) {
                        indexes.put(ids.get(i), localLayer(ids.get(i), dirs.get().get(i), i > 0));
                    }
                }
            }
            // the merged views only for the latest snapshot asked for (a later step's task is
            // queued otherwise) and the one before it, whose layers are a prefix of its own
            if (ahead.get() == null) {
                indexedTree(imageId);
            }
            if (ahead.get() == null && next.before() != null && !closing) {
                indexedTree(next.before());
            }
        } catch (RuntimeException e) {
            // the image went meanwhile, or the walk failed: the first read goes its own way
        }
    }

    /**
     * Where the engine has no layer directories (the containerd store, a remote engine): the merged
     * views of the snapshot and the one before it from the indexes an earlier session stored, when
     * every layer has one, so that a new session's first read of a snapshot indexed before finds its
     * view built. Never a save: with a layer not stored, nothing is done.
     */
    private void readStoredAhead(Ahead next, List<String> ids) {
        if (!allStored(ids)) {
            return;
        }
        treeWithoutSave(next.imageId());
        if (ahead.get() == null && next.before() != null && !closing && allStored(diffIds(next.before()))) {
            treeWithoutSave(next.before());
        }
    }

    /** Whether the snapshot's merged view is built and kept (for tests of what is read ahead). */
    synchronized boolean viewBuilt(String imageId) {
        return trees.containsKey(imageId);
    }

    private synchronized boolean allStored(List<String> ids) {
        return ids.stream().allMatch(id -> indexes.containsKey(id) || store.contains(id));
    }

    /** The filesystem the image shows after its first {@code count} layers. */
    public FileTree filesystem(String imageId, int count) {
        List<Layer> layers = layers(imageId);
        if (count >= layers.size()) {
            return snapshotTree(imageId, layers);
        }
        List<LayerChanges> changes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            changes.add(layers.get(i).changes());
        }
        return LayerStack.tree(changes);
    }

    private synchronized FileTree snapshotTree(String imageId, List<Layer> layers) {
        FileTree tree = trees.get(imageId);
        if (tree == null) {
            tree = LayerStack.tree(layers.stream().map(Layer::changes).toList());
            trees.put(imageId, tree);
        }
        return tree;
    }

    /**
     * The snapshot's whole filesystem from its layers' indexes, when they are at hand without a
     * save; otherwise empty, and the index is built off this thread so the next read has it.
     */
    public Optional<FileTree> indexedTree(String imageId) {
        readsBegin();
        return indexedOrScheduled(imageId);
    }

    private synchronized Optional<FileTree> indexedOrScheduled(String imageId) {
        FileTree tree = trees.get(imageId);
        if (tree != null) {
            return Optional.of(tree);
        }
        Optional<List<Layer>> known = fromIndexes(imageId, diffIds(imageId));
        if (known.isPresent()) {
            return Optional.of(snapshotTree(imageId, known.get()));
        }
        if (indexing.add(imageId)) {
            // started a moment later, so the read that asked is not slowed by the save it starts
            background().schedule(() -> indexInBackground(imageId), BACKGROUND_DELAY_MS,
                    java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        return Optional.empty();
    }

    /**
     * The snapshot's whole filesystem when its layers' indexes are at hand without a save (kept,
     * stored, or walked in a local engine's layer directories); unlike {@link #indexedTree} it never
     * starts one: a build step asking whether a directory is there goes to the engine instead, and a
     * save of every step's snapshot would cost a build more than the questions it answers.
     */
    public synchronized Optional<FileTree> treeWithoutSave(String imageId) {
        FileTree tree = trees.get(imageId);
        if (tree != null) {
            return Optional.of(tree);
        }
        return fromIndexes(imageId, diffIds(imageId)).map(known -> snapshotTree(imageId, known));
    }

    /**
     * Notes a FROM's base image, known before any read: at the session's first read its layers
     * are indexed off the reading thread (on an engine whose layers this machine reads only
     * through a save: the containerd store, Podman), so that later reads of the stage find them
     * indexed, and a base image is indexed once per machine. Not before a read: a session that
     * only builds never pays a save. A read's own save makes this one give way ({@link SharedSaves}).
     */
    public void indexAhead(String imageId) {
        if (engine.capabilities().store() == dev.stagesh.docker.EngineCapabilities.ImageStore.GRAPH_DRIVER) {
            // overlay2 engines: local layer directories answer without a save (and a remote one's
            // save would only compete with the steps for the engine)
            return;
        }
        boolean now;
        synchronized (this) {
            now = reading;
            if (!now) {
                basesAhead.add(imageId);
            }
        }
        if (now) {
            startIndexing(imageId);
        }
    }

    /** The session reads: the base images noted before are indexed now. */
    private void readsBegin() {
        List<String> noted;
        synchronized (this) {
            if (reading) {
                return;
            }
            reading = true;
            noted = new ArrayList<>(basesAhead);
            basesAhead.clear();
        }
        noted.forEach(this::startIndexing);
    }

    private void startIndexing(String imageId) {
        synchronized (this) {
            if (!indexing.add(imageId)) {
                return;
            }
        }
        try {
            background().execute(() -> indexInBackground(imageId));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // the session is ending
            synchronized (this) {
                indexing.remove(imageId);
            }
        }
    }

    private void indexInBackground(String imageId) {
        try {
            if (contentLayers(imageId) > 0) {
                layers(imageId, true);
            }
        } catch (RuntimeException e) {
            // the reads go on through the archive API; the next one tries again
        } finally {
            synchronized (this) {
                indexing.remove(imageId);
            }
        }
    }

    /**
     * A read through the archive API that a person waits for, counted as under way until its
     * stream is closed: the background's save stops reading meanwhile.
     */
    InputStream foregroundRead(InputStream read) {
        return foreground.track(read);
    }

    /** The one thread that builds and writes indexes off the reading thread: one save at a time. */
    private synchronized java.util.concurrent.ScheduledExecutorService background() {
        if (background == null) {
            var executor = new java.util.concurrent.ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "stagesh-layer-index");
                t.setDaemon(true);
                return t;
            });
            // at session end a save not yet begun is dropped; index files queued are still written
            executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
            background = executor;
        }
        return background;
    }

    /**
     * Forgets a snapshot the session removed from the engine: what was asked of it, its merged view,
     * and the in-memory index of each layer no other known snapshot has (those stay on disk, by diff
     * ID). Without this, a session stepping back and forth with the cache off would keep a little of
     * every snapshot it ever made.
     */
    public synchronized void forget(String imageId) {
        List<String> ids = diffIds.remove(imageId);
        localTried.remove(imageId);
        localDirs.remove(imageId);
        trees.remove(imageId);
        owners.remove(imageId);
        if (ids == null) {
            return;
        }
        java.util.Set<String> kept = new java.util.HashSet<>();
        diffIds.values().forEach(kept::addAll);
        for (String id : ids) {
            if (!kept.contains(id)) {
                indexes.remove(id);
            }
        }
    }

    private synchronized Optional<List<java.nio.file.Path>> layerDirectories(String imageId) {
        return localDirs.computeIfAbsent(imageId, engine::layerDirectories);
    }

    /**
     * Where this machine sees the bytes of the snapshot's regular file at {@code path} (no link
     * followed): the directory of the topmost layer that wrote it, on a local overlay2 engine.
     * Empty elsewhere, and for anything but a regular file or a hard link to one.
     */
    public synchronized Optional<java.nio.file.Path> localFile(String imageId, String path) {
        Optional<FileTree> tree = indexedTree(imageId);
        if (tree.isEmpty()) {
            return Optional.empty();
        }
        Optional<dev.stagesh.fs.FileEntry> entry = tree.get().entry(path).filter(dev.stagesh.fs.FileEntry::isRegular);
        Optional<List<java.nio.file.Path>> dirs = entry.isEmpty() ? Optional.empty() : layerDirectories(imageId);
        if (dirs.isEmpty()) {
            return Optional.empty();
        }
        List<String> ids = diffIds(imageId);
        for (int i = ids.size() - 1; i >= 0; i--) {
            LayerChanges layer = indexes.get(ids.get(i));
            if (layer == null) {
                return Optional.empty();
            }
            for (dev.stagesh.fs.FileEntry e : layer.entries()) {
                if (e.path().equals(path)) {
                    // the topmost layer that wrote it is the one seen; a hard link is the same inode there
                    return e.isRegular() ? Optional.of(dirs.get().get(i).resolve(path.substring(1))) : Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** The snapshot's users and groups, read once per image (images never change). */
    public Owners owners(String imageId, java.util.function.Supplier<Owners> read) {
        synchronized (this) {
            Owners o = owners.get(imageId);
            if (o != null) {
                return o;
            }
        }
        Owners o = read.get();
        synchronized (this) {
            owners.put(imageId, o);
        }
        return o;
    }

    /**
     * Stops building indexes off the reading thread, ending a save under way; the index files
     * already queued are written first (a few hundred milliseconds at most), so a later session finds them.
     */
    public void close() {
        java.util.concurrent.ExecutorService running;
        // a read ahead stops between layers: nobody will read its snapshot now
        closing = true;
        synchronized (this) {
            running = background;
            if (running != null) {
                running.shutdown();
            }
        }
        // outside the lock: the save's reader holds it only between layers, and its stream ends it
        saves.closeAll();
        if (running != null) {
            try {
                running.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * What changed from {@code before} to {@code after}; {@code before} null means from an empty
     * filesystem (what a FROM brings). Snapshots of one image (metadata-only steps) never differ.
     */
    public TreeDiff diff(Snapshot before, Snapshot after) {
        FileTree empty = FileTree.builder().build("/");
        if (before == null) {
            return TreeDiff.between(empty, filesystem(after.imageId(), Integer.MAX_VALUE));
        }
        if (before.imageId().equals(after.imageId())) {
            return TreeDiff.between(empty, empty);
        }
        List<String> a = diffIds(before.imageId());
        List<String> b = diffIds(after.imageId());
        if (isPrefix(a, b) && !indexed(before.imageId(), a)) {
            // one save of the later snapshot indexes both, the earlier one's layers being a prefix
            layers(after.imageId());
        } else if (isPrefix(b, a) && !indexed(after.imageId(), b)) {
            layers(before.imageId());
        }
        // each snapshot's own merged view, kept: stepping through diffs reuses them
        FileTree from = filesystem(before.imageId(), a.size());
        FileTree to = filesystem(after.imageId(), b.size());
        if (isPrefix(a, b)) {
            return TreeDiff.at(from, to, ChangedPaths.of(from, layersAbove(after.imageId(), a.size())));
        }
        if (isPrefix(b, a)) {
            return TreeDiff.at(from, to, ChangedPaths.of(to, layersAbove(before.imageId(), b.size())));
        }
        return TreeDiff.between(from, to);
    }

    /** The image's layers above its first {@code count}: what its steps since then wrote. */
    private List<LayerChanges> layersAbove(String imageId, int count) {
        List<Layer> all = layers(imageId);
        return all.subList(count, all.size()).stream().map(Layer::changes).toList();
    }

    private synchronized boolean indexed(String imageId, List<String> ids) {
        return fromIndexes(imageId, ids).isPresent();
    }

    static boolean isPrefix(List<String> shorter, List<String> longer) {
        return shorter.size() <= longer.size() && longer.subList(0, shorter.size()).equals(shorter);
    }
}
