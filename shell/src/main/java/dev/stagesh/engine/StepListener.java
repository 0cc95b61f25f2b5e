package dev.stagesh.engine;

import dev.stagesh.docker.OutputSink;
import java.time.Duration;

/** Hears what the engine does, so the shell can show progress; the engine itself prints nothing. */
public interface StepListener extends OutputSink {
    void stepStarted(StageRun stage, int step, String instruction);

    void stepFinished(StageRun stage, int step, Duration took, boolean cached);

    void progress(String line);

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
