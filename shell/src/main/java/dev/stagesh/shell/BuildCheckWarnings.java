package dev.stagesh.shell;

import dev.stagesh.console.Printer;
import dev.stagesh.context.ContextIgnoreRules;
import dev.stagesh.docker.EngineBaseImages;
import dev.stagesh.dockerfile.Dockerfile;
import dev.stagesh.dockerfile.Platform;
import dev.stagesh.dockerfile.checks.CheckOptions;
import dev.stagesh.dockerfile.checks.CheckResult;
import dev.stagesh.dockerfile.checks.Checker;
import dev.stagesh.dockerfile.checks.Finding;
import dev.stagesh.dockerfile.instructions.Instruction;
import dev.stagesh.engine.Session;
import dev.stagesh.engine.StageRun;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The build checks of the session's Dockerfile, for the shell: worked out once per loaded file (again after
 * {@code reload} or {@code edit}), each warning announced the first time the session reaches its instruction.
 * Every stage is checked, as {@code docker build --check} does without {@code --target}, since the session can go
 * into any of them.
 */
public final class BuildCheckWarnings {
    private final Session session;
    private final Set<String> announced = new HashSet<>();
    private Dockerfile checked;
    private CheckResult result;

    public BuildCheckWarnings(Session session) {
        this.session = session;
    }

    /** The findings for the Dockerfile the session has loaded now. */
    public synchronized CheckResult result() {
        Dockerfile now = session.dockerfile();
        if (now != checked) {
            var ignore = session.buildContext().ignore();
            CheckOptions options = new CheckOptions(session.options().buildArgs(), null,
                    Platform.parse(session.engine().platform()), new EngineBaseImages(session.engine()),
                    ignore.isEmpty() ? Optional.empty() : Optional.of(new ContextIgnoreRules(ignore)));
            result = Checker.check(text(now), now.fileName(), options);
            checked = now;
        }
        return result;
    }

    /** The warnings of one step (none for a step kept from {@code shell --keep}, which is not in the file). */
    public List<Finding> of(StageRun run, Instruction step) {
        if (run.keptFromShell(step)) {
            return List.of();
        }
        return result().forInstruction(step.node().startLine(), step.node().endLine());
    }

    /**
     * One line for each warning of the steps the current stage has reached and that was not said before. A warning
     * is said again only when its instruction changed (reload, edit).
     */
    public void announceReached(Printer printer) {
        newlyReached().forEach(printer::progress);
    }

    /** The lines {@link #announceReached} says, for a front end that shows them its own way (the DAP server). */
    public List<String> newlyReached() {
        StageRun run = session.current();
        // a step that failed was reached too: its warnings may be why
        int reached = Math.max(run.position(), run.failure() != null ? run.failure().step() : 0);
        List<String> lines = new java.util.ArrayList<>();
        for (int i = 0; i < Math.min(reached, run.total()); i++) {
            Instruction step = run.steps().get(i);
            for (Finding f : of(run, step)) {
                if (announced.add(f.rule().ruleName() + "\n" + f.detail() + "\n" + step.node().original())) {
                    lines.add("warning: line " + f.line() + ": " + f.rule().ruleName() + ": " + f.detail()
                            + " ('check' lists every warning)");
                }
            }
        }
        return lines;
    }

    /** The loaded file's text, rebuilt from its lines (the file on disk may have changed since). */
    private static String text(Dockerfile dockerfile) {
        StringBuilder sb = new StringBuilder();
        for (int n = 1; dockerfile.sourceLine(n) != null; n++) {
            sb.append(dockerfile.sourceLine(n)).append('\n');
        }
        return sb.toString();
    }
}
