package dev.stagesh.shell;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stagesh.engine.Snapshot;
import dev.stagesh.engine.SnapshotInspector;
import dev.stagesh.engine.StageRun;
import dev.stagesh.fs.DiffEntry;
import dev.stagesh.fs.EntryType;
import dev.stagesh.fs.SizeFormat;
import dev.stagesh.fs.TreeDiff;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "diff", description = "Files added (A), changed (C) and removed (D) between two steps of the current "
        + "stage, with sizes: no arguments compares the current step with the one before, 'diff N' step N-1 with "
        + "step N, 'diff A B' step A with step B (step 0 is an empty filesystem). Read from the snapshots' layers.")
final class DiffCommand extends InspectCommand {
    @Option(names = "--json", description = "one JSON document") boolean json;
    @Parameters(arity = "0..2", paramLabel = "STEP") List<Integer> steps = new ArrayList<>();

    @Override
    int run() {
        session().snapshot();
        StageRun run = session().current();
        List<Snapshot> snapshots = SnapshotInspector.steps(run);
        int last = snapshots.size();
        int from;
        int to;
        if (steps.isEmpty()) {
            to = last;
            from = last - 1;
        } else if (steps.size() == 1) {
            to = steps.get(0);
            from = to - 1;
        } else {
            from = steps.get(0);
            to = steps.get(1);
        }
        for (int n : List.of(to, from)) {
            if (n < 0 || n > last) {
                return fail("step " + n + " of " + run.label() + " has not run (steps 1-" + last
                        + " have; 0 is an empty filesystem)");
            }
        }
        TreeDiff diff = session().inspector().diff(from == 0 ? null : snapshots.get(from - 1),
                to == 0 ? null : snapshots.get(to - 1));
        if (json) {
            json(document(diff, from, to, run));
            return 0;
        }
        printer().lines(diff.entries().stream().map(DiffCommand::line).toList());
        if (!diff.isEmpty()) {
            printer().line("");
        }
        printer().line(diff.summary());
        return 0;
    }

    /** {@code A /path (1.2 kB)}; a changed file shows its old and new size when the size changed. */
    static String line(DiffEntry e) {
        if (e.kind() != DiffEntry.Kind.CHANGED) {
            return e.render();
        }
        String text = e.render();
        if (e.changed().contains(DiffEntry.Attribute.SIZE)
                && e.before().type() == EntryType.FILE && e.after().type() == EntryType.FILE) {
            text = "C " + e.path() + " (" + SizeFormat.si(e.before().size()) + " -> " + SizeFormat.si(e.after().size()) + ")";
        }
        return text + " [" + e.changed().stream().sorted().map(a -> a.name().toLowerCase(Locale.ROOT).replace('_', ' '))
                .collect(java.util.stream.Collectors.joining(", ")) + "]";
    }

    private static ObjectNode document(TreeDiff diff, int from, int to, StageRun run) {
        ObjectNode doc = Json.object();
        doc.put("stage", run.stage().displayName());
        step(doc.putObject("from"), from, run);
        step(doc.putObject("to"), to, run);
        doc.put("added", diff.of(DiffEntry.Kind.ADDED).size());
        doc.put("addedBytes", diff.bytes(DiffEntry.Kind.ADDED));
        doc.put("changed", diff.of(DiffEntry.Kind.CHANGED).size());
        doc.put("removed", diff.of(DiffEntry.Kind.REMOVED).size());
        doc.put("removedBytes", diff.bytes(DiffEntry.Kind.REMOVED));
        ArrayNode entries = doc.putArray("entries");
        for (DiffEntry e : diff.entries()) {
            ObjectNode n = entries.addObject();
            n.put("kind", e.kind().name().toLowerCase(Locale.ROOT));
            n.put("path", e.path());
            n.put("type", e.entry().type().jsonName());
            n.put("size", e.size());
            if (e.before() != null && e.after() != null) {
                n.put("sizeBefore", e.before().size());
                ArrayNode what = n.putArray("changes");
                e.changed().stream().map(a -> a.name().toLowerCase(Locale.ROOT)).sorted().forEach(what::add);
            }
            if (e.entry().linkTarget() != null) {
                n.put("linkTarget", e.entry().linkTarget());
            }
        }
        return doc;
    }

    private static void step(ObjectNode n, int step, StageRun run) {
        n.put("step", step);
        if (step > 0) {
            n.put("instruction", run.steps().get(step - 1).node().original().strip());
        }
    }
}
