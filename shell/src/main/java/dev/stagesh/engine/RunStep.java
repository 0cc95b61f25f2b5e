package dev.stagesh.engine;

import dev.stagesh.StageshException;
import dev.stagesh.docker.ContainerSpec;
import dev.stagesh.docker.ContainerStartException;
import dev.stagesh.dockerfile.VariableScope;
import dev.stagesh.dockerfile.instructions.Instruction;
import java.util.ArrayList;
import java.util.List;

/**
 * RUN: the command runs as docker build runs it (the stage's SHELL for shell form, ENV plus the
 * declared ARGs as its environment, WORKDIR and USER applied) and what it changed is committed.
 * Each RUN is the main process of a container of its own ({@link StepContainers}), created with
 * the step's mounts and network. A failing command keeps the state it left as a snapshot, so the
 * failure can be inspected where it happened.
 */
final class RunStep {
    private final StepContainers containers;
    private final SnapshotStore store;
    private final StepListener listener;
    private final RunMounts mounts;
    private final ActiveSteps active;
    private final MountPoints mountPoints;
    private final SharedSteps shared;

    RunStep(StepContainers containers, SnapshotStore store, StepListener listener, RunMounts mounts, ActiveSteps active,
            MountPoints mountPoints, SharedSteps shared) {
        this.mountPoints = mountPoints;
        this.shared = shared;
        this.active = active;
        this.containers = containers;
        this.store = store;
        this.listener = listener;
        this.mounts = mounts;
    }

    /** @param sources what the RUN's mounts {@code from=} name, resolved before it runs */
    StepOutcome execute(StepPlace at, Instruction.Run r, StepOutcome before, VariableScope scope, StepSources sources) {
        long start = System.nanoTime();
        Snapshot snap = before.snapshot();
        ImageConfig config = snap.config();
        RunCommand.Argv command = RunCommand.of(r, config.effectiveShell());
        RunCommand.Argv toRun = withoutEngineHostname(command, scope.runEnv());
        List<String> env = command.env(scope.runEnv().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
        String workdir = config.workingDir().isEmpty() ? "/" : config.workingDir();
        String user = config.user().isEmpty() ? "0" : config.user();
        // BuildKit names the stage's build args before the command: "RUN |1 GREETING=howdy /bin/sh -c ..."
        String history = "RUN " + scope.historyArgsPrefix()
                + String.join(" ", RunCommand.historyArgv(r, config.effectiveShell())) + " # buildkit";

        String key = store.key(snap, new CacheKey(snap.imageId(), history)
                .add("args", scope.stageArgs())
                .add("heredocs", r.heredocs().toString())
                .add("mounts", mounts.cacheKey(r, sources))
                .add("network", network(r))
                .add("workdir", workdir).add("user", user)
                // ENV steps make no image of their own (their config is carried in memory on the
                // parent's image), so the environment they left must be in the key itself
                .add("env", config.envMap()));
        var hit = store.lookup(key);
        if (hit.isPresent()) {
            Snapshot after = snap.committed(hit.get(), config, new HistoryEntry(history, store.emptyLayer(snap, hit.get())));
            return new StepOutcome(after, StepExecutor.since(start), true, before.cmdSetInStage());
        }
        long waited = System.nanoTime();
        Planned planned = new Planned(at.step(), r, snap, toRun, command, env, workdir, user, history, key, scope, sources);
        SharedSteps.Ran ran = shared.once(key, at.where(), () -> runHere(planned));
        if (!ran.here()) {
            listener.forThisThread().progress(String.format("the same step as %s: run once, there (%.1fs)",
                    ran.where(), StepExecutor.since(waited).toMillis() / 1000.0));
        }
        Snapshot after = snap.committed(ran.image(), config, new HistoryEntry(history, store.emptyLayer(snap, ran.image())));
        return new StepOutcome(after, StepExecutor.since(start), false, before.cmdSetInStage());
    }

    /**
     * A RUN with everything it runs with worked out: {@code toRun} is the command as the container
     * runs it, {@code written} the one the Dockerfile wrote (a failure report names that one).
     */
    private record Planned(int step, Instruction.Run r, Snapshot snap, RunCommand.Argv toRun, RunCommand.Argv written,
                           List<String> env, String workdir, String user, String history, String key,
                           VariableScope scope, StepSources sources) {}

    /** Runs the step on this thread and returns its image (recorded in the store with its cache key). */
    private String runHere(Planned p) {
        int step = p.step();
        Instruction.Run r = p.r();
        Snapshot snap = p.snap();
        ImageConfig config = snap.config();
        TailBuffer output = new TailBuffer(listener.forThisThread(), 20); // output arrives on other threads
        StepContainers.Ran ran;
        try (ActiveSteps.Begun begun = active.begin()) {
            ran = run(r, p.sources(), snap, p.toRun(), p.env(), p.workdir(), p.user(), output, p.key());
        } catch (ActiveSteps.CancelledBeforeStart e) {
            active.takeCancelled();
            throw cancelled(r, step);
        }
        int code = ran.exitCode();
        String image = ran.image();
        if (active.takeCancelled()) {
            store.created(image, null);
            throw cancelled(r, step);
        }
        if (code != 0) {
            store.created(image, null);
            // a failed RUN that changed no file adds no layer, like a successful one
            Snapshot failed = snap.committed(image, config, new HistoryEntry(p.history(), store.emptyLayer(snap, image)));
            throw new StepFailedException(new StepFailure(step, r.node().original().strip(), p.written().argv(), code,
                    StepExecutor.where(r) + ": the command exited with code " + code, output.tail(),
                    config.envMap(), p.scope().stageArgs(), p.workdir(), p.user(), failed));
        }
        store.created(image, p.key());
        return image;
    }

    private static StepCancelledException cancelled(Instruction.Run r, int step) {
        return new StepCancelledException(StepExecutor.where(r) + ": cancelled; the session stays at step " + (step - 1));
    }

    /** The RUN in a container of its own, created with the step's mounts and network. */
    private StepContainers.Ran run(Instruction.Run r, StepSources sources, Snapshot snap, RunCommand.Argv command,
                                   List<String> env, String workdir, String user, TailBuffer output,
                                   String cacheKey) {
        try (RunMounts.Prepared prepared = mounts.prepare(r, sources, workdir)) {
            String network = switch (network(r)) {
                case "none" -> "none";
                case "host" -> "host";
                default -> null; // the session's shared default network
            };
            List<ContainerSpec.MountSpec> specs = new ArrayList<>(prepared.mounts());
            // what the engine will create for the mounts, to be taken out of the layer again
            MountPoints.Planned created = mountPoints.plan(snap, specs.stream().map(ContainerSpec.MountSpec::target).toList());
            if (command.argv().get(0).startsWith(Toolbox.MOUNT)) {
                specs.add(mounts.toolbox()); // only when the command needs it: see ArchiveContainers
            }
            // a failed or cancelled RUN's snapshot carries no cache key: it must never be a cache hit
            try {
                var ran = containers.run(new ContainerSpec(snap.imageId(), command.argv(), List.of(), env,
                        workdir, user, store.labels(null), specs, network), prepared::populate,
                        created::beforeCommit, output,
                        code -> store.labels(code == 0 ? cacheKey : null)); // cancelled: killed, never 0
                return new StepContainers.Ran(ran.exitCode(), created.afterCommit(ran.image()));
            } catch (ContainerStartException e) {
                // the command never ran: the engine refused the container (USER unknown, say)
                throw new StageshException(StepExecutor.where(r) + ": the engine cannot start the command: " + e.reason(), e);
            }
        }
    }

    /**
     * The engine puts HOSTNAME into every process's environment; a BuildKit RUN has none, so it
     * is unset (by the toolbox's env) unless the Dockerfile itself set it.
     */
    static RunCommand.Argv withoutEngineHostname(RunCommand.Argv command, java.util.Map<String, String> runEnv) {
        if (runEnv.containsKey("HOSTNAME")) {
            return command;
        }
        List<String> argv = new ArrayList<>(Toolbox.busybox("env", "-u", "HOSTNAME"));
        argv.addAll(command.argv());
        return new RunCommand.Argv(argv, command.script());
    }

    private static String network(Instruction.Run r) {
        return r.network() == null ? "default" : r.network();
    }

    static StageshException unsupported(Instruction.Run r, String what) {
        return new StageshException(StepExecutor.where(r) + ": " + what);
    }
}
