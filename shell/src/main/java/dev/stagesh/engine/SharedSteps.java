package dev.stagesh.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * The steps that stages running side by side have in common run once. Two stages {@code FROM} the
 * same image that begin with the same {@code RUN apt-get update} make the same step (the same cache
 * key: the parent snapshot, the command, its arguments, mounts, environment, user and directory);
 * BuildKit's solver merges such vertices into one within a build, cache or no cache, and so does
 * stagesh within one run of stages side by side: the first stage to reach the step runs it, the
 * others wait for its snapshot and stand on it too.
 *
 * <p>Only while {@link #open} holds: outside it (a step taken with {@code next}, a step run again
 * after {@code back}) every step runs, as a session without cache promises.
 */
final class SharedSteps {
    /** Where a shared step ran: shown to the stages that waited for it. */
    record Ran(String image, String where, boolean here) {}

    private final Map<String, Entry> steps = new HashMap<>(); // guarded by this
    private int openings; // guarded by this

    private record Entry(String where, CompletableFuture<String> image) {}

    /** Steps are shared until the returned scope is closed (scopes may nest; the last close forgets them). */
    synchronized Scope open() {
        openings++;
        return this::close;
    }

    private synchronized void close() {
        if (--openings == 0) {
            steps.clear();
        }
    }

    /**
     * The image of the step with {@code key}: made by {@code run} on this thread, unless a stage
     * beside this one already runs (or ran) the same step; then it is that step's image, once it
     * is there.
     *
     * @param where the stage and step that asks, as the other stages would be told of it
     * @throws SharedStepFailedException the same step failed, or was cancelled, in the stage that ran it
     */
    Ran once(String key, String where, Supplier<String> run) {
        CompletableFuture<String> mine = new CompletableFuture<>();
        Entry theirs;
        synchronized (this) {
            if (openings == 0 || key == null) {
                theirs = null;
                mine = null;
            } else {
                theirs = steps.putIfAbsent(key, new Entry(where, mine));
            }
        }
        if (mine == null) {
            return new Ran(run.get(), where, true);
        }
        if (theirs != null) {
            return new Ran(await(theirs), theirs.where(), false);
        }
        try {
            String image = run.get();
            mine.complete(image);
            return new Ran(image, where, true);
        } catch (RuntimeException | Error e) {
            // kept failed until the scope closes: the run is stopping (its first failure stops every
            // stage), and a stage that reaches the step meanwhile stops too instead of running it
            mine.completeExceptionally(e);
            throw e;
        }
    }

    private static String await(Entry theirs) {
        try {
            return theirs.image().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepCancelledException("interrupted while waiting for " + theirs.where());
        } catch (ExecutionException e) {
            throw new SharedStepFailedException(theirs.where());
        }
    }

    /** Ends the sharing {@link #open} began. */
    interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
