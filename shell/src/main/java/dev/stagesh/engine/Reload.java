package dev.stagesh.engine;

import dev.stagesh.dockerfile.StageGraph;
import dev.stagesh.dockerfile.instructions.Instruction;
import dev.stagesh.dockerfile.parser.Node;
import java.util.List;
import java.util.Objects;

/** Which steps survive an edit of the Dockerfile: the unchanged ones before the first change. */
final class Reload {
    private Reload() {}

    /** How many leading steps are the same instruction in both (position in the file may differ). */
    static int unchangedPrefix(List<Instruction> before, List<Instruction> after) {
        int n = Math.min(before.size(), after.size());
        for (int i = 0; i < n; i++) {
            if (!same(before.get(i).node(), after.get(i).node())) {
                return i;
            }
        }
        return n;
    }

    /**
     * The first step of the reloaded stage that reads a stage whose result may have changed, or
     * reads another stage than before (a renamed stage); {@link Integer#MAX_VALUE} when none does.
     * Such a step must run again even though its own text is the same: what it copies is not.
     */
    static int firstStaleSource(StageGraph before, StageRun old, StageGraph after, StageRun fresh,
                                java.util.Set<Integer> changedStages) {
        for (int i = 0; i < fresh.total(); i++) {
            List<Integer> now = after.stepSources(fresh.stage(), fresh.steps().get(i));
            if (now.stream().anyMatch(changedStages::contains)) {
                return i;
            }
            if (i < old.total() && !now.equals(before.stepSources(old.stage(), old.steps().get(i)))) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }

    private static boolean same(Node a, Node b) {
        return a.original().strip().equals(b.original().strip())
                && a.heredocs().equals(b.heredocs())
                && Objects.equals(a.onbuildTrigger() == null ? null : a.onbuildTrigger().original(),
                        b.onbuildTrigger() == null ? null : b.onbuildTrigger().original());
    }
}
