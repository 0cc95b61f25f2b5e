package dev.stagesh.engine;

import dev.stagesh.StageshException;
import dev.stagesh.context.ContextException;
import dev.stagesh.context.Ownership;
import dev.stagesh.docker.ContainerSpec;
import dev.stagesh.dockerfile.instructions.Instruction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * WORKDIR: the directory is made with {@code mkdir -p} in a container of the snapshot and
 * committed; a directory the snapshot already has costs no container (the step only changes the
 * config, as Docker's commit of the unchanged container would add no layer either). Under a USER, the directories it creates belong to that user (and its group, or the
 * one USER names), as BuildKit's dispatcher passes the USER to its mkdir; the classic builder
 * makes them root's, and stagesh follows BuildKit. The mkdir itself is the kernel's, so inside a
 * set-group-ID directory the new ones get the bit and the group as they do there.
 */
final class WorkdirStep {
    private final StepContainers containers;
    private final Toolbox toolbox;
    private final SnapshotStore store;
    private final StepListener listener;
    private final SnapshotPaths paths;
    private final MountPoints mountPoints;
    private final FileCopier copier;

    WorkdirStep(StepContainers containers, Toolbox toolbox, SnapshotStore store, StepListener listener,
                SnapshotPaths paths, MountPoints mountPoints, FileCopier copier) {
        this.mountPoints = mountPoints;
        this.copier = copier;
        this.containers = containers;
        this.toolbox = toolbox;
        this.store = store;
        this.listener = listener;
        this.paths = paths;
    }

    /** @param w the WORKDIR, already expanded */
    StepOutcome execute(Instruction.Workdir w, StepOutcome before) {
        long start = System.nanoTime();
        Snapshot snap = before.snapshot();
        ImageConfig config = snap.config();
        String dir = Paths.resolve(config.workingDir(), w.path());
        ImageConfig next = config.withWorkingDir(dir);
        String user = config.user();
        String key = store.key(snap, new CacheKey(snap.imageId(), "WORKDIR " + dir).add("user", user));
        var hit = store.lookup(key);
        if (hit.isEmpty() && (dir.equals("/") || paths.isDirectory(snap, dir))) {
            // the directory is there, so mkdir -p would change nothing: no container, no commit;
            // the step is its config change alone, like a metadata step (a stat through the
            // archive API of the snapshot's reader costs a fraction of a container's run)
            Snapshot after = snap.withConfig(next, new HistoryEntry("WORKDIR " + dir, true));
            return new StepOutcome(after, StepExecutor.since(start), false, before.cmdSetInStage());
        }
        String image;
        Optional<String> written = hit.isPresent() ? Optional.empty() : written(w, snap, dir, user, key);
        if (hit.isPresent()) {
            image = hit.get();
        } else if (written.isPresent()) {
            image = written.get();
            store.created(image, key);
        } else {
            // no mounts of its own, but on Podman the engine's placeholders; and no network: a
            // mkdir needs none, and a build of metadata steps and WORKDIRs then never pays for the
            // shared network namespace's holder container (nor its check after the step)
            MountPoints.Planned created = mountPoints.plan(snap, List.of());
            var ran = containers.run(new ContainerSpec(snap.imageId(), command(w, snap, dir, user), List.of(),
                    List.of(), "/", "0", store.labels(null), List.of(toolbox.mount()), "none"), id -> { },
                    created::beforeCommit, listener.forThisThread(), code -> store.labels(code == 0 ? key : null));
            image = created.afterCommit(ran.image());
            if (ran.exitCode() != 0) {
                store.created(image, null);
                throw new StageshException(StepExecutor.where(w) + ": cannot create the working directory " + dir);
            }
            store.created(image, key);
        }
        Snapshot after = snap.committed(image, next, new HistoryEntry("WORKDIR " + dir, store.emptyLayer(snap, image)));
        return new StepOutcome(after, StepExecutor.since(start), hit.isPresent(), before.cmdSetInStage());
    }

    /**
     * The missing directories written as a tar into a container that is never started and
     * committed (what mkdir -p and the chown under a USER would leave, set-group-ID inheritance
     * included: {@link FileCopier#makeDirs}), which saves the start and wait of a container run;
     * empty where the kernel's mkdir must decide: a file or a symbolic link where a directory
     * would go (mkdir's error, or the link's target).
     */
    private Optional<String> written(Instruction.Workdir w, Snapshot snap, String dir, String user, String key) {
        List<String> missing = paths.missingDirs(snap, dir);
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        String parent = Paths.parent(missing.get(0));
        if (!parent.equals("/") && !paths.isDirectory(snap, parent)) {
            return Optional.empty();
        }
        if (user.isEmpty()) {
            return Optional.of(copier.makeDirs(snap, missing, 0, 0, false, key));
        }
        Ownership owner;
        try {
            owner = paths.ownerIds(snap).resolve(user);
        } catch (ContextException e) {
            throw new StageshException(StepExecutor.where(w) + ": USER " + user + ": " + e.getMessage(), e);
        }
        return Optional.of(copier.makeDirs(snap, missing, owner.uid(), owner.gid(), true, key));
    }

    /** {@code mkdir -p}, then, under a USER, a chown of the directories it created (only those). */
    private List<String> command(Instruction.Workdir w, Snapshot snap, String dir, String user) {
        if (user.isEmpty()) {
            return Toolbox.busybox("mkdir", "-p", dir);
        }
        List<String> missing = paths.missingDirs(snap, dir);
        if (missing.isEmpty()) {
            return Toolbox.busybox("mkdir", "-p", dir);
        }
        Ownership owner;
        try {
            owner = paths.ownerIds(snap).resolve(user);
        } catch (ContextException e) {
            throw new StageshException(StepExecutor.where(w) + ": USER " + user + ": " + e.getMessage(), e);
        }
        List<String> argv = new ArrayList<>(Toolbox.busybox("sh", "-c",
                "\"$0\" mkdir -p \"$1\" && shift && exec \"$0\" chown \"$@\"", Toolbox.BUSYBOX, dir,
                owner.uid() + ":" + owner.gid()));
        argv.addAll(missing);
        return argv;
    }
}
