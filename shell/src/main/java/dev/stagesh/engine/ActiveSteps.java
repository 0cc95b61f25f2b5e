package dev.stagesh.engine;

import dev.stagesh.docker.Engine;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The containers in which a step's process is running right now, so Ctrl-C can stop them: the
 * container is killed, which ends the step with a non-zero code and leaves earlier snapshots as
 * they were.
 */
final class ActiveSteps {
    private final Engine engine;
    /** Each running step's container and the thread that waits for it (stages may run side by side). */
    private final Map<String, Thread> running = new ConcurrentHashMap<>();
    /** The threads whose step a cancel stopped: each learns it of its own step, not of another's. */
    private final Set<Thread> cancelled = ConcurrentHashMap.newKeySet();

    ActiveSteps(Engine engine) {
        this.engine = engine;
    }

    void started(String containerId) {
        running.put(containerId, Thread.currentThread());
    }

    void finished(String containerId) {
        running.remove(containerId);
    }

    /** Stops every running step; returns whether one was running. */
    boolean cancel() {
        if (running.isEmpty()) {
            return false;
        }
        for (var e : running.entrySet()) {
            cancelled.add(e.getValue());
            engine.stop(e.getKey());
        }
        return true;
    }

    /** Whether the step this thread just ended was cancelled; clears the mark. */
    boolean takeCancelled() {
        return cancelled.remove(Thread.currentThread());
    }
}
