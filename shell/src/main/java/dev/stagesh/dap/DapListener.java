package dev.stagesh.dap;

import dev.stagesh.engine.StageRun;
import dev.stagesh.engine.StepListener;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BiConsumer;

/**
 * Shows steps as they run in the editor's debug console, as output events: the step lines
 * docker build prints, and a RUN's output as it comes (category stdout or stderr).
 */
final class DapListener implements StepListener {
    /** (category, text): console, stdout or stderr. */
    private final BiConsumer<String, String> output;

    DapListener(BiConsumer<String, String> output) {
        this.output = output;
    }

    @Override
    public void stepStarted(StageRun stage, int step, String instruction) {
        output.accept("console", "[" + stage.stage().displayName() + " " + step + "/" + stage.total() + "] " + instruction + "\n");
    }

    @Override
    public void stepFinished(StageRun stage, int step, Duration took, boolean cached) {
        if (cached) {
            output.accept("console", "  CACHED\n");
        } else if (took.toMillis() >= 1000) {
            output.accept("console", String.format("  done in %.1fs%n", took.toMillis() / 1000.0));
        }
    }

    @Override
    public void progress(String line) {
        output.accept("console", "  " + line + "\n");
    }

    @Override
    public void stdout(byte[] bytes, int offset, int length) {
        output.accept("stdout", new String(bytes, offset, length, StandardCharsets.UTF_8));
    }

    @Override
    public void stderr(byte[] bytes, int offset, int length) {
        output.accept("stderr", new String(bytes, offset, length, StandardCharsets.UTF_8));
    }
}
