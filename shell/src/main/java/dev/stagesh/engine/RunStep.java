package dev.stagesh.engine;

import dev.stagesh.dockerfile.instructions.Instruction;
import dev.stagesh.dockerfile.VariableScope;
import java.util.List;

/**
 * RUN: the command runs as docker build runs it (the stage's SHELL for shell form, ENV plus the
 * declared ARGs as its environment, WORKDIR and USER applied), in the working container, and
 * what it changed is committed. A failing command keeps the state it left as a snapshot, so the
 * failure can be inspected where it happened.
 */
final class RunStep {
    private final WorkingContainer work;
    private final SnapshotStore store;
    private final StepListener listener;

    RunStep(WorkingContainer work, SnapshotStore store, StepListener listener) {
        this.work = work;
        this.store = store;
        this.listener = listener;
    }

    StepOutcome execute(int step, Instruction.Run r, StepOutcome before, VariableScope scope) {
        long start = System.nanoTime();
        Snapshot snap = before.snapshot();
        ImageConfig config = snap.config();
        List<String> argv = r.command().argv(config.effectiveShell());
        List<String> env = scope.runEnv().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
        String workdir = config.workingDir().isEmpty() ? "/" : config.workingDir();
        String user = config.user().isEmpty() ? "0" : config.user();
        String history = "RUN " + String.join(" ", argv) + " # buildkit";

        String key = new CacheKey(snap.imageId(), history)
                .add("args", scope.stageArgs())
                .add("workdir", workdir).add("user", user).digest();
        var hit = store.lookup(key);
        if (hit.isPresent()) {
            Snapshot after = snap.committed(hit.get(), config, new HistoryEntry(history, store.emptyLayer(snap, hit.get())));
            return new StepOutcome(after, StepExecutor.since(start), true, before.cmdSetInStage());
        }
        TailBuffer output = new TailBuffer(listener, 20);
        int code = work.exec(snap, argv, env, workdir, user, output);
        if (code != 0) {
            String failedImage = work.commit(store.labels(null));
            store.created(failedImage, false);
            Snapshot failed = snap.committed(failedImage, config, new HistoryEntry(history, false));
            throw new StepFailedException(new StepFailure(step, r.node().original().strip(), argv, code,
                    StepExecutor.where(r) + ": the command exited with code " + code, output.tail(),
                    config.envMap(), scope.stageArgs(), workdir, user, failed));
        }
        String image = work.commit(store.labels(key));
        store.created(image, true);
        Snapshot after = snap.committed(image, config, new HistoryEntry(history, store.emptyLayer(snap, image)));
        return new StepOutcome(after, StepExecutor.since(start), false, before.cmdSetInStage());
    }


}
