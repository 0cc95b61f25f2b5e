package dev.stagesh.engine;

import dev.stagesh.StageshException;

/**
 * A stage that ran beside others failed (or was cancelled): the message names the stage before
 * the step's own one-line error (which names the line); the step's own exception is the cause,
 * so a shell can still show its full report.
 */
public final class StageFailedException extends StageshException {
    private final int stageIndex;

    public StageFailedException(StageRun stage, RuntimeException cause) {
        super(stage.label() + ": " + cause.getMessage(), cause);
        this.stageIndex = stage.stage().index();
    }

    /** The index of the stage that failed. */
    public int stageIndex() {
        return stageIndex;
    }
}
