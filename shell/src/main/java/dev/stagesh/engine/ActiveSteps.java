package dev.stagesh.engine;

import dev.stagesh.docker.Engine;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The containers in which a step's process is running right now, so Ctrl-C can stop them: the
 * container is killed, which ends the step with a non-zero code and leaves earlier snapshots as
 * they were. A step that has begun and whose container is not running yet (its mounts being
 * prepared, its container being created: seconds on a busy engine) is cancelled too: its command
 * never starts.
 */
final class ActiveSteps {
    private final Engine engine;
    /** Each running step's container and the thread that waits for it (stages may run side by side). */
    private final Map<String, Thread> running = new ConcurrentHashMap<>();
    /** The threads whose step a cancel stopped: each learns it of its own step, not of another's. */
    private final Set<Thread> cancelled = ConcurrentHashMap.newKeySet();
    /** The threads whose step has {@link #begin begun} and has no container running yet. */
    private final Set<Thread> preparing = ConcurrentHashMap.newKeySet();

    /** Thrown to the step whose command was cancelled before its container started. */
    static final class CancelledBeforeStart extends RuntimeException {
        CancelledBeforeStart() {
            super("cancelled before the step's container started", null, false, false);
        }
    }

    /** The calling thread's step, begun and not yet running; closing it ends that state. */
    interface Begun extends AutoCloseable {
        @Override
        void close();
    }

    ActiveSteps(Engine engine) {
        this.engine = engine;
    }

    /**
     * The calling thread's step begins: a cancel from now on stops it, even before its container
     * runs. A cancel that came while nothing started (the step failed first) is forgotten on close.
     */
    Begun begin() {
        Thread self = Thread.currentThread();
        preparing.add(self);
        return () -> {
            if (preparing.remove(self)) {
                cancelled.remove(self);
            }
        };
    }

    /**
     * The container about to run the calling thread's step; false when that step was cancelled
     * while it was being prepared, and then the container must not start (the cancel stays marked
     * for {@link #takeCancelled}).
     */
    boolean started(String containerId) {
        Thread self = Thread.currentThread();
        running.put(containerId, self);
        if (preparing.remove(self) && cancelled.contains(self)) {
            running.remove(containerId);
            return false;
        }
        return true;
    }

    void finished(String containerId) {
        running.remove(containerId);
    }

    /** Stops every running or begun step; returns whether there was one. */
    boolean cancel() {
        if (running.isEmpty() && preparing.isEmpty()) {
            return false;
        }
        cancelled.addAll(preparing);
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
