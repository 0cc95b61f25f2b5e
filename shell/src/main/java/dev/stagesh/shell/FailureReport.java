package dev.stagesh.shell;

import dev.stagesh.console.Printer;
import dev.stagesh.engine.StepFailure;

/** What a user needs to see when a step fails, to start debugging it where it stands. */
public final class FailureReport {
    private FailureReport() {}

    /** @param kept whether the session stands on the failed state (on-error on) or stayed before the step */
    public static void print(Printer p, StepFailure f, java.util.List<String> hiddenGlobalArgs, boolean kept) {
        p.error(f.message());
        p.err().println("  step:     " + f.step() + "  " + f.instruction());
        p.err().println("  argv:     " + f.argv());
        p.err().println("  exit:     " + f.exitCode());
        p.err().println("  workdir:  " + f.workdir() + "    user: " + f.user());
        if (!f.args().isEmpty()) {
            p.err().println("  args:     " + f.args());
        }
        p.err().println("  env:      " + f.env());
        if (!hiddenGlobalArgs.isEmpty()) {
            p.err().println("  note:     ARGs set before the first FROM are not visible in this stage until it"
                    + " declares them again (ARG NAME): " + String.join(", ", hiddenGlobalArgs));
        }
        if (!f.outputTail().isEmpty()) {
            p.err().println("  last output:");
            f.outputTail().forEach(l -> p.err().println("    | " + l));
        }
        if (kept) {
            p.err().println("  The failed state is kept: ls, cat, env and commit work on it; 'back' leaves it.");
        } else {
            p.err().println("  The failed state is not kept (break on-error is off): the session stays at step "
                    + (f.step() - 1) + ".");
        }
    }
}
