package dev.stagesh.shell;

import dev.stagesh.engine.StageRun;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "stages", description = "The stages, which the target needs, and how far each has run.")
final class StagesCommand extends SessionCommand {
    @Option(names = "--json", description = "one JSON array, a stage per element") boolean json;

    @Override
    int execute() {
        var target = session().target();
        Set<Integer> needed = session().graph().required(target.stage()).stream()
                .map(s -> s.index()).collect(Collectors.toSet());
        var array = Json.array();
        for (StageRun run : session().stages()) {
            if (json) {
                var n = array.addObject();
                n.put("index", run.stage().index());
                if (run.stage().name() != null) {
                    n.put("name", run.stage().name());
                }
                n.put("from", run.stage().from().image());
                n.put("steps", run.total());
                n.put("done", run.position());
                n.put("state", run.failure() != null ? "failed" : run.finished() ? "done" : run.started() ? "started" : "pending");
                if (run.failure() != null) {
                    n.put("failedStep", run.failure().step());
                }
                n.put("role", run == target ? "target" : needed.contains(run.stage().index()) ? "needed" : "not needed");
                n.put("current", run == session().current());
                continue;
            }
            String here = run == session().current() ? "*" : " ";
            String state = run.failure() != null ? "failed at " + run.failure().step()
                    : run.finished() ? "done" : run.started() ? run.position() + "/" + run.total() : "pending";
            String role = run == target ? "target" : needed.contains(run.stage().index()) ? "needed" : "not needed";
            printer().line(String.format("%s %-16s FROM %-28s %2d steps  %-12s %s", here, run.stage().displayName(),
                    run.stage().from().image(), run.total(), state, role));
        }
        if (json) {
            printer().line(Json.write(array));
        }
        return 0;
    }
}
