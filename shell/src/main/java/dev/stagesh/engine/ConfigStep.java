package dev.stagesh.engine;

import dev.stagesh.StageshException;
import dev.stagesh.dockerfile.VariableScope;
import dev.stagesh.dockerfile.instructions.Instruction;

/**
 * The instructions that only change the image config (ENV, ARG, LABEL, EXPOSE, VOLUME, USER,
 * CMD, ENTRYPOINT, SHELL, STOPSIGNAL, HEALTHCHECK, ONBUILD, MAINTAINER): stagesh keeps the config
 * itself, so they cost no engine call, and each is one history entry without a layer.
 */
final class ConfigStep {
    private ConfigStep() {
    }

    /** @param scope the variables in scope before the instruction (it is not changed here) */
    static StepOutcome execute(Instruction ins, StepOutcome before, VariableScope scope) {
        long start = System.nanoTime();
        Snapshot snap = before.snapshot();
        ImageConfig config = snap.config();
        boolean cmdSet = before.cmdSetInStage();
        String text = ins.node().original();
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
                    throw new StageshException(StepExecutor.where(ins) + ": " + bad.getMessage());
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
            next = config.withCmd(StepExecutor.commandLine(c.command(), config));
            cmdSet = true;
        } else if (ins instanceof Instruction.Entrypoint e) {
            next = config.withEntrypoint(StepExecutor.commandLine(e.command(), config), cmdSet);
        } else if (ins instanceof Instruction.Shell s) {
            next = config.withShell(s.shell());
        } else if (x instanceof Instruction.Stopsignal s) {
            next = config.withStopSignal(s.signal());
        } else if (ins instanceof Instruction.Healthcheck h) {
            next = config.withHealthcheck(Healthchecks.of(h));
        } else if (ins instanceof Instruction.Onbuild o) {
            next = config.withOnBuild(o.triggerText());
        } else {
            throw new StageshException(StepExecutor.where(ins) + ": " + ins.keyword() + " is not supported");
        }
        // an ARG's entry names the value it took, as BuildKit writes it; the rest are as written
        String history = ins instanceof Instruction.Arg a ? scope.historyOf(a) : text.strip();
        Snapshot after = snap.withConfig(next, new HistoryEntry(history, true));
        return new StepOutcome(after, StepExecutor.since(start), false, cmdSet);
    }
}
