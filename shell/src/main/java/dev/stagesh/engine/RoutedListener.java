package dev.stagesh.engine;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * What every part of a session tells its listener goes through here: to the session's own
 * listener, or, on a thread that runs a stage beside others, to that stage's view of it
 * ({@link StepListener#beside}), so two stages' lines stay apart. Per thread, since the parts
 * (RUN, COPY, WORKDIR) are shared by every stage; a sink called from the engine client's threads
 * is handed {@link #forThisThread()} on the step's own thread.
 */
final class RoutedListener implements StepListener {
    private final StepListener base;
    private final ThreadLocal<StepListener> beside = new ThreadLocal<>();

    RoutedListener(StepListener base) {
        this.base = base;
    }

    /** Runs {@code body} with this thread's lines going to {@code run}'s view of the listener. */
    <T> T during(StageRun run, Supplier<T> body) {
        StepListener before = beside.get();
        beside.set(base.beside(run));
        try {
            return body.get();
        } finally {
            if (before == null) {
                beside.remove();
            } else {
                beside.set(before);
            }
        }
    }

    @Override
    public StepListener forThisThread() {
        StepListener l = beside.get();
        return l == null ? base : l;
    }

    @Override
    public void stepStarted(StageRun stage, int step, String instruction) {
        forThisThread().stepStarted(stage, step, instruction);
    }

    @Override
    public void stepFinished(StageRun stage, int step, Duration took, boolean cached) {
        forThisThread().stepFinished(stage, step, took, cached);
    }

    @Override
    public void stepEnded(StageRun stage, int step) {
        forThisThread().stepEnded(stage, step);
    }

    @Override
    public void progress(String line) {
        forThisThread().progress(line);
    }

    @Override
    public void transferred(long sent, long total) {
        forThisThread().transferred(sent, total);
    }

    @Override
    public void stdout(byte[] bytes, int offset, int length) {
        forThisThread().stdout(bytes, offset, length);
    }

    @Override
    public void stderr(byte[] bytes, int offset, int length) {
        forThisThread().stderr(bytes, offset, length);
    }

    @Override
    public void pullStarted(String reference) {
        forThisThread().pullStarted(reference);
    }

    @Override
    public void pullEnded(String reference) {
        forThisThread().pullEnded(reference);
    }
}
