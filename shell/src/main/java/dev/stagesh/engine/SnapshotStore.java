package dev.stagesh.engine;

import dev.stagesh.docker.Engine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The images a session commits, and the build cache that outlives it. A snapshot committed
 * with a cache key is kept when the session ends (like docker's build cache) and found again
 * by that key (safe for stages that run side by side); everything else the session made is removed when it ends, newest first, because
 * the engine will not remove an image that still has children. A snapshot the session stood on
 * and no longer does (it went back, or the step ran again) is removed at once unless it is a cache
 * entry, so stepping back and forth does not pile images up until the session ends.
 */
final class SnapshotStore {
    static final String CACHE_KEY = "stagesh.cache";

    private final Engine engine;
    private final SessionId session;
    private final boolean useCache;
    /** Every image the session committed, oldest first, and whether it is a cache entry. */
    private final List<Made> made = new ArrayList<>();
    private final Map<String, Integer> layerCounts = new java.util.concurrent.ConcurrentHashMap<>();
    /**
     * The images committed with no cache key (a failed, cancelled or kept step's, and every step on
     * top of one): nothing says running the steps again gives the same files, so no step on them
     * gets a key either. A key made from such a parent would make a cache entry whose parent is no
     * cache entry, pinning an image the session's end must remove.
     */
    private final Set<String> unkeyed = new HashSet<>();
    /** The images the session stood on when {@link #dropped} last looked. */
    private Set<String> stood = Set.of();
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
        if (!useCache || cacheKey == null) {
            return Optional.empty();
        }
        if (index == null) {
            index = new java.util.HashMap<>(engine.imageLabelValues(CACHE_KEY));
        }
        return Optional.ofNullable(index.get(cacheKey));
    }

    /** The cache key of a step on {@code parent}: none when the parent has none ({@link #unkeyed}). */
    synchronized String key(Snapshot parent, CacheKey key) {
        return unkeyed.contains(parent.imageId()) ? null : key.digest();
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
        if (cacheKey == null) {
            unkeyed.add(imageId);
        }
        if (useCache && index != null && cacheKey != null) {
            index.put(cacheKey, imageId);
        }
    }

    /**
     * The images this session made, no cache entries, that it stood on when last asked and no longer
     * stands on ({@code standing}: every image a stage's done steps or failed state holds), newest
     * first so that children go before their parents. Only those: an image the session made but never
     * stood on (an ONBUILD trigger's, under the FROM's) is the parent of one it stands on.
     */
    synchronized List<String> dropped(Set<String> standing) {
        List<String> out = new ArrayList<>();
        for (int i = made.size() - 1; i >= 0; i--) {
            Made m = made.get(i);
            if (!m.cacheEntry() && stood.contains(m.imageId()) && !standing.contains(m.imageId())) {
                out.add(m.imageId());
            }
        }
        stood = Set.copyOf(standing);
        return out;
    }

    /**
     * Removes an image the session dropped, unless a container or a child image still uses it (a
     * stage built FROM it, a tag committed from it): then it stays, and the session's end sweeps it.
     * Its parents stay: the session stands on them.
     */
    synchronized void discard(String imageId) {
        try {
            if (engine.removeImageIfUnused(imageId)) {
                made.removeIf(m -> m.imageId().equals(imageId));
                // image IDs are never reused for other content, but a removed one is never asked again
                layerCounts.remove(imageId);
                unkeyed.remove(imageId);
            }
        } catch (RuntimeException e) {
            // the engine is away: the image is labelled, and the session's end (or the reaper) removes it
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
