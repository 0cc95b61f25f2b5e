package dev.stagesh.cli;

import dev.stagesh.docker.Engine;
import dev.stagesh.engine.Reaper;
import dev.stagesh.engine.Session;

/**
 * Ends a session exactly once, whoever gets there first: the main thread when the commands are
 * done, or the shutdown hook on a signal. The other caller waits until it is over, so the
 * engine connection is never closed under a cleanup still using it.
 */
final class SessionEnd implements Runnable {
    private final Engine engine;
    private final Session session;
    private final boolean keep;
    private boolean done;

    SessionEnd(Engine engine, Session session, boolean keep) {
        this.engine = engine;
        this.session = session;
        this.keep = keep;
    }

    boolean keep() {
        return keep;
    }

    Engine engine() {
        return engine;
    }

    /** Closes the session, then sweeps by label whatever of it a step still made meanwhile. */
    @Override
    public synchronized void run() {
        if (done) {
            return;
        }
        done = true;
        try {
            session.close();
        } finally {
            if (engine.createdAnything()) {
                Reaper.reapSession(engine, session.id().id(), keep);
            }
        }
    }
}
