package dev.stagesh.engine;

import dev.stagesh.StageshException;

/** A step failed; the session stands at the failed state, which stays inspectable. */
public final class StepFailedException extends StageshException {
    private final transient StepFailure failure;

    public StepFailedException(StepFailure failure) {
        super(failure.message());
        this.failure = failure;
    }

    public StepFailure failure() {
        return failure;
    }
}
