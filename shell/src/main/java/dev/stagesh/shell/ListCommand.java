package dev.stagesh.shell;

import dev.stagesh.dockerfile.instructions.Instruction;
import dev.stagesh.engine.StageRun;
import dev.stagesh.shell.syntax.Palette;
import org.jline.utils.AttributedString;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "list", aliases = "l", description = {
    "Show a stage's steps (default: the current one): ✓ done, → current, ✗ failed.",
    "On a terminal each step is shown as written (continuations, heredoc bodies), highlighted, "
        + "with ● where a breakpoint stops; in scripts, one line per step.",
    "A step with build check warnings ends with ! and their rules ('check' shows them)."})
final class ListCommand extends SessionCommand {
    @Parameters(arity = "0..1", paramLabel = "STAGE")
    String stage;

    @Override
    int execute() {
        StageRun run = stage == null ? session().current()
                : session().stages().get(session().dockerfile().stage(stage).index());
        if (context.interactive()) {
            Palette palette = new Palette(printer().colour());
            for (AttributedString line : new StageListing(palette).lines(run, session().dockerfile(), session().breakpoints(),
                    step -> warned(run, step))) {
                printer().line(palette.colour() ? line.toAnsi() : line.toString());
            }
            return 0;
        }
        // script mode: the stable one-line-per-step form scripts read
        printer().line(run.label() + ":");
        for (int i = 0; i < run.total(); i++) {
            Instruction ins = run.steps().get(i);
            String mark;
            if (run.failure() != null && run.failure().step() == i + 1) {
                mark = "✗";
            } else if (i < run.position()) {
                mark = i == run.position() - 1 ? "→" : "✓";
            } else {
                mark = " ";
            }
            String line = run.keptFromShell(ins) ? "   +" : String.format("%4d", ins.line());
            String warned = warned(run, ins);
            printer().line(String.format("%s %2d  %s  %s", mark, i + 1, line, ins.node().original().strip())
                    + (warned.isEmpty() ? "" : "  ! " + warned));
        }
        return 0;
    }

    /** The rules with warnings for this step, for the mark {@code list} puts on it ("" when none). */
    private String warned(StageRun run, Instruction step) {
        return context.checks().of(run, step).stream().map(f -> f.rule().ruleName()).distinct()
                .collect(java.util.stream.Collectors.joining(", "));
    }
}
