package dev.stagesh.dap;

import dev.stagesh.engine.Session;
import dev.stagesh.engine.StepListener;

/**
 * Opens the session a launch asks for, as the shell opens its own (the command line's checks of
 * the Dockerfile, context and secrets, the engine, the shutdown hook): the launcher does that,
 * the adapter only drives what it gets.
 */
public interface SessionOpener {
    /** An open session and how to end it (its containers and snapshots removed, exactly once). */
    record Opened(Session session, Runnable end) {}

    Opened open(LaunchConfig config, StepListener listener);
}
