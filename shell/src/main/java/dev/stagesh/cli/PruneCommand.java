package dev.stagesh.cli;

import dev.stagesh.console.Printer;
import dev.stagesh.docker.Engine;
import dev.stagesh.engine.Reaper;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code stagesh prune}: removes the build cache and the shared toolbox. */
@Command(name = "prune", mixinStandardHelpOptions = true,
        description = "Remove stagesh's build cache, its toolbox and cache volumes and every leftover of ended sessions; "
                + "what a live session uses (its containers, snapshots and the shared volumes) is left alone.")
final class PruneCommand implements Callable<Integer> {
    @picocli.CommandLine.ParentCommand
    StageshCommand parent;

    @Override
    public Integer call() {
        try (Engine engine = parent.engine()) {
            Reaper.Pruned p = Reaper.pruneAll(engine);
            Printer out = Printer.system(false);
            out.line("removed " + p.containers() + " containers, " + p.images() + " images, " + p.volumes() + " volumes");
            if (p.liveSessions() > 0) {
                out.progress("left alone: what " + p.liveSessions() + (p.liveSessions() == 1 ? " live session uses" : " live sessions use")
                        + " (its containers, snapshots and cache entries, and the shared volumes)");
            }
            return 0;
        }
    }
}
