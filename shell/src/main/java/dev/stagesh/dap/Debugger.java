package dev.stagesh.dap;

import dev.stagesh.StageshException;
import dev.stagesh.dockerfile.DockerfileException;
import dev.stagesh.dockerfile.Stage;
import dev.stagesh.dockerfile.instructions.Instruction;
import dev.stagesh.dockerfile.instructions.Mount;
import dev.stagesh.engine.Session;
import dev.stagesh.engine.StageRun;
import dev.stagesh.engine.StepCancelledException;
import dev.stagesh.engine.StepFailedException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The debugger's motions over a {@link Session}: each runs steps and says where it stopped.
 *
 * <p>The target stage is the program; a stage another one reads ({@code FROM stage},
 * {@code COPY --from}, {@code RUN --mount=from=}) is a call: before the reading step runs, the
 * stage it reads is walked (breakpoints in it stop {@code continue} and {@code next} alike),
 * {@code stepIn} stops before its next step, {@code stepOut} runs it to its end and stops back
 * before the reading step. The stages being walked for a reader are the call stack. Called on
 * one thread only (the adapter's worker), except {@link #pause}.
 */
public final class Debugger {
    private final Session session;
    private final DapBreakpoints breakpoints;
    private volatile StepTable table;
    private volatile boolean pauseRequested;
    /** Whether a step is running (a pause then cancels it). */
    private volatile boolean stepping;
    /** The failure the last stop was for, for exceptionInfo. */
    private volatile String lastException;
    /** The stages (indexes) waiting for the current one to finish, innermost first. */
    private final Deque<Integer> callers = new ArrayDeque<>();

    public Debugger(Session session, DapBreakpoints breakpoints) {
        this.session = session;
        this.breakpoints = breakpoints;
        this.table = buildTable();
        session.enter(Integer.toString(session.target().stage().index()));
    }

    private StepTable buildTable() {
        return StepTable.of(session.dockerfile(), session.graph().required(session.target().stage()));
    }

    public StepTable table() {
        return table;
    }

    public Session session() {
        return session;
    }

    public String lastException() {
        return lastException;
    }

    /** The thread the session stands in. */
    public int currentThread() {
        return session.current().stage().index() + 1;
    }

    /** The threads of the call stack, the current one first. */
    public synchronized List<Integer> stack() {
        List<Integer> out = new ArrayList<>();
        out.add(currentThread());
        callers.forEach(i -> out.add(i + 1));
        return out;
    }

    /** The first stop: before the target stage's first step, or the first breakpoint. */
    public Stop start(boolean stopOnEntry) {
        if (stopOnEntry) {
            return stopped("entry", "before " + describeNext(session.current()), null, 0);
        }
        return run(Motion.CONTINUE);
    }

    public Stop next() {
        return run(Motion.NEXT);
    }

    public Stop cont() {
        return run(Motion.CONTINUE);
    }

    public Stop stepIn() {
        return run(Motion.IN);
    }

    public Stop stepOut() {
        return run(Motion.OUT);
    }

    /**
     * One step back: a failed step's state is left first (standing before it again), then the
     * stage's steps; before a called stage's first step, back to its reader. Nothing runs.
     */
    public synchronized Stop stepBack() {
        StageRun run = session.current();
        if (run.failure() != null) {
            session.back(0);
        } else if (run.position() > 1) {
            session.back(1);
        } else if (!callers.isEmpty()) {
            session.enter(Integer.toString(callers.pop()));
        } else if (run.position() == 1) {
            return stopped("step", "at the first step of " + run.label() + ": its FROM has run, and is not undone", null, 0);
        } else {
            return stopped("step", "at the start of the build", null, 0);
        }
        return stopped("step", "back before " + describeNext(session.current()), null, 0);
    }

    /** Back through the current stage until a breakpoint's step is next, or to its first step. */
    public Stop reverseContinue() {
        StageRun run = session.current();
        if (run.failure() != null) {
            session.back(0);
        }
        while (run.position() > 1) {
            session.back(1);
            Optional<Integer> hit = breakpoints.peek(at(run), () -> vars(run));
            if (hit.isPresent()) {
                return stopped("breakpoint", "back at a breakpoint, before " + describeNext(run), null, hit.get());
            }
        }
        return stopped("step", "back at the start of " + run.label(), null, 0);
    }

    /**
     * Reads the Dockerfile again (the shell's {@code reload}): each stage keeps its steps before
     * its first changed instruction. Stands in the same stage (the target if it went away).
     */
    public synchronized Stop restart() {
        Map<Integer, Integer> kept = session.reload();
        table = buildTable();
        callers.clear();
        StageRun run = session.current();
        if (table.thread(run.stage().index() + 1).isEmpty()) {
            session.enter(Integer.toString(session.target().stage().index()));
            run = session.current();
        }
        int here = kept.getOrDefault(run.stage().index(), 0);
        return stopped("entry", "reloaded: " + run.label() + " keeps " + here + " of " + run.total()
                + " steps; before " + describeNext(run), null, 0);
    }

    /**
     * Asks the running motion to stop: the running step is cancelled, or the next one is not
     * started. A step that is still starting its container cannot be cancelled yet, so the
     * cancel is tried again until it lands or the step ends.
     */
    public void pause() {
        pauseRequested = true;
        if (session.cancel() || !stepping) {
            return;
        }
        java.lang.Thread retry = new java.lang.Thread(() -> {
            while (stepping && pauseRequested && !session.cancel()) {
                try {
                    java.lang.Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "stagesh-dap-pause");
        retry.setDaemon(true);
        retry.start();
    }

    private enum Motion { NEXT, IN, OUT, CONTINUE }

    private synchronized Stop run(Motion motion) {
        pauseRequested = false;
        int depth = callers.size();
        boolean first = true;
        // back from a called stage, the reading step's breakpoint was already told before the call
        boolean returned = false;
        while (true) {
            StageRun run = session.current();
            if (run.failure() != null) {
                return failedStop(run, "step back to leave it, or restart after a fix");
            }
            if (run.finished()) {
                if (callers.isEmpty()) {
                    return first ? new Stop.Ended("the build is done: " + run.label() + " finished")
                            : stopped("step", "the build is done: " + run.label() + " finished (evaluate 'commit TAG'"
                                    + " to tag it; continue again ends the session)", null, 0);
                }
                String finished = run.label();
                session.enter(Integer.toString(callers.pop()));
                if (motion == Motion.OUT && callers.size() < depth || motion != Motion.CONTINUE && callers.size() <= depth && first) {
                    return stopped("step", finished + " is done; back before " + describeNext(session.current()), null, 0);
                }
                returned = true;
                continue;
            }
            // a breakpoint stops any motion but a plain step at the level it started from
            boolean checks = !first && !returned && (motion != Motion.NEXT && motion != Motion.IN || callers.size() > depth);
            returned = false;
            if (!first && pauseRequested) {
                return stopped("pause", "paused before " + describeNext(run), null, 0);
            }
            if (checks) {
                StageRun here = run;
                Optional<Integer> hit = breakpoints.check(at(here), () -> vars(here));
                if (hit.isPresent()) {
                    String reason = breakpoints.isFunction(hit.get()) ? "function breakpoint" : "breakpoint";
                    return stopped(reason, "breakpoint before " + describeNext(run), null, hit.get());
                }
            }
            Optional<StageRun> called = unfinishedRead(run);
            if (called.isPresent()) {
                callers.push(run.stage().index());
                session.enter(Integer.toString(called.get().stage().index()));
                if (motion == Motion.IN && first) {
                    return stopped("step", "into " + called.get().label() + ", which line " + run.next().line()
                            + " reads; before " + describeNext(called.get()), null, 0);
                }
                first = false; // the called stage's first step counts its breakpoints
                continue;
            }
            first = false;
            Stop failed = step(run);
            if (failed != null) {
                return failed;
            }
            if ((motion == Motion.NEXT || motion == Motion.IN) && callers.size() <= depth) {
                return run.finished() && callers.isEmpty()
                        ? stopped("step", "the build is done: " + run.label() + " finished (evaluate 'commit TAG' to tag it)", null, 0)
                        : stopped("step", "before " + describeNext(run), null, 0);
            }
        }
    }

    /** The stage the next step reads that has not finished yet, if any: what it calls. */
    private Optional<StageRun> unfinishedRead(StageRun run) {
        Instruction next = run.next();
        List<String> refs;
        if (next instanceof Instruction.From) {
            Optional<Stage> base = session.graph().baseStage(run.stage());
            refs = base.map(s -> List.of(Integer.toString(s.index()))).orElse(List.of());
        } else {
            Instruction expanded = next;
            try {
                expanded = session.scopeBefore(run, run.position()).expand(next);
            } catch (DockerfileException | StageshException e) {
                // the step itself reports a bad expansion when it runs
            }
            refs = readsFrom(expanded);
        }
        for (String ref : refs) {
            Optional<StageRun> source = session.source(run, ref);
            if (source.isPresent() && !source.get().finished()) {
                return source;
            }
        }
        return Optional.empty();
    }

    /** The stages a step reads, by name or index. */
    static List<String> readsFrom(Instruction ins) {
        if (ins instanceof Instruction.Copy c) {
            return c.from() == null ? List.of() : List.of(c.from());
        }
        if (ins instanceof Instruction.Run r) {
            return r.mounts().stream().map(Mount::from).filter(f -> f != null && !f.isEmpty()).toList();
        }
        return List.of();
    }

    /** Runs the stage's next step; a stop when it failed or was cancelled, else null. */
    private Stop step(StageRun run) {
        stepping = true;
        try {
            session.next(1);
            return null;
        } catch (StepCancelledException e) {
            return stopped("pause", e.getMessage(), null, 0);
        } catch (StepFailedException e) {
            if (!breakpoints.stopOnFailure()) {
                lastException = FailureText.of(session, run, e.failure());
                return new Stop.Ended(lastException);
            }
            return failedStop(run, null);
        } catch (StageshException e) {
            // a step that could not start (a COPY source missing, an image not found): the session
            // stays before it, as at the prompt
            lastException = e.getMessage();
            if (!breakpoints.stopOnFailure()) {
                return new Stop.Ended(e.getMessage());
            }
            return stopped("exception", e.getMessage(), e.getMessage(), 0);
        } finally {
            stepping = false;
        }
    }

    private Stop failedStop(StageRun run, String note) {
        var f = run.failure();
        String report = FailureText.of(session, run, f);
        lastException = report;
        return stopped("exception", f.message() + (note == null ? "" : " (" + note + ")"), report, 0);
    }

    private Stop.Stopped stopped(String reason, String description, String text, int breakpoint) {
        return new Stop.Stopped(currentThread(), reason, description, text, breakpoint);
    }

    private static DapBreakpoints.StepAt at(StageRun run) {
        Instruction next = run.next();
        return new DapBreakpoints.StepAt(run.stage().index(), fileStep(run), next.keyword());
    }

    /**
     * The next step's number in the Dockerfile's stage, as the step table counts: a step kept
     * from {@code shell --keep} is not in the file, so it does not move the breakpoints after it.
     */
    private static int fileStep(StageRun run) {
        int kept = 0;
        for (int i = 0; i < run.position(); i++) {
            if (run.keptFromShell(run.steps().get(i))) {
                kept++;
            }
        }
        return run.position() + 1 - kept;
    }

    /** The ENV and ARG values the step about to run sees, for conditions. */
    Map<String, String> vars(StageRun run) {
        if (!run.started()) {
            return session.buildArgs().globals();
        }
        return session.scopeBefore(run, run.position()).runEnv();
    }

    static String describeNext(StageRun run) {
        Instruction next = run.next();
        if (next == null) {
            return "the end of " + run.label();
        }
        return run.label() + " step " + (run.position() + 1) + "/" + run.total() + ": " + next.node().original().strip();
    }

    /** The stage of a thread id, if the target needs it. */
    public Optional<Stage> stageOf(int threadId) {
        return table.thread(threadId).map(StepTable.StageThread::stage);
    }
}
