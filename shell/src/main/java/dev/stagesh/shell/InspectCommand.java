package dev.stagesh.shell;

import dev.stagesh.StageshException;
import dev.stagesh.console.ErrorMessages;
import dev.stagesh.context.ContextException;
import dev.stagesh.engine.StepFailedException;
import dev.stagesh.fs.FsException;
import picocli.CommandLine;

/**
 * Base of the inspection commands: any failure becomes one line {@code stagesh: NAME: why} and
 * status 1, never a stack trace. A step failing underneath (the FROM run on first use) is left to
 * the shell, which prints its failure report.
 */
abstract class InspectCommand extends SessionCommand {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    final int execute() {
        try {
            return run();
        } catch (StepFailedException e) {
            throw e;
        } catch (FsException | StageshException | ContextException e) {
            return fail(e.getMessage());
        } catch (RuntimeException e) {
            return fail(ErrorMessages.of(e));
        }
    }

    /** Runs the command; 0 when it did what was asked. */
    abstract int run();

    String name() {
        return spec.name();
    }

    /** Prints the one-line error and returns the failing status. */
    int fail(String message) {
        String line = message == null ? "failed" : message.strip().lines().findFirst().orElse("failed");
        printer().error(name() + ": " + line);
        return 1;
    }

    /** The WORKDIR of the current snapshot, "/" when unset. */
    String workdir() {
        String w = session().snapshot().config().workingDir();
        return w.isEmpty() ? "/" : w;
    }

    /** A typed path made absolute against the WORKDIR; "." and ".." kept for the engine to clean. */
    String absolute(String typed) {
        return Paths.absolute(workdir(), typed);
    }

    /** An engine path error restated with the path as the user typed it: {@code app/x: No such file or directory}. */
    static FsException typed(String typed, FsException e) {
        return new FsException(typed + ": " + reason(e), e);
    }

    /** The strerror part of a {@code PATH: reason} message. */
    static String reason(FsException e) {
        String m = e.getMessage();
        int at = m.lastIndexOf(": ");
        return at < 0 ? m : m.substring(at + 2);
    }

    void json(Object document) {
        printer().line(Json.write(document));
    }
}
