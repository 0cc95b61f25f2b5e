package dev.stagesh.engine;

import dev.stagesh.docker.Engine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Cleans up after sessions that could not clean up themselves (SIGKILL, a crash): their
 * containers, and their snapshots that are not part of the build cache. A session is dead when
 * it ran on this host, its process is gone (or the process id now belongs to a process started
 * after the session made its objects), and it left containers behind (a session that ended
 * normally removed all of its containers; images it left then, with --keep, are kept). Another
 * live session's objects are never touched.
 */
public final class Reaper {
    private Reaper() {}

    /** @param liveSessions how many live sessions were left alone (by {@link #pruneAll}) */
    public record Pruned(int containers, int images, int volumes, int liveSessions) {
        public Pruned(int containers, int images, int volumes) {
            this(containers, images, volumes, 0);
        }

        public boolean any() {
            return containers + images + volumes > 0;
        }
    }

    /** Removes what dead sessions left: their containers and their non-cache images. */
    public static Pruned reapDeadSessions(Engine engine) {
        long self = ProcessHandle.current().pid();
        String host = SessionId.hostName();
        List<Map<String, String>> containers = engine.labelsOfContainersLabelled(SessionId.SESSION);
        List<Map<String, String>> images = engine.labelsOfImagesLabelled(SessionId.SESSION);
        // a session's objects are judged together, by the oldest of them
        Map<String, Long> firstSeen = new HashMap<>();
        Map<String, Map<String, String>> owner = new HashMap<>();
        for (Map<String, String> labels : concat(containers, images)) {
            String session = labels.get(SessionId.SESSION);
            long created = parseLong(labels.get("__created")).orElse(Long.MAX_VALUE);
            firstSeen.merge(session, created, Math::min);
            owner.putIfAbsent(session, labels);
        }
        // Only a session that still has containers was cut short: one that ended normally
        // removed them all, and what it left (its images, with --keep) it left on purpose.
        Set<String> withContainers = new HashSet<>();
        containers.forEach(l -> withContainers.add(l.get(SessionId.SESSION)));
        Set<String> dead = new HashSet<>();
        for (var e : owner.entrySet()) {
            if (withContainers.contains(e.getKey()) && isDead(e.getValue(), host, self, firstSeen.get(e.getKey()))) {
                dead.add(e.getKey());
            }
        }
        // not counted: those sessions ended normally, and are no killed session's leftovers
        reapVolumesOfEndedSessions(engine, host, self, dead);
        if (dead.isEmpty()) {
            return new Pruned(0, 0, 0);
        }
        int removedContainers = removeContainers(engine, containers.stream()
                .filter(l -> dead.contains(l.get(SessionId.SESSION))).map(l -> l.get("__id")).toList());
        List<Map<String, String>> doomed = images.stream()
                .filter(l -> dead.contains(l.get(SessionId.SESSION)) && !isCacheEntry(l)).toList();
        int removedImages = removeImages(engine, doomed);
        int removedVolumes = 0;
        for (String session : dead) {
            for (String v : engine.volumesLabelled(SessionId.SESSION + "=" + session)) {
                engine.removeVolume(v);
                removedVolumes++;
            }
        }
        return new Pruned(removedContainers, removedImages, removedVolumes);
    }

    /**
     * A session that ended (its process gone) with nothing else left may still have left bind-mount
     * volumes a spent container held while it closed: they are its alone, and go. The dead sessions
     * found above are swept below; a live session's volumes are never touched.
     */
    private static int reapVolumesOfEndedSessions(Engine engine, String host, long self, Set<String> swept) {
        int removed = 0;
        for (Map<String, String> labels : engine.labelsOfVolumesLabelled(SessionId.SESSION)) {
            String session = labels.get(SessionId.SESSION);
            if (session == null || swept.contains(session) || labels.get(SessionId.PID) == null) {
                continue; // cache mounts (no pid) are kept across sessions
            }
            if (isDead(labels, host, self, null)) {
                try {
                    engine.removeVolume(labels.get("__id"));
                    removed++;
                } catch (RuntimeException ignored) {
                    // in use after all: left for a later start
                }
            }
        }
        return removed;
    }

    /**
     * Removes everything labelled as one session's, its build cache entries aside (all of its
     * images but those too when {@code keepImages}). The last sweep when a session ends, after
     * {@link Session#close()}: it finds by label what a step made while the session was closing.
     */
    public static Pruned reapSession(Engine engine, String sessionId, boolean keepImages) {
        int containers = removeContainers(engine, engine.containersLabelled(SessionId.SESSION, sessionId));
        int images = 0;
        if (!keepImages) {
            List<Map<String, String>> doomed = engine.labelsOfImagesLabelled(SessionId.SESSION).stream()
                    .filter(l -> sessionId.equals(l.get(SessionId.SESSION)) && !isCacheEntry(l)).toList();
            images = removeImages(engine, doomed);
        }
        int volumes = 0;
        for (String v : engine.volumesLabelled(SessionId.SESSION + "=" + sessionId)) {
            engine.removeVolume(v);
            volumes++;
        }
        return new Pruned(containers, images, volumes);
    }

    /** A build cache entry: a snapshot with a cache key (an empty key marks a snapshot that is none). */
    static boolean isCacheEntry(Map<String, String> labels) {
        String key = labels.get(SnapshotStore.CACHE_KEY);
        return key != null && !key.isEmpty();
    }

    /**
     * Removes the containers in rounds, until a round removes nothing more. Podman refuses to
     * remove a container while others joined its network namespace (the session's network
     * holder and its steps' containers), and a list gives them in no useful order: a refused one
     * is tried again once the others are gone. What still cannot go is named in the error.
     */
    static int removeContainers(Engine engine, List<String> ids) {
        List<String> left = new ArrayList<>(ids);
        int removed = 0;
        RuntimeException last = null;
        while (!left.isEmpty()) {
            List<String> refused = new ArrayList<>();
            for (String id : left) {
                try {
                    engine.removeContainer(id);
                    removed++;
                } catch (RuntimeException e) {
                    refused.add(id);
                    last = e;
                }
            }
            if (refused.size() == left.size()) {
                throw last;
            }
            left = refused;
        }
        return removed;
    }

    /** Newest first, so children go before their parents; rounds until nothing more goes. */
    private static int removeImages(Engine engine, List<Map<String, String>> images) {
        List<Map<String, String>> left = new ArrayList<>(images);
        left.sort(Comparator.comparingLong((Map<String, String> l) -> parseLong(l.get("__created")).orElse(0L)).reversed());
        int removed = 0;
        for (int round = 0; round < 20 && !left.isEmpty(); round++) {
            List<Map<String, String>> failed = new ArrayList<>();
            for (Map<String, String> image : left) {
                try {
                    engine.removeImage(image.get("__id"));
                    removed++;
                } catch (RuntimeException e) {
                    failed.add(image); // a child still holds it; the next round may free it
                }
            }
            if (failed.size() == left.size()) {
                break;
            }
            left = failed;
        }
        return removed;
    }

    private static boolean isDead(Map<String, String> labels, String host, long self, Long createdSeconds) {
        String pid = labels.get(SessionId.PID);
        if (pid == null || !host.equals(labels.get(SessionId.HOST))) {
            return false;
        }
        Optional<Long> p = parseLong(pid);
        if (p.isEmpty() || p.get() == self) {
            return false;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(p.get());
        if (process.isEmpty() || !process.get().isAlive()) {
            return true;
        }
        // the id was given to a new process after the session's own died: that one made nothing
        Optional<Instant> started = process.get().info().startInstant();
        return started.isPresent() && createdSeconds != null && createdSeconds != Long.MAX_VALUE
                && started.get().isAfter(Instant.ofEpochSecond(createdSeconds).plusSeconds(2));
    }

    private static Optional<Long> parseLong(String s) {
        try {
            return s == null ? Optional.empty() : Optional.of(Long.parseLong(s));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static List<Map<String, String>> concat(List<Map<String, String>> a, List<Map<String, String>> b) {
        List<Map<String, String>> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /**
     * Everything stagesh created on this engine (build cache, toolbox, cache mounts, leftovers)
     * but what a live session uses: its containers, its snapshots, the cache entries it stands on
     * (an image a container or a child image still uses is left, as plain {@code docker rmi}
     * leaves it) and, while any session lives, the shared volumes it may mount next. A session
     * is live as the reaper judges it: its process on this host runs, or it ran elsewhere.
     */
    public static Pruned pruneAll(Engine engine) {
        long self = ProcessHandle.current().pid();
        String host = SessionId.hostName();
        List<Map<String, String>> containers = engine.labelsOfContainersLabelled(SessionId.SESSION);
        List<Map<String, String>> images = engine.labelsOfImagesLabelled(SessionId.SESSION);
        Set<String> live = liveSessions(concat(containers, images), host, self);
        // in rounds: Podman refuses to remove a namespace holder while its joiners exist
        int removedContainers = removeContainers(engine, containers.stream()
                .filter(labels -> !live.contains(labels.get(SessionId.SESSION)))
                .map(labels -> labels.get("__id")).toList());
        int removedImages = 0;
        // children before parents: retry until a round removes nothing more
        for (int round = 0; round < 50; round++) {
            int before = removedImages;
            List<String> left = engine.labelsOfImagesLabelled(SessionId.SESSION).stream()
                    .filter(l -> !live.contains(l.get(SessionId.SESSION))).map(l -> l.get("__id")).toList();
            for (String id : left) {
                if (engine.removeImageIfUnused(id)) {
                    removedImages++;
                }
            }
            if (left.isEmpty() || removedImages == before) {
                break;
            }
        }
        int removedVolumes = 0;
        if (live.isEmpty()) {
            for (String v : engine.volumesLabelled(SessionId.SESSION)) {
                try {
                    engine.removeVolume(v);
                    removedVolumes++;
                } catch (RuntimeException inUse) {
                    // a container of a session that started meanwhile mounts it: it stays
                }
            }
        } else {
            // the shared volumes (toolbox, cache mounts) stay while a session lives; so do its own
            Set<String> kept = new HashSet<>();
            for (String session : live) {
                kept.addAll(engine.volumesLabelled(SessionId.SESSION + "=" + session));
            }
            for (String v : engine.volumesLabelled(SessionId.PID)) {
                if (!kept.contains(v)) {
                    try {
                        engine.removeVolume(v);
                        removedVolumes++;
                    } catch (RuntimeException inUse) {
                        // still mounted by a container: it stays
                    }
                }
            }
        }
        return new Pruned(removedContainers, removedImages, removedVolumes, live.size());
    }

    /** The sessions among the objects' owners that are not dead (nor shared infrastructure). */
    private static Set<String> liveSessions(List<Map<String, String>> objects, String host, long self) {
        Map<String, Long> firstSeen = new HashMap<>();
        Map<String, Map<String, String>> owner = new HashMap<>();
        for (Map<String, String> labels : objects) {
            String session = labels.get(SessionId.SESSION);
            firstSeen.merge(session, parseLong(labels.get("__created")).orElse(Long.MAX_VALUE), Math::min);
            owner.putIfAbsent(session, labels);
        }
        Set<String> live = new HashSet<>();
        for (var e : owner.entrySet()) {
            Map<String, String> labels = e.getValue();
            boolean session = labels.get(SessionId.PID) != null;
            boolean ours = String.valueOf(self).equals(labels.get(SessionId.PID)) && host.equals(labels.get(SessionId.HOST));
            if (session && !ours && !isDead(labels, host, self, firstSeen.get(e.getKey()))) {
                live.add(e.getKey());
            }
        }
        return live;
    }
}
