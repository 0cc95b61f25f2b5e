package dev.stagesh.dap;

import dev.stagesh.StageshException;

/** A breakpoint's condition or hit count that does not parse; the message names the column. */
public final class ConditionException extends StageshException {
    public ConditionException(String message) {
        super(message);
    }
}
