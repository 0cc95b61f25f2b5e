package dev.stagesh.dockerfile;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which of the stages a target needs may run at the same time, as BuildKit runs them: a stage
 * is ready once every stage it depends on (its FROM, {@code COPY --from}, {@code RUN --mount from=})
 * is done, and two stages neither of which needs the other may run side by side. Pure: it
 * says what may run; the engine decides how many at once.
 */
public final class StageSchedule {
    private final StageGraph graph;
    private final List<Stage> stages;

    /** The stages {@code target} needs, itself included. */
    public StageSchedule(StageGraph graph, Stage target) {
        this.graph = graph;
        this.stages = graph.required(target);
    }

    /** The stages {@code target} needs, without itself: what must be done before it can end. */
    public static StageSchedule before(StageGraph graph, Stage target) {
        return new StageSchedule(graph, graph.required(target).stream().filter(s -> s.index() != target.index()).toList());
    }

    private StageSchedule(StageGraph graph, List<Stage> stages) {
        this.graph = graph;
        this.stages = List.copyOf(stages);
    }

    /** Every stage of the schedule, in file order (a valid build order). */
    public List<Stage> stages() {
        return stages;
    }

    /**
     * The stages neither done nor started whose dependencies are all done, in file order. A
     * dependency outside the schedule counts as done only when {@code done} says so.
     */
    public List<Stage> ready(Set<Integer> done, Set<Integer> started) {
        List<Stage> out = new ArrayList<>();
        for (Stage s : stages) {
            if (!done.contains(s.index()) && !started.contains(s.index()) && done.containsAll(graph.dependencies(s))) {
                out.add(s);
            }
        }
        return out;
    }

    /** Whether neither stage needs the other, directly or through others. */
    public boolean independent(Stage a, Stage b) {
        return a.index() != b.index() && !needs(a, b) && !needs(b, a);
    }

    /** Whether two of the stages not yet {@code done} could run at the same time. */
    public boolean concurrent(Set<Integer> done) {
        List<Stage> left = stages.stream().filter(s -> !done.contains(s.index())).toList();
        for (int i = 0; i < left.size(); i++) {
            for (int j = i + 1; j < left.size(); j++) {
                if (independent(left.get(i), left.get(j))) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean needs(Stage a, Stage b) {
        Set<Integer> seen = new HashSet<>();
        List<Integer> work = new ArrayList<>(graph.dependencies(a));
        while (!work.isEmpty()) {
            int i = work.remove(work.size() - 1);
            if (i == b.index()) {
                return true;
            }
            if (seen.add(i)) {
                work.addAll(graph.dependencies(graph.resolve(Integer.toString(i))));
            }
        }
        return false;
    }
}
