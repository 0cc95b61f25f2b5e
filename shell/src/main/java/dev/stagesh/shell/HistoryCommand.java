package dev.stagesh.shell;

import dev.stagesh.engine.HistoryEntry;
import dev.stagesh.engine.Snapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "history", description = "The image history this stage has written so far, one line per step.")
final class HistoryCommand extends SessionCommand {
    @Option(names = "--json", description = "one JSON object: inherited (base image entries) and steps") boolean json;

    @Override
    int execute() {
        Snapshot s = session().snapshot();
        if (json) {
            var doc = Json.object();
            doc.put("inherited", s.inheritedHistory());
            var steps = doc.putArray("steps");
            for (HistoryEntry h : s.history()) {
                steps.addObject().put("createdBy", h.createdBy()).put("emptyLayer", h.emptyLayer());
            }
            printer().line(Json.write(doc));
            return 0;
        }
        if (s.inheritedHistory() > 0) {
            printer().line("(" + s.inheritedHistory() + " entries from the base image)");
        }
        for (HistoryEntry h : s.history()) {
            printer().line((h.emptyLayer() ? "  0B  " : "layer ") + h.createdBy());
        }
        return 0;
    }
}
