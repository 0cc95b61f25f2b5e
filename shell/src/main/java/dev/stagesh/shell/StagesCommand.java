package dev.stagesh.shell;

import dev.stagesh.engine.StageRun;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

@Command(name = "stages", description = "The stages, which the target needs, and how far each has run.")
final class StagesCommand extends SessionCommand {
    @Override
    int execute() {
        var target = session().target();
        Set<Integer> needed = session().graph().required(target.stage()).stream()
                .map(s -> s.index()).collect(Collectors.toSet());
        for (StageRun run : session().stages()) {
            String here = run == session().current() ? "*" : " ";
            String state = run.failure() != null ? "failed at " + run.failure().step()
                    : run.finished() ? "done" : run.started() ? run.position() + "/" + run.total() : "pending";
            String role = run == target ? "target" : needed.contains(run.stage().index()) ? "needed" : "not needed";
            printer().line(String.format("%s %-16s FROM %-28s %2d steps  %-12s %s", here, run.stage().displayName(),
                    run.stage().from().image(), run.total(), state, role));
        }
        return 0;
    }
}
