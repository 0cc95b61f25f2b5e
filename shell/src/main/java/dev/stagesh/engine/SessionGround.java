package dev.stagesh.engine;

import dev.stagesh.docker.Engine;

/**
 * What a session stands on before it knows its Dockerfile: its id (the labels of everything it
 * makes), the toolbox and the network namespace its RUN steps share. A front end that waits for
 * its client before it can open the session (the DAP server waits for {@code launch}) starts the
 * network holder here at once ({@link #startNetwork}), so that the holder's container start
 * (~0.3-0.6 s, the netns) overlaps the client's handshake instead of the first RUN.
 *
 * <p>One {@link Session} takes it and owns it from then on (its end removes the holder); one that
 * no session took is {@link #close closed} by whoever made it.
 */
public final class SessionGround implements AutoCloseable {
    private final Engine engine;
    private final SessionId id;
    private final Toolbox toolbox;
    private final NetworkHolder network;

    private SessionGround(Engine engine) {
        this.engine = engine;
        this.id = SessionId.create();
        this.toolbox = new Toolbox(engine);
        this.network = new NetworkHolder(engine, toolbox, id.labels());
    }

    /** A new session's ground on this engine; nothing is made on the engine yet. */
    public static SessionGround on(Engine engine) {
        return new SessionGround(engine);
    }

    /** Starts making the network holder in the background (a container labelled as the session's). */
    public SessionGround startNetwork() {
        network.prepare();
        return this;
    }

    public Engine engine() {
        return engine;
    }

    public SessionId id() {
        return id;
    }

    Toolbox toolbox() {
        return toolbox;
    }

    NetworkHolder network() {
        return network;
    }

    /** Removes the holder of a ground no session took (a session's own end does it otherwise). */
    @Override
    public void close() {
        network.close();
    }
}
