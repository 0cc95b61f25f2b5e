package dev.stagesh.cli;

import dev.stagesh.console.Printer;
import dev.stagesh.docker.DockerEngine;
import dev.stagesh.engine.Reaper;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code stagesh prune}: removes the build cache and the shared toolbox. */
@Command(name = "prune", mixinStandardHelpOptions = true,
        description = "Remove stagesh's build cache, its toolbox volume and every leftover of ended sessions.")
final class PruneCommand implements Callable<Integer> {
    @picocli.CommandLine.ParentCommand
    StageshCommand parent;

    @Override
    public Integer call() {
        try (DockerEngine engine = parent.engine()) {
            Reaper.Pruned p = Reaper.pruneAll(engine);
            Printer.system(false).line("removed " + p.containers() + " containers, " + p.images() + " images, "
                    + p.volumes() + " volumes");
            return 0;
        }
    }
}
