package dev.stagesh.shell;

import dev.stagesh.engine.HistoryEntry;
import dev.stagesh.engine.Snapshot;
import picocli.CommandLine.Command;

@Command(name = "history", description = "The image history this stage has written so far, one line per step.")
final class HistoryCommand extends SessionCommand {
    @Override
    int execute() {
        Snapshot s = session().snapshot();
        if (s.inheritedHistory() > 0) {
            printer().line("(" + s.inheritedHistory() + " entries from the base image)");
        }
        for (HistoryEntry h : s.history()) {
            printer().line((h.emptyLayer() ? "  0B  " : "layer ") + h.createdBy());
        }
        return 0;
    }
}
