package dev.stagesh.engine;

import dev.stagesh.docker.Engine;
import dev.stagesh.docker.EngineException;
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

/**
 * Reads snapshots as the engine stores them, layer by layer, for {@code diff} and {@code layers}:
 * nothing runs inside an image, so this works on scratch and distroless stages alike.
 *
 * <p>A stage's snapshots form a chain: each commit adds at most one layer on top of the snapshot
 * before it. So the layers of one {@code docker save} of the later snapshot hold every earlier
 * snapshot of the stage too (as a prefix of its layers), and one save answers a diff between any
 * two steps. Saves are parsed into headers only (never file content) and the last few are kept
 * per image id, since images never change.
 */
public final class SnapshotInspector {
    /** Images whose parsed layers are kept; a stage's diffs and layer report mostly hit the newest. */
    private static final int KEEP_IMAGES = 3;

    private final Engine engine;
    private final Map<String, List<String>> diffIds = new HashMap<>();
    private final Map<String, List<Layer>> saved = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<Layer>> eldest) {
            return size() > KEEP_IMAGES;
        }
    };

    public SnapshotInspector(Engine engine) {
        this.engine = engine;
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

    /** The image's layers as {@code docker save} writes them, each indexed from its tar headers. */
    public synchronized List<Layer> layers(String imageId) {
        List<Layer> cached = saved.get(imageId);
        if (cached != null) {
            return cached;
        }
        List<Layer> layers;
        try (InputStream in = engine.save(imageId)) {
            layers = List.copyOf(ImageArchive.read(in));
        } catch (IOException e) {
            throw new EngineException("cannot read the layers of " + imageId + ": " + e.getMessage(), e);
        }
        saved.put(imageId, layers);
        return layers;
    }

    /** The filesystem the image shows after its first {@code count} layers. */
    public FileTree filesystem(String imageId, int count) {
        List<Layer> layers = layers(imageId);
        List<LayerChanges> changes = new ArrayList<>();
        for (int i = 0; i < Math.min(count, layers.size()); i++) {
            changes.add(layers.get(i).changes());
        }
        return LayerStack.tree(changes);
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
        if (isPrefix(a, b)) {
            return TreeDiff.between(filesystem(after.imageId(), a.size()), filesystem(after.imageId(), b.size()));
        }
        if (isPrefix(b, a)) {
            return TreeDiff.between(filesystem(before.imageId(), a.size()), filesystem(before.imageId(), b.size()));
        }
        // unrelated images (not expected within a stage): read both
        return TreeDiff.between(filesystem(before.imageId(), a.size()), filesystem(after.imageId(), b.size()));
    }

    static boolean isPrefix(List<String> shorter, List<String> longer) {
        return shorter.size() <= longer.size() && longer.subList(0, shorter.size()).equals(shorter);
    }
}
