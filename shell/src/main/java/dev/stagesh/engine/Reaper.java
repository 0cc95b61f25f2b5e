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

    public record Pruned(int containers, int images, int volumes) {
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

    /** Everything stagesh ever created on this engine: build cache, toolbox, leftovers. */
    public static Pruned pruneAll(Engine engine) {
        int containers = removeContainers(engine, engine.labelsOfContainersLabelled(SessionId.SESSION).stream()
                .map(l -> l.get("__id")).toList());
        int images = 0;
        // children before parents: retry until a round removes nothing more
        for (int round = 0; round < 50; round++) {
            var left = engine.imagesLabelled(SessionId.SESSION);
            int before = images;
            for (String id : left) {
                try {
                    engine.removeImage(id);
                    images++;
                } catch (RuntimeException e) {
                    // still has children; next round
                }
            }
            if (left.isEmpty() || images == before) {
                break;
            }
        }
        int volumes = 0;
        for (String v : engine.volumesLabelled(SessionId.SESSION)) {
            engine.removeVolume(v);
            volumes++;
        }
        return new Pruned(containers, images, volumes);
    }
}
