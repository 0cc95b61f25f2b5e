package dev.stagesh.engine;

import dev.stagesh.dockerfile.Stage;
import dev.stagesh.dockerfile.instructions.Instruction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One stage of the Dockerfile as the session has run it so far: its steps (FROM first), the
 * outcome of each step done, and the failure of the step after them, if it failed.
 * Steps are numbered from 1, as the prompt shows them.
 */
public final class StageRun {
    private final Stage stage;
    private List<Instruction> steps;
    /** Steps that are not in the Dockerfile: changes kept from {@code shell --keep}. */
    private final java.util.Set<Instruction> kept = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    private final List<StepOutcome> done = new ArrayList<>();
    private StepFailure failure;

    StageRun(Stage stage) {
        this.stage = stage;
        List<Instruction> s = new ArrayList<>();
        s.add(stage.from());
        s.addAll(stage.instructions());
        this.steps = Collections.unmodifiableList(s);
    }

    public Stage stage() {
        return stage;
    }

    public List<Instruction> steps() {
        return steps;
    }

    public int total() {
        return steps.size();
    }

    /** How many steps are done; the next step to run is {@code position() + 1}. */
    public int position() {
        return done.size();
    }

    public boolean finished() {
        return done.size() == steps.size();
    }

    public boolean started() {
        return !done.isEmpty();
    }

    public StepFailure failure() {
        return failure;
    }

    public List<StepOutcome> outcomes() {
        return Collections.unmodifiableList(done);
    }

    /** The outcome of the last step done; the stage must have started. */
    public StepOutcome last() {
        if (done.isEmpty()) {
            throw new IllegalStateException("stage " + stage.displayName() + " has not started");
        }
        return done.get(done.size() - 1);
    }

    /** The snapshot the session stands on in this stage: a failed step's state when it failed. */
    public Snapshot current() {
        if (failure != null && failure.failedState() != null) {
            return failure.failedState();
        }
        return done.isEmpty() ? null : last().snapshot();
    }

    public Instruction next() {
        return finished() ? null : steps.get(done.size());
    }

    void record(StepOutcome outcome) {
        failure = null;
        done.add(outcome);
    }

    /**
     * Adds a step that is not in the Dockerfile right after the current one, already done (what
     * {@code shell --keep} kept); the steps after it are pending, as after an edit.
     */
    void insertDone(Instruction ins, StepOutcome outcome) {
        rewindTo(done.size());
        List<Instruction> s = new ArrayList<>(steps);
        s.add(done.size(), ins);
        steps = Collections.unmodifiableList(s);
        kept.add(ins);
        done.add(outcome);
    }

    /** Whether the step is one {@code shell --keep} added rather than a line of the Dockerfile. */
    public boolean keptFromShell(Instruction ins) {
        return kept.contains(ins);
    }

    void fail(StepFailure f) {
        failure = f;
    }

    /** Drops every step after the first {@code keep}; returns the failure dropped, if any. */
    void rewindTo(int keep) {
        failure = null;
        while (done.size() > keep) {
            done.remove(done.size() - 1);
        }
    }

    public String label() {
        return "stage " + stage.displayName();
    }
}
