package dev.stagesh.engine;

import dev.stagesh.StageshException;
import dev.stagesh.dockerfile.VariableScope;
import dev.stagesh.dockerfile.instructions.Instruction;
import java.util.List;

/**
 * The instructions that only change the image config (ENV, ARG, LABEL, EXPOSE, VOLUME, USER,
 * CMD, ENTRYPOINT, SHELL, STOPSIGNAL, HEALTHCHECK, ONBUILD, MAINTAINER): stagesh keeps the config
 * itself, so they cost no engine call, and each is one history entry without a layer, written as
 * BuildKit writes it ({@link HistoryText}); ONBUILD, as in BuildKit, writes none.
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
        ImageConfig next;
        String history; // null: BuildKit writes no entry (ONBUILD)
        Instruction x = scope.expand(ins);
        if (x instanceof Instruction.Env e) {
            next = config;
            for (var kv : e.pairs()) {
                next = next.withEnv(kv.key(), kv.value());
            }
            history = HistoryText.pairs("ENV", e.pairs());
        } else if (ins instanceof Instruction.Arg a) {
            next = config; // the scope replays ARGs itself; they never reach the image config
            history = scope.historyOf(a); // names the value each took, as BuildKit writes it
        } else if (x instanceof Instruction.Label l) {
            next = config;
            for (var kv : l.labels()) {
                next = next.withLabel(kv.key(), kv.value());
            }
            history = HistoryText.pairs("LABEL", l.labels());
        } else if (x instanceof Instruction.Maintainer m) {
            next = config; // docker build writes it as the image's author (see ImageCommitter), not as a label
            history = HistoryText.word("MAINTAINER", m.maintainer());
        } else if (ins instanceof Instruction.Expose raw) {
            // BuildKit sorts the words as written, then expands and parses each: its history lists them so
            List<String> sorted = raw.ports().stream().sorted().toList();
            Instruction.Expose e = (Instruction.Expose) scope.expand(new Instruction.Expose(raw.node(), sorted));
            List<String> ports = new java.util.ArrayList<>();
            for (String spec : e.ports()) {
                try {
                    ports.addAll(dev.stagesh.dockerfile.instructions.PortSpecs.parse(spec));
                } catch (dev.stagesh.dockerfile.instructions.PortSpecs.InvalidPortException bad) {
                    throw new StageshException(StepExecutor.where(ins) + ": " + bad.getMessage());
                }
            }
            next = config;
            for (String p : ports) {
                next = next.withExposedPort(p);
            }
            history = HistoryText.plainList("EXPOSE", ports);
        } else if (x instanceof Instruction.Volume v) {
            next = config;
            for (String vol : v.volumes()) {
                next = next.withVolume(vol);
            }
            history = HistoryText.plainList("VOLUME", v.volumes());
        } else if (x instanceof Instruction.User u) {
            next = config.withUser(u.user());
            history = HistoryText.word("USER", u.user());
        } else if (ins instanceof Instruction.Cmd c) {
            List<String> argv = StepExecutor.commandLine(c.command(), config);
            next = config.withCmd(argv);
            cmdSet = true;
            history = HistoryText.quotedList("CMD", argv);
        } else if (ins instanceof Instruction.Entrypoint e) {
            List<String> argv = StepExecutor.commandLine(e.command(), config);
            next = config.withEntrypoint(argv, cmdSet);
            history = HistoryText.quotedList("ENTRYPOINT", argv);
        } else if (ins instanceof Instruction.Shell s) {
            next = config.withShell(s.shell());
            history = HistoryText.plainList("SHELL", s.shell());
        } else if (x instanceof Instruction.Stopsignal s) {
            next = config.withStopSignal(s.signal());
            history = HistoryText.word("STOPSIGNAL", s.signal());
        } else if (ins instanceof Instruction.Healthcheck h) {
            ImageConfig.Healthcheck check = Healthchecks.of(h);
            next = config.withHealthcheck(check);
            history = HistoryText.healthcheck(check);
        } else if (ins instanceof Instruction.Onbuild o) {
            next = config.withOnBuild(o.triggerText());
            history = null;
        } else {
            throw new StageshException(StepExecutor.where(ins) + ": " + ins.keyword() + " is not supported");
        }
        Snapshot after = history == null ? snap.withConfig(next) : snap.withConfig(next, new HistoryEntry(history, true));
        return new StepOutcome(after, StepExecutor.since(start), false, cmdSet);
    }
}
