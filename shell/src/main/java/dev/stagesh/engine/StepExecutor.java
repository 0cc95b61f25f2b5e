package dev.stagesh.engine;

import dev.stagesh.StageshException;
import dev.stagesh.context.ContextException;
import dev.stagesh.docker.ContainerSpec;
import dev.stagesh.docker.Engine;
import dev.stagesh.docker.ImageInfo;
import dev.stagesh.dockerfile.BuildArgs;
import dev.stagesh.dockerfile.Dockerfile;
import dev.stagesh.dockerfile.DockerfileException;
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
    private final Engine engine;
    private final StepContainers containers;
    private final Toolbox toolbox;
    private final SnapshotStore store;
    private final StageResolver stages;
    private final FileCopier copier;
    private final RunStep runs;
    private final StepListener listener;

    StepExecutor(Engine engine, StepContainers containers, Toolbox toolbox, SnapshotStore store,
                 StageResolver stages, FileCopier copier, RunStep runs, StepListener listener) {
        this.engine = engine;
        this.containers = containers;
        this.toolbox = toolbox;
        this.store = store;
        this.stages = stages;
        this.copier = copier;
        this.runs = runs;
        this.listener = listener;
    }

    /** FROM: the base image, a previous stage, or scratch. */
    StepOutcome from(StageRun run, Instruction.From from, BuildArgs args) {
        long start = System.nanoTime();
        String ref = args.expandFrom(run.stage()).image();
        Snapshot base;
        List<String> triggers = List.of();
        if (ref.equalsIgnoreCase("scratch")) {
            String platform = engine.platform();
            String os = platform.substring(0, platform.indexOf('/'));
            String arch = platform.substring(platform.indexOf('/') + 1);
            String id = ScratchImage.ensure(engine, os, arch);
            base = new Snapshot(id, ImageConfig.scratch(os, arch), 1, List.of(), 0);
        } else {
            var stage = stages.stage(ref, run.stage().index());
            if (stage.isPresent()) {
                Snapshot s = stages.finished(stage.get());
                triggers = s.config().onBuild();
                base = new Snapshot(s.imageId(), s.config().withoutOnBuild(), s.inheritedHistory(), s.history(),
                        s.engineCommits());
            } else {
                ImageInfo image = ensureImage(ref, from);
                triggers = image.onBuild();
                base = new Snapshot(image.id(), ImageConfig.of(image).withoutOnBuild().withDefaultPath(), engine.historyLength(image.id()),
                        List.of(), 0);
            }
        }
        StepOutcome outcome = new StepOutcome(base, since(start), false, false);
        return triggers.isEmpty() ? outcome : onBuild(run, from, triggers, outcome, args);
    }

    /** The base image's ONBUILD triggers run first, in order, as part of FROM (as docker build does). */
    private StepOutcome onBuild(StageRun run, Instruction.From from, List<String> triggers, StepOutcome outcome,
                                BuildArgs args) {
        VariableScope scope = args.scope(outcome.snapshot().config().envMap());
        for (String trigger : triggers) {
            listener.progress("ONBUILD " + trigger);
            Instruction ins;
            try {
                ins = Dockerfile.parse("FROM scratch\n" + trigger + "\n", "ONBUILD of " + from.image())
                        .stages().get(0).instructions().get(0);
            } catch (DockerfileException e) {
                throw new StageshException(where(from) + ": the base image's trigger 'ONBUILD " + trigger
                        + "' does not parse: " + e.getMessage());
            }
            outcome = execute(run, 1, ins, outcome, scope);
            scope.apply(ins);
        }
        return outcome;
    }

    private ImageInfo ensureImage(String ref, Instruction.From from) {
        var local = engine.inspectImage(ref);
        if (local.isPresent()) {
            return local.get();
        }
        listener.progress("pulling " + ref);
        try {
            engine.pull(ref, listener::progress);
        } catch (StageshException e) {
            throw new StageshException(where(from) + ": base image " + ref
                    + " is not on this engine and cannot be pulled (" + e.getMessage() + ")");
        }
        return engine.inspectImage(ref).orElseThrow(() ->
                new StageshException(where(from) + ": base image " + ref + " is missing after the pull"));
    }

    /**
     * Every instruction after FROM.
     *
     * @param scope the variables in scope before this instruction (it is not changed here)
     */
    StepOutcome execute(StageRun run, int step, Instruction ins, StepOutcome before, VariableScope scope) {
        long start = System.nanoTime();
        Snapshot snap = before.snapshot();
        ImageConfig config = snap.config();
        boolean cmdSet = before.cmdSetInStage();
        String text = ins.node().original();

        if (ins instanceof Instruction.Run r) {
            return runs.execute(run, step, (Instruction.Run) scope.expand(r), before, scope);
        }
        try {
            if (ins instanceof Instruction.Copy c) {
                return copier.copy(run, c, before, scope);
            }
            if (ins instanceof Instruction.Add a) {
                return copier.add(run, (Instruction.Add) scope.expand(a), before, scope);
            }
        } catch (ContextException e) {
            // docker build's wording ("COPY failed: ..."), with the line it failed at
            String message = e.getMessage().startsWith("COPY failed: ")
                    ? ins.keyword() + " failed: " + e.getMessage().substring("COPY failed: ".length()) : e.getMessage();
            throw new StageshException("line " + ins.line() + ": " + message, e);
        }
        if (ins instanceof Instruction.Workdir w) {
            return workdir((Instruction.Workdir) scope.expand(w), before);
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
            for (String p : e.ports()) {
                next = next.withExposedPort(p.contains("/") ? p : p + "/tcp");
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

    private StepOutcome workdir(Instruction.Workdir w, StepOutcome before) {
        long start = System.nanoTime();
        Snapshot snap = before.snapshot();
        ImageConfig config = snap.config();
        String dir = Paths.resolve(config.workingDir(), w.path());
        ImageConfig next = config.withWorkingDir(dir);
        String key = new CacheKey(snap.imageId(), "WORKDIR " + dir).digest();
        var hit = store.lookup(key);
        String image;
        if (hit.isPresent()) {
            image = hit.get();
        } else {
            var ran = containers.run(new ContainerSpec(snap.imageId(), Toolbox.busybox("mkdir", "-p", dir), List.of(),
                    List.of(), "/", "0", store.labels(null), List.of(toolbox.mount()), null), id -> { }, listener,
                    code -> store.labels(code == 0 ? key : null));
            image = ran.image();
            if (ran.exitCode() != 0) {
                store.created(image, null);
                throw new StageshException(where(w) + ": cannot create the working directory " + dir);
            }
            store.created(image, key);
        }
        Snapshot after = snap.committed(image, next, new HistoryEntry("WORKDIR " + dir, store.emptyLayer(snap, image)));
        return new StepOutcome(after, since(start), hit.isPresent(), before.cmdSetInStage());
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
