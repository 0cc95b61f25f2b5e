package dev.stagesh.engine;

import dev.stagesh.docker.DockerEngine;
import java.util.Map;

/**
 * Cleans up after sessions that could not clean up themselves (SIGKILL, a crash): their
 * containers, and their snapshots that are not part of the build cache. A session is dead when
 * it ran on this host and its process is gone; another live session's objects are never touched.
 */
public final class Reaper {
    private Reaper() {}

    public record Pruned(int containers, int images, int volumes) {}

    public static int reapDeadSessions(DockerEngine engine) {
        long self = ProcessHandle.current().pid();
        String host = SessionId.hostName();
        int removed = 0;
        for (Map<String, String> labels : engine.labelsOfContainersLabelled(SessionId.SESSION)) {
            if (isDead(labels, host, self)) {
                engine.removeContainer(labels.get("__id"));
                removed++;
            }
        }
        return removed;
    }

    private static boolean isDead(Map<String, String> labels, String host, long self) {
        String pid = labels.get(SessionId.PID);
        if (pid == null || !host.equals(labels.get(SessionId.HOST))) {
            return false;
        }
        try {
            long p = Long.parseLong(pid);
            return p != self && ProcessHandle.of(p).map(ph -> !ph.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Everything stagesh ever created on this engine: build cache, toolbox, leftovers. */
    public static Pruned pruneAll(DockerEngine engine) {
        int containers = 0;
        for (Map<String, String> labels : engine.labelsOfContainersLabelled(SessionId.SESSION)) {
            engine.removeContainer(labels.get("__id"));
            containers++;
        }
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
