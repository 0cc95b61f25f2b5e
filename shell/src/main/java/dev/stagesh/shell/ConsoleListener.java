package dev.stagesh.shell;

import dev.stagesh.cli.Printer;
import dev.stagesh.engine.StageRun;
import dev.stagesh.engine.StepListener;
import java.time.Duration;

/** Shows steps as they run on stderr, the way docker build's plain progress does. */
public final class ConsoleListener implements StepListener {
    private final Printer printer;

    public ConsoleListener(Printer printer) {
        this.printer = printer;
    }

    @Override
    public void stepStarted(StageRun stage, int step, String instruction) {
        printer.progress("[" + stage.stage().displayName() + " " + step + "/" + stage.total() + "] " + instruction);
    }

    @Override
    public void stepFinished(StageRun stage, int step, Duration took, boolean cached) {
        if (cached) {
            printer.progress("  CACHED");
        } else if (took.toMillis() >= 1000) {
            printer.progress(String.format("  done in %.1fs", took.toMillis() / 1000.0));
        }
    }

    @Override
    public void progress(String line) {
        printer.progress("  " + line);
    }

    @Override
    public void stdout(byte[] bytes, int offset, int length) {
        printer.err().write(bytes, offset, length);
        printer.err().flush();
    }

    @Override
    public void stderr(byte[] bytes, int offset, int length) {
        printer.err().write(bytes, offset, length);
        printer.err().flush();
    }
}
