package dev.stagesh.cli;

import dev.stagesh.docker.Engine;
import dev.stagesh.engine.Reaper;
import dev.stagesh.engine.Session;
import dev.stagesh.engine.SessionGround;

/**
 * Ends a session exactly once, whoever gets there first: the main thread when the commands are
 * done, or the shutdown hook on a signal. The other caller waits until it is over, so the
 * engine connection is never closed under a cleanup still using it.
 */
final class SessionEnd implements Runnable {
    private final Engine engine;
    private final Runnable close;
    private final String sessionId;
    private final boolean keep;
    private boolean done;

    SessionEnd(Engine engine, Session session, boolean keep) {
        this(engine, session::close, session.id().id(), keep);
    }

    private SessionEnd(Engine engine, Runnable close, String sessionId, boolean keep) {
        this.engine = engine;
        this.close = close;
        this.sessionId = sessionId;
        this.keep = keep;
    }

    /** The end of a session's ground that no session took (yet): its network holder goes. */
    static SessionEnd ofGround(SessionGround ground) {
        return new SessionEnd(ground.engine(), ground::close, ground.id().id(), false);
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
            close.run();
        } finally {
            if (engine.createdAnything()) {
                Reaper.reapSession(engine, sessionId, keep);
            }
        }
    }
}
