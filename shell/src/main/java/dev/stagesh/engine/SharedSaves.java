package dev.stagesh.engine;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The {@code docker save}s of a session under way, so that no two read the same layers at once:
 * a save streams the whole image, and on an engine whose layer directories this machine cannot
 * read (the containerd store, Podman, a remote engine) it is what a first read costs. A read that
 * needs an image's layers waits for a save under way whose image has them all at its bottom (a
 * later snapshot of the same stage), instead of starting a second one beside it.
 *
 * <p>A save only the background asked for (indexing ahead) gives way to one a read waits for: it
 * is ended, and the read's own save indexes its layers too (the layers it already read are kept
 * as they pass, see {@link SnapshotInspector}), so the engine never streams two at once for the
 * session.
 */
final class SharedSaves {

    /** What the caller of {@link #turn} does next. */
    sealed interface Turn permits Wait, Run {}

    /** A save that covers the layers asked for is under way: wait for it, then look at the indexes again. */
    record Wait(Pending save) implements Turn {}

    /** No save covers them: the caller runs its own, and says when it ends ({@link #done}). */
    record Run(Pending save) implements Turn {}

    /** One save under way: the layers it reads, bottom first, and its stream once the engine answers. */
    static final class Pending {
        private final List<String> layers;
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        /** Whether only the background waits for it, so that a read's save may end it. */
        private boolean background;
        private boolean superseded;
        private InputStream stream;

        private Pending(List<String> layers, boolean background) {
            this.layers = List.copyOf(layers);
            this.background = background;
        }

        /**
         * Waits for the save to end. True when it read the image through; false when it was ended
         * to give way (the caller looks again: the save that replaced it covers its layers).
         *
         * @throws RuntimeException what ended the save otherwise
         */
        boolean await() {
            try {
                done.get();
                return true;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Superseded) {
                    return false;
                }
                throw e.getCause() instanceof RuntimeException r ? r : new CompletionException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new dev.stagesh.docker.EngineException("interrupted while the snapshot's layers were read", e);
            }
        }
    }

    /** How a save that gave way ends for those who waited on it. */
    private static final class Superseded extends RuntimeException {
        Superseded() {
            super("ended to give way to a save a read waits for", null, false, false);
        }
    }

    private final List<Pending> pending = new ArrayList<>();

    /**
     * Whether to wait for a save under way or run one for {@code layers}. A save the background
     * started that a read now waits for is no longer ended for another read's.
     *
     * @param background whether only the background asks (indexing ahead); such a caller never
     *                   ends another's save, and when one covers its layers it has nothing to do
     * @param mayWait    false to run a save whatever is under way
     */
    Turn turn(List<String> layers, boolean background, boolean mayWait) {
        List<InputStream> ended = new ArrayList<>();
        Turn turn;
        synchronized (this) {
            turn = choose(layers, background, mayWait, ended);
        }
        // outside the lock: a close may wait for the read under way on that stream
        ended.forEach(SharedSaves::closeQuietly);
        return turn;
    }

    private Turn choose(List<String> layers, boolean background, boolean mayWait, List<InputStream> ended) {
        for (Pending p : pending) {
            if (mayWait && !p.superseded && SnapshotInspector.isPrefix(layers, p.layers)) {
                if (!background) {
                    p.background = false;
                }
                return new Wait(p);
            }
        }
        if (!background) {
            // one save at a time: what only the background wanted gives way to what a read waits for
            for (Pending p : pending) {
                if (p.background && !p.superseded) {
                    p.superseded = true;
                    if (p.stream != null) {
                        ended.add(p.stream);
                    }
                }
            }
        }
        Pending mine = new Pending(layers, background);
        pending.add(mine);
        return new Run(mine);
    }

    /**
     * Records the stream of a save being run, so that it can be ended; false when it was ended
     * already (the caller closes the stream and stops).
     */
    synchronized boolean opened(Pending save, InputStream stream) {
        save.stream = stream;
        return !save.superseded;
    }

    /** Whether only the background waits for the save (and it was not ended). */
    synchronized boolean backgroundOnly(Pending save) {
        return save.background && !save.superseded;
    }

    /** Whether the save was ended to give way: its failure is then no error. */
    synchronized boolean superseded(Pending save) {
        return save.superseded;
    }

    /** The save ended: those waiting for it go on ({@code failure} null when it read the image through). */
    void done(Pending save, RuntimeException failure) {
        boolean gaveWay;
        synchronized (this) {
            pending.remove(save);
            save.stream = null;
            gaveWay = save.superseded;
        }
        if (gaveWay) {
            save.done.completeExceptionally(new Superseded());
        } else if (failure != null) {
            save.done.completeExceptionally(failure);
        } else {
            save.done.complete(null);
        }
    }

    /** Ends every save under way (the session ends); those waiting get the failure the stream's end gives. */
    void closeAll() {
        List<InputStream> streams = new ArrayList<>();
        synchronized (this) {
            for (Pending p : pending) {
                if (p.stream != null) {
                    streams.add(p.stream);
                }
            }
        }
        // outside the lock: a reader blocked in the stream holds no lock of ours, and its end wakes it
        streams.forEach(SharedSaves::closeQuietly);
    }

    private static void closeQuietly(InputStream in) {
        if (in == null) {
            return;
        }
        try {
            in.close();
        } catch (IOException | RuntimeException e) {
            // the engine's stream is gone either way
        }
    }
}
