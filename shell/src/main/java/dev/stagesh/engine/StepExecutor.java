package dev.stagesh.engine;

import dev.stagesh.StageshException;
import dev.stagesh.context.ContextException;
import dev.stagesh.dockerfile.VariableScope;
import dev.stagesh.dockerfile.instructions.CommandLine;
import dev.stagesh.dockerfile.instructions.Instruction;
import java.time.Duration;
import java.util.List;

/**
 * Executes one instruction with docker build's semantics and returns the state it leaves, each
 * kind by a class of its own: FROM ({@link FromStep}), RUN ({@link RunStep}), COPY and ADD
 * ({@link FileCopier}) and WORKDIR ({@link WorkdirStep}) change files, in a container of the
 * snapshot committed as a new one; the others only change the image config ({@link ConfigStep}),
 * which stagesh keeps itself, so they cost no engine call at all.
 */
final class StepExecutor {
    private final FromStep froms;
    private final FileCopier copier;
    private final RunStep runs;
    private final WorkdirStep workdirs;

    StepExecutor(FromStep froms, FileCopier copier, RunStep runs, WorkdirStep workdirs) {
        this.froms = froms;
        this.copier = copier;
        this.runs = runs;
        this.workdirs = workdirs;
    }

    /** FROM: the base (scratch, a stage, an image), with the triggers its image's ONBUILD left to run. */
    FromStep.Base from(Instruction.From from, String ref, StepSources sources) {
        return froms.execute(from, ref, sources);
    }

    /**
     * Every instruction after FROM.
     *
     * @param at      the stage and step it is (a RUN that another stage beside runs too names it)
     * @param scope   the variables in scope before this instruction (it is not changed here)
     * @param sources what the instruction reads from other stages or images, resolved before it runs
     */
    StepOutcome execute(StepPlace at, Instruction ins, StepOutcome before, VariableScope scope,
                        StepSources sources) {
        if (ins instanceof Instruction.Run r) {
            return runs.execute(at, (Instruction.Run) scope.expand(r), before, scope, sources);
        }
        try {
            if (ins instanceof Instruction.Copy c) {
                return copier.copy(c, before, scope, sources);
            }
            if (ins instanceof Instruction.Add a) {
                return copier.add((Instruction.Add) scope.expand(a), before, scope);
            }
        } catch (ContextException e) {
            // docker build's wording ("COPY failed: ..."), with the line it failed at
            String message = e.getMessage().startsWith("COPY failed: ")
                    ? ins.keyword() + " failed: " + e.getMessage().substring("COPY failed: ".length()) : e.getMessage();
            throw new StageshException("line " + ins.line() + ": " + message, e);
        }
        if (ins instanceof Instruction.Workdir w) {
            return workdirs.execute((Instruction.Workdir) scope.expand(w), before);
        }
        return ConfigStep.execute(ins, before, scope);
    }

    static List<String> commandLine(CommandLine command, ImageConfig config) {
        return command.argv(config.effectiveShell());
    }

    static String where(Instruction ins) {
        return "line " + ins.line() + ": " + ins.keyword();
    }

    static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
