package dev.stagesh.dap;

import dev.stagesh.StageshException;
import dev.stagesh.console.Printer;
import dev.stagesh.engine.Session;
import dev.stagesh.shell.ShellContext;
import dev.stagesh.shell.ShellRunner;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The debug console: a line is run as the stagesh prompt runs it (the same commands, the same
 * output), limited to the commands that read the session or tag an image; the motions are the
 * editor's buttons, so they are refused here rather than moving the session behind its back.
 */
final class Evaluator {
    static final Set<String> COMMANDS = Set.of("ls", "cat", "tree", "find", "stat", "grep", "diff", "layers", "env",
            "config", "history", "context", "stages", "list", "commit", "cp", "exec", "help");

    /** What a line printed: its output, or its error when it failed. */
    record Result(boolean ok, String output) {}

    private final Session session;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private ShellRunner runner;

    Evaluator(Session session) {
        this.session = session;
    }

    Result evaluate(String line) {
        String trimmed = line.strip();
        for (String part : trimmed.split(";")) {
            String word = part.strip().split("\\s+", 2)[0];
            if (!word.isEmpty() && !COMMANDS.contains(word)) {
                throw new StageshException("evaluate runs the stagesh commands that read (" + String.join(", ",
                        COMMANDS.stream().sorted().toList()) + "); '" + word + "' is not one of them");
            }
        }
        if (runner == null) {
            // built on first use: picocli's models of the commands cost a moment
            runner = new ShellRunner(new ShellContext(session, new Printer(out, err, false), new ShellContext.QuitSignal(), false));
        }
        out.reset();
        err.reset();
        int status = runner.runLine(trimmed);
        String printed = out.toString(StandardCharsets.UTF_8).stripTrailing();
        String errors = err.toString(StandardCharsets.UTF_8).stripTrailing();
        if (status != 0) {
            return new Result(false, (printed.isEmpty() ? "" : printed + "\n") + errors.replaceFirst("^stagesh: ", ""));
        }
        return new Result(true, printed.isEmpty() ? errors : printed);
    }
}
