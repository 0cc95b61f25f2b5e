package dev.stagesh.fs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Replays layers in order on a stacked tree to find, for every file a layer writes, whether it
 * survives, and to gather dive's per-path occurrences.
 *
 * <p>Dive's model: every path occurrence across layers counts, a deletion as an occurrence of 0
 * bytes; a path seen in more than one layer is inefficient and all its bytes count as wasted; the
 * efficiency score is the sum over paths of the smallest occurrence divided by the sum of all
 * occurrences. One deliberate difference: where dive sizes a deleted directory as one whiteout node,
 * here each file the deletion removes is its own 0-byte occurrence, so a {@code rm -rf} of a cache
 * counts as waste for the files it hid, which is what a user means by it.
 */
final class LayerAnalyzer {

    private record Copy(int layer, long size) {
    }

    private final FileTree.Builder stack = FileTree.builder();
    /** The visible copy of each non-directory path, by the layer that wrote it. */
    private final Map<String, Copy> live = new HashMap<>();
    /** Every write and deletion of each non-directory path, in layer order. */
    private final Map<String, List<Copy>> occurrences = new HashMap<>();
    private final List<Map<String, LayerFile.Fate>> fates = new ArrayList<>();
    private final List<Long> shadowed = new ArrayList<>();

    static LayerReport analyze(List<Layer> layers, int topN) {
        LayerAnalyzer a = new LayerAnalyzer();
        for (int i = 0; i < layers.size(); i++) {
            a.apply(i, layers.get(i).changes());
        }
        return a.report(layers, topN);
    }

    private void apply(int layer, LayerChanges changes) {
        fates.add(new HashMap<>());
        shadowed.add(0L);
        Set<String> writes = new HashSet<>();
        for (FileEntry e : changes.entries()) {
            if (!e.isDirectory()) {
                writes.add(e.path());
            }
        }
        // a layer's whiteouts apply to the layers below it, so they go before its own entries
        for (String dir : changes.opaqueDirectories()) {
            remove(dir, layer, writes, true);
        }
        for (String path : changes.deletions()) {
            remove(path, layer, writes, false);
        }
        for (FileEntry e : changes.entries()) {
            FileEntry existing = stack.entry(e.path()).orElse(null);
            if (existing != null && existing.isDirectory() && !e.isDirectory()) {
                remove(e.path(), layer, writes, false);
            }
            if (!e.isDirectory()) {
                shadow(e.path(), LayerFile.Fate.OVERWRITTEN);
                Copy copy = new Copy(layer, e.type() == EntryType.FILE ? e.size() : 0);
                live.put(e.path(), copy);
                occurrences.computeIfAbsent(e.path(), k -> new ArrayList<>(2)).add(copy);
            } else if (existing != null && !existing.isDirectory()) {
                shadow(e.path(), LayerFile.Fate.OVERWRITTEN);
                occurrences.computeIfAbsent(e.path(), k -> new ArrayList<>(2)).add(new Copy(layer, 0));
            }
            stack.add(e);
        }
    }

    /** Deletes {@code path} (or, for an opaque directory, what is under it) as layer {@code layer} does. */
    private void remove(String path, int layer, Set<String> writes, boolean keepRoot) {
        for (FileEntry gone : stack.subtree(path)) {
            if (gone.isDirectory()) {
                continue;
            }
            boolean rewritten = writes.contains(gone.path());
            shadow(gone.path(), rewritten ? LayerFile.Fate.OVERWRITTEN : LayerFile.Fate.DELETED);
            if (!rewritten) {
                // when the same layer writes the path again, that write is the occurrence
                occurrences.computeIfAbsent(gone.path(), k -> new ArrayList<>(2)).add(new Copy(layer, 0));
            }
        }
        if (keepRoot) {
            stack.clear(path);
        } else {
            stack.remove(path);
        }
    }

    /** The visible copy of {@code path}, if any, stops being visible: its bytes are shadowed. */
    private void shadow(String path, LayerFile.Fate fate) {
        Copy old = live.remove(path);
        if (old != null) {
            shadowed.set(old.layer(), shadowed.get(old.layer()) + old.size());
            fates.get(old.layer()).put(path, fate);
        }
    }

    private LayerReport report(List<Layer> layers, int topN) {
        long[] wasted = new long[layers.size()];
        long minimum = 0;
        long discovered = 0;
        long wastedTotal = 0;
        List<WastedPath> inefficient = new ArrayList<>();
        for (Map.Entry<String, List<Copy>> path : occurrences.entrySet()) {
            List<Copy> copies = path.getValue();
            long total = 0;
            long min = Long.MAX_VALUE;
            for (Copy c : copies) {
                total += c.size();
                min = Math.min(min, c.size());
            }
            minimum += min;
            discovered += total;
            if (copies.size() > 1) {
                wastedTotal += total;
                for (Copy c : copies) {
                    wasted[c.layer()] += c.size();
                }
                if (total > 0) {
                    inefficient.add(new WastedPath(path.getKey(), copies.size(), total));
                }
            }
        }
        inefficient.sort(Comparator.comparingLong(WastedPath::totalBytes).reversed()
                .thenComparing(WastedPath::path, FsPaths.PATH_ORDER));

        List<LayerSummary> summaries = new ArrayList<>();
        long imageBytes = 0;
        long shadowedTotal = 0;
        for (int i = 0; i < layers.size(); i++) {
            LayerChanges c = layers.get(i).changes();
            Map<String, LayerFile.Fate> fate = fates.get(i);
            List<LayerFile> biggest = c.files().stream()
                    .sorted(Comparator.comparingLong(FileEntry::size).reversed()
                            .thenComparing(FileEntry::path, FsPaths.PATH_ORDER))
                    .limit(topN)
                    .map(f -> new LayerFile(f.path(), f.size(), fate.getOrDefault(f.path(), LayerFile.Fate.KEPT)))
                    .toList();
            summaries.add(new LayerSummary(i + 1, layers.get(i).label(), c.bytes(), c.files().size(),
                    c.deletions().size() + c.opaqueDirectories().size(), wasted[i], shadowed.get(i), biggest));
            imageBytes += c.bytes();
            shadowedTotal += shadowed.get(i);
        }
        double efficiency = discovered == 0 ? 1.0 : (double) minimum / discovered;
        return new LayerReport(summaries, imageBytes, wastedTotal, shadowedTotal, efficiency, inefficient);
    }
}
