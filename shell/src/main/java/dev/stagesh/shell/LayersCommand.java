package dev.stagesh.shell;

import dev.stagesh.engine.Snapshot;
import dev.stagesh.engine.SnapshotInspector;
import dev.stagesh.engine.StageRun;
import dev.stagesh.fs.Layer;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "layers", description = "Size each step of the current stage adds, its biggest files, and the space "
        + "wasted on files overwritten or deleted later, with dive's image efficiency; the base image is one line.")
final class LayersCommand extends InspectCommand {
    @Option(names = "--json", description = "one JSON document") boolean json;

    @Override
    int run() {
        session().snapshot();
        StageRun run = session().current();
        SnapshotInspector inspector = session().inspector();
        List<Snapshot> snapshots = SnapshotInspector.steps(run);
        Snapshot top = snapshots.get(snapshots.size() - 1);
        List<Layer> layers = inspector.layers(top.imageId());
        int[] counts = new int[snapshots.size()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = inspector.diffIds(snapshots.get(i).imageId()).size();
        }
        if (counts[counts.length - 1] != layers.size()) {
            return fail("the engine's image has " + layers.size() + " layers where " + counts[counts.length - 1]
                    + " were expected");
        }
        List<StageLayers.Step> steps = new ArrayList<>();
        for (int i = 1; i < snapshots.size(); i++) {
            String text = run.steps().get(i).node().original().strip();
            if (i == run.position()) {
                text += "   (failed; its state kept)";
            }
            steps.add(new StageLayers.Step(i + 1, text, counts[i - 1], Math.max(0, counts[i] - counts[i - 1])));
        }
        StageLayers report = StageLayers.of(layers, counts[0], run.steps().get(0).node().original().strip(), steps);
        if (json) {
            json(report.json().put("stage", run.stage().displayName()));
        } else {
            report.render().forEach(printer()::line);
        }
        return 0;
    }
}
