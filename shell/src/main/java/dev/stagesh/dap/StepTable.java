package dev.stagesh.dap;

import dev.stagesh.dockerfile.Dockerfile;
import dev.stagesh.dockerfile.Stage;
import dev.stagesh.dockerfile.instructions.Instruction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The steps of the Dockerfile as the debugger shows them: one thread per stage the target needs
 * (named after the stage, so two stages' identical FROM lines are two steps, each at its own
 * line), and where each step's lines are. Breakpoints are checked against it when they are set,
 * not when the build reaches them.
 */
public record StepTable(List<StageThread> threads, List<Stage> unneeded) {
    public StepTable {
        threads = List.copyOf(threads);
        unneeded = List.copyOf(unneeded);
    }

    /** A stage as a thread; its id is the stage's index + 1 (DAP thread ids are positive). */
    public record StageThread(int id, Stage stage, List<StepLine> steps) {
        public StageThread {
            steps = List.copyOf(steps);
        }

        public String name() {
            return stage.name() != null ? "stage " + stage.name() : "stage " + stage.index();
        }
    }

    /** A step: its number in the stage (FROM is 1), its keyword, and the lines it spans. */
    public record StepLine(int step, String keyword, int startLine, int endLine, String text) {
        boolean covers(int line) {
            return startLine <= line && line <= endLine;
        }
    }

    /** Where a breakpoint asked for at a line lands: a step, or why none. */
    public sealed interface Placement {
        record AtStep(StageThread thread, StepLine step) implements Placement {}

        record Nowhere(String reason) implements Placement {}
    }

    public static StepTable of(Dockerfile dockerfile, List<Stage> needed) {
        List<StageThread> threads = new ArrayList<>();
        List<Stage> unneeded = new ArrayList<>(dockerfile.stages());
        for (Stage s : needed) {
            unneeded.remove(s);
            List<StepLine> steps = new ArrayList<>();
            List<Instruction> all = new ArrayList<>();
            all.add(s.from());
            all.addAll(s.instructions());
            for (int i = 0; i < all.size(); i++) {
                Instruction ins = all.get(i);
                steps.add(new StepLine(i + 1, ins.keyword(), ins.node().startLine(), ins.node().endLine(),
                        ins.node().original().strip()));
            }
            threads.add(new StageThread(s.index() + 1, s, steps));
        }
        return new StepTable(threads, unneeded);
    }

    public Optional<StageThread> thread(int id) {
        return threads.stream().filter(t -> t.id() == id).findFirst();
    }

    public StageThread threadOf(Stage stage) {
        return thread(stage.index() + 1).orElseThrow(() -> new IllegalArgumentException("stage " + stage.displayName() + " is not needed"));
    }

    /**
     * The step a breakpoint at {@code line} stops before: the step whose lines include it, else
     * (a blank or comment line) the next step; a line of a stage the target does
     * not need, or past every step, is nowhere.
     */
    public Placement place(int line) {
        for (Stage s : unneeded) {
            int first = s.from().node().startLine();
            int last = lastLine(s);
            if (first <= line && line <= last) {
                return new Placement.Nowhere("line " + line + " is in stage " + s.displayName()
                        + ", which the target does not need");
            }
        }
        StageThread after = null;
        StepLine afterStep = null;
        for (StageThread t : threads) {
            for (StepLine step : t.steps()) {
                if (step.covers(line)) {
                    return new Placement.AtStep(t, step);
                }
                if (step.startLine() > line && (afterStep == null || step.startLine() < afterStep.startLine())) {
                    after = t;
                    afterStep = step;
                }
            }
        }
        if (afterStep == null) {
            return new Placement.Nowhere("no step at or after line " + line);
        }
        for (Stage s : unneeded) {
            int first = s.from().node().startLine();
            if (first > line && first < afterStep.startLine()) {
                return new Placement.Nowhere("the next step after line " + line + " is in stage " + s.displayName()
                        + ", which the target does not need");
            }
        }
        return new Placement.AtStep(after, afterStep);
    }

    private static int lastLine(Stage s) {
        List<Instruction> ins = s.instructions();
        return ins.isEmpty() ? s.from().node().endLine() : ins.get(ins.size() - 1).node().endLine();
    }
}
