package dev.stagesh.engine;

import java.util.List;
import java.util.Map;

/**
 * A step that did not complete: what ran, how it ended, and a snapshot of the state it left,
 * which stays inspectable (and committable) like any other.
 *
 * @param failedState the filesystem as the failing step left it, or null when nothing ran
 */
public record StepFailure(
        int step,
        String instruction,
        List<String> argv,
        int exitCode,
        String message,
        List<String> outputTail,
        Map<String, String> env,
        Map<String, String> args,
        String workdir,
        String user,
        Snapshot failedState) {

    public StepFailure {
        argv = List.copyOf(argv);
        outputTail = List.copyOf(outputTail);
    }
}
