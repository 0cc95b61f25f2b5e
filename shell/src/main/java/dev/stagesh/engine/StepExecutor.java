package dev.stagesh.engine;

import dev.stagesh.StageshException;
import dev.stagesh.context.ContextException;
import dev.stagesh.dockerfile.VariableScope;
import dev.stagesh.dockerfile.instructions.CommandLine;
import dev.stagesh.dockerfile.instructions.Instruction;
import java.time.Duration;
import java.util.List;

/**
 * Executes one instruction with docker build's semantics and returns the state it leaves.
 * Instructions that change files (RUN, COPY, ADD, WORKDIR) are applied in a container of the
 * snapshot and committed as a new one; the others only change the image config, which stagesh
 * keeps itself, so they cost no engine call at all.
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
     * @param scope   the variables in scope before this instruction (it is not changed here)
     * @param sources what the instruction reads from other stages or images, resolved before it runs
     */
    StepOutcome execute(int step, Instruction ins, StepOutcome before, VariableScope scope,
                        StepSources sources) {
        long start = System.nanoTime();
        Snapshot snap = before.snapshot();
        ImageConfig config = snap.config();
        boolean cmdSet = before.cmdSetInStage();
        String text = ins.node().original();

        if (ins instanceof Instruction.Run r) {
            return runs.execute(step, (Instruction.Run) scope.expand(r), before, scope, sources);
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
        ImageConfig next;
        Instruction x = scope.expand(ins);
        if (x instanceof Instruction.Env e) {
            next = config;
            for (var kv : e.pairs()) {
                next = next.withEnv(kv.key(), kv.value());
            }
        } else if (x instanceof Instruction.Arg) {
            next = config; // the scope replays ARGs itself; they never reach the image config
        } else if (x instanceof Instruction.Label l) {
            next = config;
            for (var kv : l.labels()) {
                next = next.withLabel(kv.key(), kv.value());
            }
        } else if (x instanceof Instruction.Maintainer m) {
            next = config; // docker build writes it as the image's author (see ImageCommitter), not as a label
        } else if (x instanceof Instruction.Expose e) {
            next = config;
            for (String spec : e.ports()) {
                try {
                    for (String p : dev.stagesh.dockerfile.instructions.PortSpecs.parse(spec)) {
                        next = next.withExposedPort(p);
                    }
                } catch (dev.stagesh.dockerfile.instructions.PortSpecs.InvalidPortException bad) {
                    throw new StageshException(where(ins) + ": " + bad.getMessage());
                }
            }
        } else if (x instanceof Instruction.Volume v) {
            next = config;
            for (String vol : v.volumes()) {
                next = next.withVolume(vol);
            }
        } else if (x instanceof Instruction.User u) {
            next = config.withUser(u.user());
        } else if (ins instanceof Instruction.Cmd c) {
            next = config.withCmd(commandLine(c.command(), config));
            cmdSet = true;
        } else if (ins instanceof Instruction.Entrypoint e) {
            next = config.withEntrypoint(commandLine(e.command(), config), cmdSet);
        } else if (ins instanceof Instruction.Shell s) {
            next = config.withShell(s.shell());
        } else if (x instanceof Instruction.Stopsignal s) {
            next = config.withStopSignal(s.signal());
        } else if (ins instanceof Instruction.Healthcheck h) {
            next = config.withHealthcheck(Healthchecks.of(h));
        } else if (ins instanceof Instruction.Onbuild o) {
            next = config.withOnBuild(o.triggerText());
        } else {
            throw new StageshException(where(ins) + ": " + ins.keyword() + " is not supported");
        }
        Snapshot after = snap.withConfig(next, new HistoryEntry(text.strip(), true));
        return new StepOutcome(after, since(start), false, cmdSet);
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
