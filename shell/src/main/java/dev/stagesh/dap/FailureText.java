package dev.stagesh.dap;

import dev.stagesh.console.Printer;
import dev.stagesh.engine.Session;
import dev.stagesh.engine.StageRun;
import dev.stagesh.engine.StepFailure;
import dev.stagesh.shell.FailureReport;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** The shell's failure report (argv, exit code, env, last lines) as one text, for the editor. */
final class FailureText {
    private FailureText() {}

    static String of(Session session, StageRun run, StepFailure f) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Printer p = new Printer(buf, buf, false);
        FailureReport.print(p, f, session.undeclaredGlobalArgs(run, f.step() - 1), true);
        return buf.toString(StandardCharsets.UTF_8).replaceFirst("^stagesh: ", "").stripTrailing();
    }
}
