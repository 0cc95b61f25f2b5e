package dev.stagesh.shell;

import dev.stagesh.dockerfile.instructions.Instruction;
import dev.stagesh.engine.StageRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "list", aliases = "l", description = "Show a stage's steps (default: the current one) with their state.")
final class ListCommand extends SessionCommand {
    @Parameters(arity = "0..1", paramLabel = "STAGE")
    String stage;

    @Override
    int execute() {
        StageRun run = stage == null ? session().current()
                : session().stages().get(session().dockerfile().stage(stage).index());
        printer().line(run.label() + ":");
        for (int i = 0; i < run.total(); i++) {
            Instruction ins = run.steps().get(i);
            String mark;
            if (run.failure() != null && run.failure().step() == i + 1) {
                mark = printer().style("✗", "31");
            } else if (i < run.position()) {
                mark = i == run.position() - 1 ? printer().style("→", "1;32") : printer().style("✓", "32");
            } else {
                mark = " ";
            }
            printer().line(String.format("%s %2d  %4d  %s", mark, i + 1, ins.line(), ins.node().original().strip()));
        }
        return 0;
    }
}
