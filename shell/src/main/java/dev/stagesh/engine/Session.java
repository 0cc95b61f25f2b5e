package dev.stagesh.engine;

import dev.stagesh.StageshException;
import dev.stagesh.context.BuildContext;
import dev.stagesh.docker.Engine;
import dev.stagesh.dockerfile.Dockerfile;
import dev.stagesh.dockerfile.Stage;
import dev.stagesh.dockerfile.StageGraph;
import dev.stagesh.dockerfile.instructions.Instruction;
import dev.stagesh.dockerfile.BuildArgs;
import dev.stagesh.dockerfile.Platform;
import dev.stagesh.dockerfile.VariableScope;
import dev.stagesh.dockerfile.StageSchedule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import dev.stagesh.fs.LayerIndexStore;

/**
 * A debugging session over one Dockerfile: where the user stands (a stage and a step in it),
 * every stage's steps done so far, and the engine objects made for them. All movement goes
 * through here: stepping, entering a stage, going back, committing.
 */
public final class Session implements AutoCloseable {
    private final Engine engine;
    private final SessionOptions options;
    private final SessionId id;
    private Dockerfile dockerfile;
    private final List<StageRun> runs = new ArrayList<>();
    private final SnapshotStore store;
    private final StepContainers containers;
    private final ArchiveContainers archives;
    private final StepExecutor executor;
    private final ImageSources images;
    private final ImageCommitter committer;
    private final SquashCommitter squasher;
    private BuildArgs args;
    private final Platform platform;
    private final Breakpoints breakpoints = new Breakpoints();
    /** The steps stages side by side have in common, run once ({@link #runBeside}). */
    private final SharedSteps shared = new SharedSteps();
    private final RoutedListener listener;
    private final ActiveSteps active;
    private final Toolbox toolbox;
    private final BuildContext context;
    private final SnapshotInspector inspector;
    private StageRun current;
    /** Where the last {@code continue} stopped at a breakpoint; the next one starts by running that step. */
    private BreakStop stoppedAt;
    private boolean closed;
    /** Whether each snapshot is indexed as its step ends, for the reads a debugging session makes ({@link #readAhead}). */
    private volatile boolean readAhead;

    /** A stage and the number of its steps done when {@code continue} stopped there. */
    private record BreakStop(StageRun run, int position) {}

    private Session(SessionGround ground, SessionOptions options, Dockerfile dockerfile, BuildContext context,
                    StepListener heard) {
        Engine engine = ground.engine();
        this.engine = engine;
        this.options = options;
        this.dockerfile = dockerfile;
        RoutedListener listener = new RoutedListener(heard); // every part hears through it: stages may run side by side
        this.listener = listener;
        this.context = context;
        this.id = ground.id();
        this.store = new SnapshotStore(engine, id, !options.noCache());
        this.toolbox = ground.toolbox();
        this.active = new ActiveSteps(engine);
        this.containers = new StepContainers(engine, ground.network(), active);
        this.archives = new ArchiveContainers(engine, id.labels());
        // made with the session (it holds nothing until asked): steps ask its layer index which
        // directories a snapshot has before they ask a reader container
        this.inspector = new SnapshotInspector(engine, LayerIndexStore.standard(System.getenv()));
        SnapshotPaths paths = new SnapshotPaths(engine, archives, inspector);
        FileCopier copier = new FileCopier(engine, archives, paths, store, context, id.labels(), listener);
        RunMounts mounts = new RunMounts(engine, toolbox, context, copier, id.labels(), options.secrets(), listener::progress);
        MountPoints mountPoints = new MountPoints(engine, paths, toolbox, id.labels(),
                MountPoints.Rewriting.from(engine, System.getenv(), listener::progress));
        RunStep runStep = new RunStep(containers, store, listener, mounts, active, mountPoints, shared);
        WorkdirStep workdirs = new WorkdirStep(containers, toolbox, store, listener, paths, mountPoints, copier);
        this.executor = new StepExecutor(new FromStep(engine), copier, runStep, workdirs);
        this.images = new ImageSources(engine, listener);
        this.committer = new ImageCommitter(engine);
        this.squasher = new SquashCommitter(engine, committer, id.labels());
        this.platform = Platform.parse(engine.platform());
        this.args = BuildArgs.resolve(dockerfile, options.buildArgs(), platform, platform, options.target());
        for (Stage s : dockerfile.stages()) {
            runs.add(new StageRun(s));
        }
        this.current = runs.get(firstNeeded().stage().index());
    }

    /** Reads the Dockerfile and the context; the engine is not touched until a step runs. */
    public static Session open(Engine engine, SessionOptions options, StepListener listener) {
        return open(SessionGround.on(engine), options, listener);
    }

    /**
     * As above, on a ground made earlier (its network holder perhaps started already). The session
     * owns the ground once this returns; when it throws (a bad Dockerfile), the caller still does.
     */
    public static Session open(SessionGround ground, SessionOptions options, StepListener listener) {
        return open(ground, read(options), listener);
    }

    /** A session's Dockerfile and build context, read (and its target checked) before any engine is at hand. */
    public record Sources(SessionOptions options, Dockerfile dockerfile, BuildContext context) {}

    /**
     * Reads what a session of these options works on, needing no engine: a front end that is still
     * connecting (the DAP server at launch) reads it meanwhile. Throws as {@link #open} does.
     */
    public static Sources read(SessionOptions options) {
        Dockerfile dockerfile = Dockerfile.load(options.dockerfile());
        BuildContext context = BuildContext.open(options.context());
        if (options.target() != null) {
            dockerfile.stage(options.target());
        }
        return new Sources(options, dockerfile, context);
    }

    /** As above, on sources read already. */
    public static Session open(SessionGround ground, Sources sources, StepListener listener) {
        return new Session(ground, sources.options(), sources.dockerfile(), sources.context(), listener);
    }

    public SessionId id() {
        return id;
    }

    public Dockerfile dockerfile() {
        return dockerfile;
    }

    public List<StageRun> stages() {
        return List.copyOf(runs);
    }

    public StageRun current() {
        return current;
    }

    /** The stage a build would end with: --target, or the last one. */
    public StageRun target() {
        if (options.target() == null) {
            return runs.get(runs.size() - 1);
        }
        return runs.get(dockerfile.stage(options.target()).index());
    }

    /** Which stages depend on which, with FROM and --from resolved through the build args. */
    /**
     * The earlier stage that {@code reference} (a name or an index) names for a step of
     * {@code stage}, as the build resolves it (the later of two stages of one name), or empty
     * when it names an image.
     */
    public Optional<StageRun> source(StageRun stage, String reference) {
        return graph().source(stage.stage(), reference).map(s -> runs.get(s.index()));
    }

    public StageGraph graph() {
        return new StageGraph(dockerfile, args);
    }

    private StageRun firstNeeded() {
        List<Stage> needed = graph().required(target().stage());
        return needed.isEmpty() ? target() : runs.get(needed.get(0).index());
    }

    /** The snapshot the session stands on, running the current stage's FROM if nothing ran yet. */
    public Snapshot snapshot() {
        if (!current.started()) {
            step(current);
        }
        return current.current();
    }

    /** Runs up to {@code n} steps of the current stage; stops at its end. Returns how many ran. */
    public int next(int n) {
        int ran = 0;
        while (ran < n && !current.finished()) {
            step(current);
            ran++;
        }
        return ran;
    }

    /** Runs the current stage to its end, the stages it needs first (side by side where they can). */
    public int continueToEnd() {
        if (!current.finished()) {
            runNeededBeside(current);
        }
        return next(Integer.MAX_VALUE);
    }

    /**
     * Runs the stages {@code target} still needs (not the target itself), each to its end, side by
     * side where neither needs the other, as BuildKit runs them: at most as many at once as the
     * machine has cores, each stage's lines told apart by the listener, and a summary in
     * Dockerfile order at the end. The first stage to fail stops the others and is thrown as a
     * {@link StageFailedException} naming it. Returns false, running nothing, when no two of them
     * could run at once: they then run one by one as the target's steps reach them, as ever.
     */
    public boolean runNeededBeside(StageRun target) {
        return runBeside(StageSchedule.before(graph(), target.stage()));
    }

    private boolean runBeside(StageSchedule schedule) {
        Set<Integer> done = new HashSet<>();
        for (Stage s : schedule.stages()) {
            if (runs.get(s.index()).finished()) {
                done.add(s.index());
            }
        }
        if (!schedule.concurrent(done)) {
            return false;
        }
        Map<Integer, Duration> took = new ConcurrentHashMap<>();
        List<StageRun> these = List.copyOf(runs);
        try (SharedSteps.Scope sharing = shared.open()) {
            ConcurrentStages.forThisMachine().run(schedule, done, (stage, stop) -> {
                StageRun run = these.get(stage.index());
                long start = System.nanoTime();
                listener.during(run, () -> finished(run, stop));
                took.put(stage.index(), StepExecutor.since(start));
            }, these::get, active::cancel);
        }
        for (Stage s : schedule.stages()) { // the summary, in Dockerfile order
            Duration d = took.get(s.index());
            if (d != null) {
                StageRun run = these.get(s.index());
                long cached = run.outcomes().stream().filter(StepOutcome::cached).count();
                listener.progress(String.format("%s: %d steps%s in %.1fs", run.label(), run.total(),
                        cached > 0 ? " (" + cached + " cached)" : "", d.toMillis() / 1000.0));
            }
        }
        return true;
    }

    /**
     * Says that steps will run soon (an interactive session, a build without cache): what they
     * need from the engine is made in the background meanwhile, so the first one does not wait.
     * That is the network namespace's holder, which only a RUN joins: where no stage the target
     * needs has one, none is made (an ONBUILD trigger's RUN makes it when it runs).
     */
    public void prepareToRun() {
        if (targetNeedsRun()) {
            containers.prepare();
        }
    }

    /**
     * A RUN's output comes through the engine's client library, which takes a tenth of a second
     * of CPU to make: it is begun in the background now where the target needs a RUN, and not at
     * all for a build of metadata steps, COPYs and WORKDIRs, which never use it.
     */
    public void prepareRunOutput() {
        if (targetNeedsRun()) {
            engine.prepareClient();
        }
    }

    /** Whether a stage the target needs, or the target, has a RUN (an ONBUILD trigger's is not known yet). */
    private boolean targetNeedsRun() {
        List<Stage> needed = new ArrayList<>(graph().required(target().stage()));
        needed.add(target().stage());
        return needed.stream().anyMatch(s -> s.instructions().stream().anyMatch(i -> i instanceof Instruction.Run));
    }

    /**
     * Cancels the step that is running, if one is (called from another thread, on Ctrl-C): its
     * container is stopped, the step fails as cancelled and the session stays where it was.
     */
    public boolean cancel() {
        return active.cancel();
    }

    /**
     * Runs a one-off container of the session ({@code exec}) to its end, streaming its output.
     * Ctrl-C ({@link #cancel}) stops it as it stops a step. Returns its exit code, or empty when it
     * was cancelled.
     */
    public java.util.OptionalInt runCancellable(String containerId, dev.stagesh.docker.OutputSink sink) {
        int code;
        active.started(containerId);
        try {
            code = engine.runToEnd(containerId, sink);
        } finally {
            active.finished(containerId);
        }
        return active.takeCancelled() ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(code);
    }

    public Breakpoints breakpoints() {
        return breakpoints;
    }

    /**
     * Runs the current stage until the step about to run has a breakpoint or the stage ends.
     * Returns the breakpoint hit, if any. Only the step a previous {@code continue} stopped
     * before runs regardless of its breakpoint (so continuing from a breakpoint moves on); one
     * reached any other way (FROM just ran, {@code next}, {@code back}) stops at once. A failed
     * step runs again.
     */
    public Optional<Breakpoints.Breakpoint> continueToBreakpoint() {
        // from a failed state the failed step runs again, whatever its breakpoint: the user stood on it
        boolean resuming = current.failure() != null
                || stoppedAt != null && stoppedAt.run() == current && stoppedAt.position() == current.position();
        stoppedAt = null;
        if (breakpoints.list().isEmpty() && !current.finished()) {
            runNeededBeside(current); // no breakpoint can stop in them: the stages it needs may run side by side
        }
        while (!current.finished()) {
            if (!resuming) {
                var hit = breakpoints.at(current.next());
                if (hit.isPresent()) {
                    stoppedAt = new BreakStop(current, current.position());
                    return hit;
                }
            }
            step(current);
            resuming = false;
        }
        return Optional.empty();
    }

    /** Runs the current stage until the step at {@code line} is next (it does not run). */
    public void until(int line) {
        int target = -1;
        for (int i = 0; i < current.total(); i++) {
            Instruction ins = current.steps().get(i);
            if (ins.node().startLine() <= line && line <= ins.node().endLine()) {
                target = i;
            }
        }
        if (target < 0) {
            throw new StageshException("until: no step of " + current.label() + " is at line " + line);
        }
        if (target < current.position()) {
            throw new StageshException("until: line " + line + " (step " + (target + 1) + ") has already run; 'back' first");
        }
        while (current.position() < target) {
            step(current);
        }
    }

    /**
     * Reads the Dockerfile again. Steps before the first changed instruction of each stage are
     * kept (the first change of a stage's FROM drops the stage); the rest is dropped and runs
     * again on demand, where the cache reuses whatever did not change.
     *
     * @return per stage index, the number of steps kept
     */
    public Map<Integer, Integer> reload() {
        Dockerfile fresh = Dockerfile.load(options.dockerfile());
        BuildArgs freshArgs = BuildArgs.resolve(fresh, options.buildArgs(), platform, platform, options.target());
        List<StageRun> freshRuns = new ArrayList<>();
        Map<Integer, Integer> kept = new java.util.LinkedHashMap<>();
        boolean globalsChanged = !freshArgs.globals().equals(args.globals());
        StageGraph before = graph();
        StageGraph after = new StageGraph(fresh, freshArgs);
        // stages whose final state may differ from the one the session built: their dependents
        // go back to pending from the first step that reads them
        java.util.Set<Integer> changed = new java.util.HashSet<>();
        for (Stage s : fresh.stages()) {
            StageRun run = new StageRun(s);
            if (!globalsChanged && s.index() < runs.size()) {
                StageRun old = runs.get(s.index());
                int same = Math.min(Reload.unchangedPrefix(old.steps(), run.steps()),
                        Reload.firstStaleSource(before, old, after, run, changed));
                int keep = Math.min(same, old.position());
                for (int i = 0; i < keep; i++) {
                    run.record(old.outcomes().get(i));
                }
                kept.put(s.index(), keep);
                if (same < Math.max(old.total(), run.total())) {
                    changed.add(s.index());
                }
            } else {
                kept.put(s.index(), 0);
                changed.add(s.index());
            }
            freshRuns.add(run);
        }
        int currentIndex = Math.min(current.stage().index(), freshRuns.size() - 1);
        dockerfile = fresh;
        args = freshArgs;
        runs.clear();
        runs.addAll(freshRuns);
        current = runs.get(currentIndex);
        stoppedAt = null;
        releaseDropped();
        return kept;
    }

    /** Moves into another stage, building what it needs first, and stands at its first step. */
    public StageRun into(String reference) {
        Stage stage = dockerfile.stage(reference);
        StageRun run = runs.get(stage.index());
        current = run;
        if (!run.started()) {
            // its FROM needs the base stage, and that what it needs: side by side where they can
            graph().baseStage(stage).filter(b -> !runs.get(b.index()).finished())
                    .ifPresent(b -> runBeside(new StageSchedule(graph(), b)));
            step(run);
        }
        return run;
    }

    /**
     * Stands in another stage without running anything (a debugger stops before a stage's FROM);
     * {@link #into} is the same but runs the FROM when the stage has not started.
     */
    public StageRun enter(String reference) {
        current = runs.get(dockerfile.stage(reference).index());
        return current;
    }

    /** The build args as resolved for this Dockerfile: the global ARGs a FROM line sees. */
    public BuildArgs buildArgs() {
        return args;
    }

    /**
     * Goes back {@code n} steps in the current stage (never before its FROM). A failed step's
     * kept state counts as a step: leaving it is the first step back.
     */
    public int back(int n) {
        int steps = n;
        int dropped = 0;
        if (current.failure() != null) {
            current.rewindTo(current.position());
            steps--;
            dropped++;
        }
        int keep = Math.max(1, current.position() - steps);
        dropped += Math.max(0, current.position() - keep);
        current.rewindTo(keep);
        stoppedAt = null;
        releaseDropped();
        return dropped;
    }

    /** Back to the stage's FROM. */
    public void restart() {
        if (current.started()) {
            current.rewindTo(1);
        }
        stoppedAt = null;
        releaseDropped();
    }

    /** Runs the current stage to its end and commits it as an image tagged with each tag. */
    public String commit(List<String> tags) {
        return commit(tags, false);
    }

    /** Runs the current stage to its end and commits it; {@code squash} makes the image one layer. */
    public String commit(List<String> tags, boolean squash) {
        ImageTags.normalize(tags); // a bad tag is refused before anything runs
        continueToEnd();
        return commitHere(tags, squash);
    }

    /** Commits the state the session stands on, as it is. */
    public String commitHere(List<String> tags) {
        return commitHere(tags, false);
    }

    /** Commits the state the session stands on, as it is; {@code squash} makes the image one layer. */
    public String commitHere(List<String> tags, boolean squash) {
        List<String> names = ImageTags.normalize(tags);
        Snapshot s = snapshot();
        return squash ? squasher.commit(s, names) : committer.commit(s, names);
    }

    /**
     * Runs the next step of a stage. What the step reads from other stages and images is resolved
     * first (those stages run to their end, images are pulled), as BuildKit resolves every source
     * of an instruction before converting it: their progress comes before this step's, and their
     * snapshots go into its cache key.
     */
    private void step(StageRun run) {
        int index = run.position();
        Instruction ins = run.steps().get(index);
        VariableScope scope = index == 0 ? null : scopeBefore(run, index);
        StepSources sources = sources(run, ins, scope);
        listener.stepStarted(run, index + 1, ins.node().original().strip());
        StepOutcome outcome;
        try {
            if (index == 0) {
                outcome = from(run, (Instruction.From) ins, sources);
            } else {
                outcome = executor.execute(new StepPlace(run.label(), index + 1), ins, run.last(), scope, sources);
            }
        } catch (StepFailedException e) {
            listener.stepEnded(run, index + 1);
            if (breakpoints.onError()) {
                run.fail(e.failure());
            }
            releaseDropped();
            throw e;
        } catch (RuntimeException e) {
            listener.stepEnded(run, index + 1);
            throw e;
        }
        StepOutcome previous = index == 0 ? null : run.last();
        run.record(outcome);
        if (readAhead) {
            inspector().prepare(outcome.snapshot().imageId(), previous == null ? null : previous.snapshot().imageId());
        }
        releaseDropped();
        listener.stepFinished(run, index + 1, outcome.took(), outcome.cached());
    }

    /**
     * Removes the snapshots the session no longer stands on (it went back, a step ran again on top
     * of an earlier one, a failed state was left), but cache entries: nothing reaches them any more,
     * and without this every {@code next} after a {@code back} with the cache off would leave one
     * image until the session ends. With {@code --keep} the session's images all stay.
     */
    private void releaseDropped() {
        if (options.keep()) {
            return;
        }
        List<String> dropped = store.dropped(standing());
        if (dropped.isEmpty()) {
            return;
        }
        containers.settle(); // a spent step container holds the snapshot it was made from
        archives.settle(); // and so does a spent COPY's or WORKDIR's writer
        for (String image : dropped) {
            archives.forget(image);
            inspector.forget(image);
            store.discard(image);
        }
    }

    /** Every image a stage's done steps or kept failed state holds: what the session can stand on again. */
    private java.util.Set<String> standing() {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (StageRun run : runs) {
            run.outcomes().forEach(o -> out.add(o.snapshot().imageId()));
            if (run.failure() != null && run.failure().failedState() != null) {
                out.add(run.failure().failedState().imageId());
            }
        }
        return out;
    }

    /** FROM, then the base image's ONBUILD triggers in order, each with its own sources resolved first. */
    private StepOutcome from(StageRun run, Instruction.From from, StepSources sources) {
        FromStep.Base base = executor.from(from, args.expandFrom(run.stage()).image(), sources);
        StepOutcome outcome = base.outcome();
        // the base image is known at once: its layers are indexed from the session's first read on
        inspector().indexAhead(outcome.snapshot().imageId());
        VariableScope scope = args.scope(outcome.snapshot().config().envMap());
        for (Instruction trigger : base.triggers()) {
            listener.progress("ONBUILD " + trigger.node().original().strip());
            outcome = executor.execute(new StepPlace(run.label(), 1), trigger, outcome, scope, sources(run, trigger, scope));
            scope.apply(trigger);
        }
        return outcome;
    }

    /**
     * Every stage and image the step reads, resolved: FROM's base, {@code COPY --from}, a RUN
     * mount's {@code from=}. A stage is named as the stage graph names it (the later of two
     * stages of one name wins, as in BuildKit and {@code parse --json}).
     *
     * @param scope the variables before the step; null for a FROM
     */
    private StepSources sources(StageRun run, Instruction ins, VariableScope scope) {
        Map<String, StepSources.Source> out = new java.util.LinkedHashMap<>();
        StageGraph graph = graph();
        if (ins instanceof Instruction.From from) {
            String ref = args.expandFrom(run.stage()).image();
            if (!ref.equalsIgnoreCase("scratch")) {
                Optional<Stage> stage = graph.baseStage(run.stage());
                out.put(ref, stage.isPresent() ? stageSource(stage.get())
                        : new StepSources.ImageSource(ref, images.ensure(ref, StepExecutor.where(from),
                                "base image " + ref + " is not on this engine and cannot be pulled")));
            }
        } else if (ins instanceof Instruction.Copy c) {
            String ref = FileCopier.from(c, scope);
            if (ref != null) {
                out.put(ref, source(graph, run, ins, ref));
            }
        } else if (ins instanceof Instruction.Run r) {
            for (var m : ((Instruction.Run) scope.expand(r)).mounts()) {
                String ref = RunMounts.from(m);
                if (ref != null && !out.containsKey(ref)) {
                    out.put(ref, source(graph, run, ins, ref));
                }
            }
        }
        return out.isEmpty() ? StepSources.NONE : new StepSources(out);
    }

    private StepSources.Source source(StageGraph graph, StageRun run, Instruction ins, String ref) {
        Optional<Stage> stage = graph.source(run.stage(), ref);
        return stage.isPresent() ? stageSource(stage.get())
                : new StepSources.ImageSource(ref, images.ensure(ref, StepExecutor.where(ins), "--from=" + ref
                        + " is neither a stage of this Dockerfile nor an image the engine has or can pull"));
    }

    private StepSources.StageSource stageSource(Stage stage) {
        StageRun source = runs.get(stage.index());
        return new StepSources.StageSource(stage.index(), finished(source));
    }

    /**
     * The variables in scope before step {@code index} (0-based) of a started stage, replayed from
     * its FROM: pure and cheap, and always right after going back or reloading.
     */
    public VariableScope scopeBefore(StageRun run, int index) {
        VariableScope scope = startScope(run);
        for (int i = 1; i < index; i++) {
            scope.apply(run.steps().get(i));
        }
        return scope;
    }

    /**
     * The scope after a stage's FROM: a stage FROM an earlier stage carries on with that stage's
     * variables, ARG values included, as BuildKit does; any other starts from its image's env.
     */
    private VariableScope startScope(StageRun run) {
        Map<String, String> fromEnv = run.outcomes().get(0).snapshot().config().envMap();
        Optional<StageRun> base = baseStage(run);
        if (base.isPresent() && base.get().started()) {
            StageRun b = base.get();
            return scopeBefore(b, b.total()).inheritedBy(fromEnv);
        }
        return args.scope(fromEnv);
    }

    /** The earlier stage the stage's FROM names, if it names one (as the FROM step resolves it). */
    private Optional<StageRun> baseStage(StageRun run) {
        String ref = args.expandFrom(run.stage()).image();
        return ref.equalsIgnoreCase("scratch") ? Optional.empty()
                : graph().baseStage(run.stage()).map(s -> runs.get(s.index()));
    }

    /**
     * The ARGs declared before the first FROM that the stage has not re-declared before the step
     * at {@code index}: a classic cause of a failing RUN, since they are invisible there.
     */
    public List<String> undeclaredGlobalArgs(StageRun run, int index) {
        java.util.Set<String> declared = new java.util.HashSet<>();
        // a stage FROM an earlier stage already sees what that stage declared
        baseStage(run).filter(StageRun::started).ifPresent(b -> declared.addAll(scopeBefore(b, b.total()).stageArgs().keySet()));
        for (int i = 1; i < Math.min(index, run.total()); i++) {
            if (run.steps().get(i) instanceof Instruction.Arg a) {
                a.args().forEach(d -> declared.add(d.name()));
            }
        }
        List<String> out = new ArrayList<>();
        for (Instruction ins : dockerfile.metaArgs()) {
            for (var d : ((Instruction.Arg) ins).args()) {
                if (!declared.contains(d.name())) {
                    out.add(d.name() + " (line " + ins.line() + ")");
                }
            }
        }
        return out;
    }

    /** The variables in scope at the step the session stands on. */
    public VariableScope scope() {
        snapshot();
        return scopeBefore(current, current.position());
    }

    /** The stage's final snapshot, running it to its end first if needed. */
    private Snapshot finished(StageRun stage) {
        return finished(stage, () -> false);
    }

    /** As above; {@code stop} turning true (another stage beside it failed) ends it before its next step. */
    private Snapshot finished(StageRun stage, BooleanSupplier stop) {
        // one thread at a time runs a stage: a step that reads a stage another thread is running
        // waits for its end (a stage only waits for earlier ones, so never in a circle)
        synchronized (stage) {
            while (!stage.finished()) {
                if (stage.failure() != null) {
                    throw new StageshException("stage " + stage.stage().displayName() + " failed at step "
                            + stage.failure().step() + "; fix it first");
                }
                if (stop.getAsBoolean()) {
                    throw new StepCancelledException("stopped at step " + stage.position() + ": a stage beside it failed");
                }
                step(stage);
            }
            return stage.last().snapshot();
        }
    }

    /**
     * A running container of the current snapshot for the user to work in ({@code shell}), with
     * the toolbox mounted so it works in images without a shell. It is the session's to remove
     * ({@link #discardScratchContainer}); the snapshot itself never changes.
     */
    public String scratchContainer() {
        Snapshot s = snapshot();
        return engine.createContainer(new dev.stagesh.docker.ContainerSpec(s.imageId(), Toolbox.keepAlive(),
                List.of(), s.config().env(), "/", "0", id.labels(), List.of(toolbox.mount()), null));
    }

    /**
     * Keeps what was changed in a scratch container of the current snapshot ({@code shell --keep})
     * as a new step right after the current one, described by {@code runLine} (a RUN instruction);
     * the stage's later steps become pending. The snapshot carries the session's labels and no
     * cache key: nothing guarantees that running the line again gives the same files.
     */
    public StageRun keepScratch(String containerId, String runLine) {
        StageRun run = current;
        if (run.failure() != null) {
            throw new StageshException("shell --keep: step " + run.failure().step() + " failed here; 'back' first");
        }
        Instruction ins;
        try {
            ins = Dockerfile.parse("FROM scratch\n" + runLine + "\n", "shell --keep").stages().get(0).instructions().get(0);
        } catch (dev.stagesh.dockerfile.DockerfileException e) {
            throw new StageshException("shell --keep: the commands do not make a RUN line (" + e.getMessage() + ")");
        }
        if (!(ins instanceof Instruction.Run r)) {
            throw new StageshException("shell --keep: '" + runLine + "' is not a RUN instruction");
        }
        StepOutcome before = run.last();
        Snapshot snap = before.snapshot();
        String image = engine.commit(containerId, store.labels(null));
        store.created(image, null);
        String history = "RUN " + String.join(" ", r.command().argv(snap.config().effectiveShell())) + " # buildkit";
        Snapshot after = snap.committed(image, snap.config(), new HistoryEntry(history, store.emptyLayer(snap, image)));
        run.insertDone(ins, new StepOutcome(after, java.time.Duration.ZERO, false, before.cmdSetInStage()));
        releaseDropped();
        return run;
    }

    public void startScratchContainer(String containerId) {
        engine.start(containerId);
    }

    public void discardScratchContainer(String containerId) {
        engine.removeContainer(containerId);
    }

    /** The files of the snapshot the session stands on. */
    public SnapshotFiles files() {
        return files(snapshot());
    }

    /** The files of any snapshot of the session (a debugger shows every stage's, not only the current one's). */
    public SnapshotFiles files(Snapshot s) {
        SnapshotInspector index = inspector();
        Supplier<String> reader = () -> archives.reader(s);
        Supplier<dev.stagesh.fs.FileTree> layers = () -> index.filesystem(s.imageId(), Integer.MAX_VALUE);
        return new SnapshotFiles(engine, new SnapshotFiles.Sources(reader, () -> archives.placeholders(reader.get()),
                () -> archives.shadowed(s, layers), () -> index.indexedTree(s.imageId()), layers,
                read -> index.owners(s.imageId(), read), path -> index.localFile(s.imageId(), path),
                index::foregroundRead));
    }

    public Engine engine() {
        return engine;
    }

    /** What the session was opened with (Dockerfile, context, build args, target). */
    public SessionOptions options() {
        return options;
    }

    /** The build context COPY and ADD read from, with its .dockerignore rules. */
    public BuildContext buildContext() {
        return context;
    }

    /**
     * From now on each step's snapshot is indexed off the stepping thread as the step ends, where
     * that is cheap (a local engine's layer directories): a session that will read (the prompt,
     * a script) meets its first read warm. A build, which reads nothing, does not ask for it.
     */
    public void readAhead() {
        readAhead = true;
    }

    /** As {@link #readAhead()}, each snapshot's indexing starting only once {@code after} completes (the first prompt is drawn). */
    public void readAhead(java.util.concurrent.CompletionStage<?> after) {
        inspector.readAheadAfter(after);
        readAhead = true;
    }

    /** Reads the session's snapshots layer by layer ({@code diff}, {@code layers}); kept for the session. */
    public SnapshotInspector inspector() {
        return inspector;
    }

    /**
     * Removes the session's containers and every image of the session but the build cache. Safe to
     * call more than once and from two threads (a signal's shutdown hook and the main thread):
     * the second call waits for the first and then does nothing.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            containers.close();
            inspector.close();
            archives.close();
        } finally {
            // a session that never created anything (it only read the Dockerfile, or only read
            // the cache) has nothing to sweep, and need not wait for the engine to say so
            if (engine.createdAnything()) {
                Reaper.removeContainers(engine, engine.containersLabelled(SessionId.SESSION, id.id()));
                // bind-mount volumes a spent container still held when its step ended
                for (String v : engine.volumesLabelled(SessionId.SESSION + "=" + id.id())) {
                    try {
                        engine.removeVolume(v);
                    } catch (RuntimeException ignored) {
                        // the next start's reaper removes it
                    }
                }
            }
            if (!options.keep()) {
                store.removeAll(options.noCache());
            }
        }
    }
}
