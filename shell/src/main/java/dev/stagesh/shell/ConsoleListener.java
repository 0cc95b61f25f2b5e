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

    /**
     * From now on, running steps are shown on this terminal's status line too; the rows at its
     * foot, which the prompt's command descriptions share, are returned.
     */
    ScreenFoot showStatusOn(org.jline.terminal.Terminal terminal, java.util.function.Supplier<org.jline.utils.AttributedString> position) {
        ScreenFoot foot = new ScreenFoot(terminal, lock, position);
        status = new StatusLine(foot, lock, printer.colour());
        return foot;
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

    /**
     * While stages run side by side, each line one of them prints (its steps, their output, its
     * progress) starts with the stage and step, {@code [0 (build) 2/5]}, as BuildKit's plain
     * progress marks its lines, and a step's output is printed a whole line at a time, so lines
     * of two stages never mix. The status line is left alone: it shows one step, and two run.
     */
    @Override
    public StepListener beside(StageRun stage) {
        return new Beside(stage);
    }

    private final class Beside implements StepListener {
        private final StageRun stage;
        private final java.io.ByteArrayOutputStream partial = new java.io.ByteArrayOutputStream();
        private int step = 1;

        Beside(StageRun stage) {
            this.stage = stage;
        }

        private String prefix() {
            return "[" + stage.stage().displayName() + " " + step + "/" + stage.total() + "] ";
        }

        @Override
        public void stepStarted(StageRun run, int step, String instruction) {
            synchronized (lock) {
                this.step = step;
                endLine();
                printer.progress(prefix() + instruction);
            }
        }

        @Override
        public void stepFinished(StageRun run, int step, Duration took, boolean cached) {
            synchronized (lock) {
                flush();
                if (cached) {
                    printer.progress(prefix() + "CACHED");
                } else if (took.toMillis() >= 1000) {
                    printer.progress(prefix() + String.format("done in %.1fs", took.toMillis() / 1000.0));
                }
            }
        }

        @Override
        public void stepEnded(StageRun run, int step) {
            synchronized (lock) {
                flush();
            }
        }

        @Override
        public void progress(String line) {
            synchronized (lock) {
                endLine();
                printer.progress(prefix() + line);
            }
        }

        @Override
        public void stdout(byte[] bytes, int offset, int length) {
            lines(bytes, offset, length);
        }

        @Override
        public void stderr(byte[] bytes, int offset, int length) {
            lines(bytes, offset, length);
        }

        private void lines(byte[] bytes, int offset, int length) {
            synchronized (lock) {
                for (int i = offset; i < offset + length; i++) {
                    partial.write(bytes[i]);
                    if (bytes[i] == '\n') {
                        flush();
                    }
                }
            }
        }

        /** Prints the line collected so far, if any, with the stage's prefix. */
        private void flush() {
            if (partial.size() == 0) {
                return;
            }
            endLine();
            byte[] line = partial.toByteArray();
            partial.reset();
            var err = printer.err();
            err.print(prefix());
            err.write(line, 0, line.length);
            if (line[line.length - 1] != '\n') {
                err.println();
            }
            err.flush();
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
