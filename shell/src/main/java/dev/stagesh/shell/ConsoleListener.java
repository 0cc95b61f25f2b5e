package dev.stagesh.shell;

import dev.stagesh.console.Printer;
import dev.stagesh.engine.StageRun;
import dev.stagesh.engine.StepListener;
import java.time.Duration;
import java.util.Optional;

/**
 * Shows steps as they run on stderr, the way docker build's plain progress does. On an
 * interactive terminal a {@link StatusLine} below the output also shows the running step, its
 * time and transfer progress, and a pull's layers; everything this listener writes takes the
 * status's lock, so the two never interleave.
 */
public final class ConsoleListener implements StepListener {
    private final Printer printer;
    private final Object lock = new Object();
    private volatile StatusLine status;
    /** Whether a step's output stopped mid-line: the next progress line must not be glued to it. */
    private boolean midLine;

    public ConsoleListener(Printer printer) {
        this.printer = printer;
    }

    /** From now on, running steps are shown on this terminal's status line too. */
    void showStatusOn(org.jline.terminal.Terminal terminal) {
        status = new StatusLine(terminal, lock, printer.colour());
    }

    @Override
    public void stepStarted(StageRun stage, int step, String instruction) {
        synchronized (lock) {
            String where = stage.stage().displayName() + " " + step + "/" + stage.total();
            endLine();
            printer.progress("[" + where + "] " + instruction);
            if (status != null) {
                status.start("stage " + where + "  " + instruction);
            }
        }
    }

    @Override
    public void stepFinished(StageRun stage, int step, Duration took, boolean cached) {
        synchronized (lock) {
            stopStatus();
            endLine();
            if (cached) {
                printer.progress("  CACHED");
            } else if (took.toMillis() >= 1000) {
                printer.progress(String.format("  done in %.1fs", took.toMillis() / 1000.0));
            }
        }
    }

    @Override
    public void stepEnded(StageRun stage, int step) {
        synchronized (lock) {
            stopStatus();
            endLine();
        }
    }

    @Override
    public void transferred(long sent, long total) {
        StatusLine s = status;
        if (s != null) {
            s.transferred(sent, total);
        }
    }

    /**
     * A pull runs before its step starts, so it has a status line of its own: without one, the
     * layers' lines (which only the status shows) would show nowhere.
     */
    @Override
    public void pullStarted(String reference) {
        synchronized (lock) {
            endLine();
            printer.progress("  pulling " + reference);
            if (status != null) {
                status.start("pulling " + reference);
            }
        }
    }

    @Override
    public void pullEnded(String reference) {
        synchronized (lock) {
            stopStatus();
        }
    }

    @Override
    public void progress(String line) {
        synchronized (lock) {
            StatusLine s = status;
            Optional<PullLine> pull = s == null ? Optional.empty() : PullLine.parse(line);
            if (pull.isPresent()) {
                s.layer(pull.get().layer(), pull.get().state(), pull.get().finished());
                if (!pull.get().finished()) {
                    return; // the layer's line on the status shows it; the scrollback gets its outcome
                }
            }
            endLine();
            printer.progress("  " + line);
            if (s != null) {
                s.printedAbove();
            }
        }
    }

    @Override
    public void stdout(byte[] bytes, int offset, int length) {
        write(bytes, offset, length);
    }

    @Override
    public void stderr(byte[] bytes, int offset, int length) {
        write(bytes, offset, length);
    }

    private void write(byte[] bytes, int offset, int length) {
        synchronized (lock) {
            printer.err().write(bytes, offset, length);
            printer.err().flush();
            if (length > 0) {
                midLine = bytes[offset + length - 1] != '\n';
            }
        }
    }

    /** Ends a line the step's output left open, before a progress line of stagesh's own. */
    private void endLine() {
        if (midLine) {
            printer.err().println();
            midLine = false;
        }
    }

    private void stopStatus() {
        StatusLine s = status;
        if (s != null) {
            s.stop();
        }
    }
}
