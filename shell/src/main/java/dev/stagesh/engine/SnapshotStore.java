package dev.stagesh.engine;

import dev.stagesh.docker.Engine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The images a session commits, and the build cache that outlives it. A snapshot committed
 * with a cache key is kept when the session ends (like docker's build cache) and found again
 * by that key (safe for stages that run side by side); everything else the session made is removed when it ends, newest first, because
 * the engine will not remove an image that still has children.
 */
final class SnapshotStore {
    static final String CACHE_KEY = "stagesh.cache";

    private final Engine engine;
    private final SessionId session;
    private final boolean useCache;
    /** Every image the session committed, oldest first, and whether it is a cache entry. */
    private final List<Made> made = new ArrayList<>();
    private final Map<String, Integer> layerCounts = new java.util.concurrent.ConcurrentHashMap<>();
    private Map<String, String> index;

    private record Made(String imageId, boolean cacheEntry) {}

    SnapshotStore(Engine engine, SessionId session, boolean useCache) {
        this.engine = engine;
        this.session = session;
        this.useCache = useCache;
    }

    /**
     * The snapshot cached under this key. The engine's whole cache index is read once per
     * session (one call) rather than once per step; snapshots this session makes are added.
     */
    synchronized Optional<String> lookup(String cacheKey) {
        if (!useCache) {
            return Optional.empty();
        }
        if (index == null) {
            index = new java.util.HashMap<>(engine.imageLabelValues(CACHE_KEY));
        }
        return Optional.ofNullable(index.get(cacheKey));
    }

    /** Labels for a new snapshot; with a cache key it is kept for later sessions. */
    Map<String, String> labels(String cacheKey) {
        Map<String, String> labels = new HashMap<>(session.labels());
        // always set, empty for a snapshot that is no cache entry: the engine copies a parent
        // image's labels into a commit, so a failed step's snapshot would otherwise inherit the
        // cache key of the cached step it was made on, and be found (and kept) as that step
        labels.put(CACHE_KEY, useCache && cacheKey != null ? cacheKey : "");
        return labels;
    }

    /** Whether a commit on top of {@code parent} added no layer (the engine skips empty diffs). */
    boolean emptyLayer(Snapshot parent, String image) {
        return layers(image) == layers(parent.imageId());
    }

    /** Layer counts never change for an image id, so each is asked for once. */
    private int layers(String imageId) {
        return layerCounts.computeIfAbsent(imageId,
                id -> engine.inspectImage(id).map(i -> i.layers().size()).orElse(0));
    }

    /** Records an image the session committed; with a cache key it is a cache entry later steps find. */
    synchronized void created(String imageId, String cacheKey) {
        made.add(new Made(imageId, cacheKey != null && useCache));
        if (useCache && index != null && cacheKey != null) {
            index.put(cacheKey, imageId);
        }
    }

    /** Removes the session's images that are not cache entries (all of them with {@code all}). */
    synchronized void removeAll(boolean all) {
        // newest first: children before their parents
        for (int i = made.size() - 1; i >= 0; i--) {
            Made m = made.get(i);
            if (all || !m.cacheEntry()) {
                try {
                    engine.removeImage(m.imageId(), all); // pruning parents would take cache entries along
                } catch (RuntimeException e) {
                    // an image still used by a cached child stays; the cache owns it now
                }
            }
        }
        made.clear();
    }
}
