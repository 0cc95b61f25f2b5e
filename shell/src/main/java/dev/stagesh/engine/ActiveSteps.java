package dev.stagesh.engine;

import dev.stagesh.docker.Engine;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The containers in which a step's process is running right now, so Ctrl-C can stop them: the
 * container is killed, which ends the step with a non-zero code and leaves earlier snapshots as
 * they were.
 */
final class ActiveSteps {
    private final Engine engine;
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private volatile boolean cancelled;

    ActiveSteps(Engine engine) {
        this.engine = engine;
    }

    void started(String containerId) {
        running.add(containerId);
    }

    void finished(String containerId) {
        running.remove(containerId);
    }

    /** Stops every running step; returns whether one was running. */
    boolean cancel() {
        if (running.isEmpty()) {
            return false;
        }
        cancelled = true;
        for (String id : running) {
            engine.stop(id);
        }
        return true;
    }

    /** Whether the step that just ended was cancelled; clears the flag. */
    boolean takeCancelled() {
        boolean c = cancelled;
        cancelled = false;
        return c;
    }
}
