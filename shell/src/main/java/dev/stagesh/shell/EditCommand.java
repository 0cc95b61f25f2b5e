package dev.stagesh.shell;

import java.io.IOException;
import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "edit", description = "Open $VISUAL or $EDITOR at the current step's line, then reload and re-run "
        + "from the first changed instruction up to where you were.")
final class EditCommand extends SessionCommand {
    @Override
    int execute() throws IOException, InterruptedException {
        String editor = System.getenv("VISUAL");
        if (editor == null || editor.isBlank()) {
            editor = System.getenv("EDITOR");
        }
        if (editor == null || editor.isBlank()) {
            editor = "vi";
        }
        var run = session().current();
        int wasAt = run.failure() != null ? run.failure().step() : Math.max(run.position(), 1);
        var step = run.steps().get(Math.min(wasAt, run.total()) - 1);
        String file = session().dockerfile().fileName();
        Process p = new ProcessBuilder(List.of("sh", "-c", editor + " \"$1\" \"$2\"", "edit",
                "+" + step.node().startLine(), file)).inheritIO().start();
        int code = p.waitFor();
        if (code != 0) {
            printer().error("edit: " + editor + " exited with code " + code + "; nothing reloaded");
            return 1;
        }
        String where = step.node().original().strip();
        int kept = Reloads.reportAndRewind(context);
        var current = session().current();
        // nothing up to the step the user stood on changed: stay there. Otherwise run through that
        // step (found again by its text, since lines may have moved), or through the first changed
        // step when that very step was edited. A failed step counts as not done: it runs again.
        int through;
        if (kept >= wasAt && run.failure() == null) {
            through = wasAt;
        } else {
            through = kept + 1;
            for (int i = kept; i < current.total(); i++) {
                if (current.steps().get(i).node().original().strip().equals(where)) {
                    through = i + 1;
                    break;
                }
            }
        }
        through = Math.min(through, current.total());
        if (current.position() < through) {
            session().next(through - current.position());
        }
        return 0;
    }
}
