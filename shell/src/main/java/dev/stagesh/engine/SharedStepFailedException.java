package dev.stagesh.engine;

import dev.stagesh.StageshException;

/**
 * A step that a stage shared with another one running beside it ({@link SharedSteps}) did not
 * make its snapshot there: that stage's own failure is the one to tell, and this stage stops.
 */
public final class SharedStepFailedException extends StageshException {
    public SharedStepFailedException(String where) {
        super("stopped: the same step did not finish in " + where);
    }
}
