package dev.stagesh.fs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which entries of an image's layers make up one layer that holds its whole filesystem: for
 * every path the image shows, the entry of the topmost layer that wrote it and that no layer above
 * deleted (a whiteout), hid (an opaque directory) or replaced. Whiteouts themselves are dropped,
 * since the squashed layer sits on nothing.
 *
 * <p>Decided from the layers' headers alone ({@link LayerChanges}), so the layer can then be
 * written in one pass over the image's content, in whatever order the archive holds the layers.
 * Only hard links need care: a layer tar stores a file once and its other names as links to the
 * first, and when that first name is later deleted or replaced the file has to be written under a
 * surviving name instead (a layer's links only ever name files of the same layer).
 */
public final class SquashPlan {

    /** What happens to one entry of one layer in the squashed layer. */
    public sealed interface Decision {
        /** Hidden by a layer above (or a whiteout): not written. */
        record Drop() implements Decision {}

        /** Written as it is. */
        record Keep() implements Decision {}

        /** A file written under another of its names, because its own name does not survive. */
        record Rename(String path) implements Decision {}

        /** A hard link written to point at the name its file was renamed to. */
        record Relink(String target) implements Decision {}
    }

    public static final Decision DROP = new Decision.Drop();
    public static final Decision KEEP = new Decision.Keep();

    /** Per layer, bottom first: the entries that are not dropped. */
    private final List<Map<String, Decision>> layers;

    private SquashPlan(List<Map<String, Decision>> layers) {
        this.layers = layers;
    }

    /** Plans the squash of {@code layers}, bottom first. */
    public static SquashPlan of(List<LayerChanges> layers) {
        // Entries are told apart by identity: two layers may write equal headers for one path.
        Map<FileEntry, Integer> origin = new IdentityHashMap<>();
        FileTree.Builder stack = FileTree.builder();
        for (int i = 0; i < layers.size(); i++) {
            for (FileEntry e : layers.get(i).entries()) {
                origin.put(e, i);
            }
            LayerStack.apply(stack, layers.get(i));
        }
        List<Map<String, Decision>> kept = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            kept.add(new HashMap<>());
        }
        stack.build("/").walk("/").forEach(e -> {
            Integer layer = origin.get(e);
            if (layer != null) {
                kept.get(layer).put(e.path(), KEEP);
            }
        });
        for (int i = 0; i < layers.size(); i++) {
            relocateLinks(layers.get(i), kept.get(i));
        }
        return new SquashPlan(kept);
    }

    /**
     * Kept hard links whose file is not kept from the same layer: the file is written under the
     * first such link's name (the tar holds it before any of its links), that link is dropped,
     * and the other links point at it.
     */
    private static void relocateLinks(LayerChanges layer, Map<String, Decision> kept) {
        Map<String, String> movedTo = new HashMap<>();
        Map<String, FileEntry> files = new HashMap<>();
        for (FileEntry e : layer.entries()) {
            if (e.type() == EntryType.FILE) {
                files.put(e.path(), e);
            }
        }
        for (FileEntry e : layer.entries()) {
            if (e.type() != EntryType.HARDLINK || !(kept.get(e.path()) instanceof Decision.Keep)) {
                continue;
            }
            String file = e.linkTarget();
            if (kept.get(file) instanceof Decision.Keep || !files.containsKey(file)) {
                // the file is written as it is; or it is not in this layer, which Docker's layers never do
                continue;
            }
            String moved = movedTo.get(file);
            if (moved == null) {
                movedTo.put(file, e.path());
                kept.put(file, new Decision.Rename(e.path()));
                kept.remove(e.path());
            } else {
                kept.put(e.path(), new Decision.Relink(moved));
            }
        }
    }

    /** What to do with the entry at {@code path} in layer {@code layer} (0 is the bottom). */
    public Decision decide(int layer, String path) {
        return layers.get(layer).getOrDefault(path, DROP);
    }

    /** How many entries the squashed layer holds. */
    public int entries() {
        return layers.stream().mapToInt(Map::size).sum();
    }

    public int layerCount() {
        return layers.size();
    }
}
