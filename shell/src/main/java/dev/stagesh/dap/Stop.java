package dev.stagesh.dap;

/**
 * Where a motion ended, to be told to the editor: a stop (DAP's stopped event) or the end of the
 * build (terminated).
 */
public sealed interface Stop {
    /**
     * @param reason      DAP's: entry, step, breakpoint, function breakpoint, exception, pause
     * @param description shown by the editor beside the thread
     * @param text        the longer text (an exception's report), or null
     * @param breakpoint  the id of the breakpoint hit, or 0
     */
    record Stopped(int threadId, String reason, String description, String text, int breakpoint) implements Stop {}

    /** Nothing is left to run: the target stage is done, or a failure ended the build. */
    record Ended(String why) implements Stop {}
}
