package dev.stagesh.engine;

import dev.stagesh.dockerfile.Stage;
import dev.stagesh.dockerfile.StageSchedule;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.BooleanSupplier;

/**
 * Runs the stages of a schedule as BuildKit does: each on a thread of its own as soon as every
 * stage it reads is done, at most {@code limit} at once. The first stage to fail stops the
 * others (their running step is stopped, no further step starts), and everything has ended
 * before {@link #run} returns or throws: no thread or step outlives it. The threads are made
 * for one run and gone after it.
 */
final class ConcurrentStages {
    /** Runs one stage to its end; {@code stop} turns true once another stage failed. */
    interface Body {
        void run(Stage stage, BooleanSupplier stop);
    }

    private final int limit;

    ConcurrentStages(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit " + limit);
        }
        this.limit = limit;
    }

    /** As many stages at once as the machine has cores, at least two: the engine's work is mostly waiting. */
    static ConcurrentStages forThisMachine() {
        return new ConcurrentStages(Math.max(2, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * Runs every stage of the schedule that is not {@code done}.
     *
     * @param stopOthers called once, when the first stage fails, to stop the steps running in the others
     * @throws StageFailedException for the first stage that failed, naming it
     */
    void run(StageSchedule schedule, Set<Integer> done, Body body, IntFunction<StageRun> runs,
             Runnable stopOthers) {
        Set<Integer> finished = new HashSet<>(done);
        Set<Integer> started = new HashSet<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(limit, r -> {
            Thread t = new Thread(r, "stagesh-stage-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        CompletionService<Integer> completions = new ExecutorCompletionService<>(pool);
        StageFailedException first = null;
        int inFlight = 0;
        try {
            while (true) {
                if (!stop.get()) {
                    for (Stage s : schedule.ready(finished, started)) {
                        if (inFlight >= limit) {
                            break; // handed over only when a thread is free: after a failure none starts
                        }
                        started.add(s.index());
                        completions.submit(() -> {
                            try {
                                body.run(s, stop::get);
                            } catch (StageFailedException e) {
                                throw e;
                            } catch (RuntimeException e) {
                                throw new StageFailedException(runs.apply(s.index()), e);
                            }
                            return s.index();
                        });
                        inFlight++;
                    }
                }
                if (inFlight == 0) {
                    break;
                }
                Future<Integer> f = take(completions);
                inFlight--;
                try {
                    finished.add(f.get()); // done: it cannot block
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StepCancelledException("interrupted while stages were running");
                } catch (ExecutionException e) {
                    // the tasks throw nothing else; an Error is a bug and goes on as one
                    StageFailedException failure = e.getCause() instanceof StageFailedException sf
                            ? sf : rethrow(e.getCause());
                    if (first == null) {
                        first = failure;
                        stop.set(true);
                        stopOthers.run();
                    } else if (followed(first) && !followed(failure)) {
                        first = failure; // the stage whose step the first one waited for: its failure is the cause
                    }
                }
            }
        } finally {
            if (inFlight > 0 && !stop.getAndSet(true)) {
                stopOthers.run(); // interrupted while stages ran: they end now, not on their own time
            }
            pool.shutdown();
            awaitQuietly(pool);
        }
        if (first != null) {
            throw first;
        }
    }

    /** A stage stopped because the step it shared with another ({@link SharedSteps}) failed there. */
    private static boolean followed(StageFailedException failure) {
        return failure.getCause() instanceof SharedStepFailedException;
    }

    private static StageFailedException rethrow(Throwable t) {
        if (t instanceof Error err) {
            throw err;
        }
        throw new IllegalStateException(t);
    }

    private static Future<Integer> take(CompletionService<Integer> completions) {
        try {
            return completions.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepCancelledException("interrupted while stages were running");
        }
    }

    private static void awaitQuietly(ExecutorService pool) {
        try {
            while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
                // a step is still ending (its container being stopped): every stage ends on its own
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
