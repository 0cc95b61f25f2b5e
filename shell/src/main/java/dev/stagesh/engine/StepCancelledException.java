package dev.stagesh.engine;

import dev.stagesh.StageshException;

/** The user stopped a running step; nothing of it is kept. */
public final class StepCancelledException extends StageshException {
    public StepCancelledException(String message) {
        super(message);
    }
}
