package dev.stagesh.engine;

import dev.stagesh.docker.OutputSink;
import java.time.Duration;

/** Hears what the engine does, so the shell can show progress; the engine itself prints nothing. */
public interface StepListener extends OutputSink {
    void stepStarted(StageRun stage, int step, String instruction);

    void stepFinished(StageRun stage, int step, Duration took, boolean cached);

    void progress(String line);

    /** The step failed or was cancelled: whatever shows it as running must stop. */
    default void stepEnded(StageRun stage, int step) {}

    /**
     * A COPY's tar stream is being sent: {@code sent} bytes so far of about {@code total}
     * ({@code -1} when the size is not known beforehand, as for files from another image).
     */
    default void transferred(long sent, long total) {}

    /**
     * An image a step needs is being pulled (before the step starts: a step's sources are resolved
     * first); its progress lines follow, then {@link #pullEnded}, whether it worked or not.
     */
    default void pullStarted(String reference) {
        progress("pulling " + reference);
    }

    /** The pull {@link #pullStarted} said is over: whatever shows it as running must stop. */
    default void pullEnded(String reference) {}

    /**
     * The listener for a stage that runs beside others ({@code stagesh build} of independent
     * stages): what it prints must say which stage it is (a console prefixes every line). This
     * one, unchanged, where lines need no telling apart.
     */
    default StepListener beside(StageRun stage) {
        return this;
    }

    /**
     * The listener for the step this thread runs, to hand to a sink that other threads call (a
     * container's output arrives on the engine client's threads). This one, unless the listener
     * routes by thread ({@link RoutedListener}).
     */
    default StepListener forThisThread() {
        return this;
    }

    StepListener SILENT = new StepListener() {
        @Override
        public void stepStarted(StageRun stage, int step, String instruction) {}

        @Override
        public void stepFinished(StageRun stage, int step, Duration took, boolean cached) {}

        @Override
        public void progress(String line) {}

        @Override
        public void stdout(byte[] bytes, int offset, int length) {}

        @Override
        public void stderr(byte[] bytes, int offset, int length) {}
    };
}
