package dev.stagesh.engine;

import dev.stagesh.docker.ContainerSpec;
import dev.stagesh.docker.ContainerStartException;
import dev.stagesh.docker.Engine;
import dev.stagesh.docker.EngineException;
import dev.stagesh.docker.OutputSink;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Runs a step's command as the classic builder does: as the main process of a container of its
 * own, created from the step's snapshot, then commits what it changed. A container can never
 * outlive the snapshot it was made from (a commit takes everything it changed since it was
 * created), so one per step is the least a layer per step costs; what can be saved is saved:
 * the network namespace is shared ({@link NetworkHolder}) and the spent container is removed in
 * the background, off the step's path.
 */
final class StepContainers implements AutoCloseable {
    /** How often a step tries again while an engine that just restarted refuses containers. */
    private static final int ATTEMPTS = 8;

    private final Engine engine;
    private final NetworkHolder network;
    private final ActiveSteps active;
    private final SpentContainers spent;
    private final ExecutorService checks = daemonThread("stagesh-step-check");

    StepContainers(Engine engine, NetworkHolder network, ActiveSteps active) {
        this.engine = engine;
        this.network = network;
        this.active = active;
        this.spent = new SpentContainers(engine, "stagesh-step-removal");
    }

    /** Gets what a step needs ready in the background, for a caller that knows steps will run soon. */
    void prepare() {
        network.prepare();
    }

    /** The command's exit code and the image of what it left, committed whatever the code. */
    record Ran(int exitCode, String image) {}

    /**
     * Runs the spec's command to its end and commits the container. A spec without a network
     * mode gets the session's shared default network (a namespace of its own while the holder
     * made ahead is still starting: {@link NetworkHolder#networkModeIfReady}).
     *
     * @param beforeStart called with the created container's id before it starts (to fill mounts)
     * @param imageLabels the labels of the committed image, given the command's exit code
     */
    Ran run(ContainerSpec spec, Consumer<String> beforeStart, OutputSink sink,
            IntFunction<Map<String, String>> imageLabels) {
        return run(spec, beforeStart, id -> { }, sink, imageLabels);
    }

    /** As above; {@code beforeCommit} is called with the container's id once its command has ended. */
    Ran run(ContainerSpec spec, Consumer<String> beforeStart, Consumer<String> beforeCommit, OutputSink sink,
            IntFunction<Map<String, String>> imageLabels) {
        boolean wantsShared = spec.networkMode() == null;
        for (int attempt = 1; ; attempt++) {
            String id;
            boolean shared = false;
            try {
                Optional<String> joined = wantsShared ? network.networkModeIfReady() : Optional.empty();
                shared = joined.isPresent();
                id = engine.createContainer(joined.map(spec::withNetworkMode).orElse(spec));
            } catch (EngineException e) {
                retryOrThrow(attempt, e, wantsShared);
                continue;
            }
            try {
                beforeStart.accept(id);
                int code;
                if (!active.started(id)) {
                    throw new ActiveSteps.CancelledBeforeStart(); // Ctrl-C while it was being made
                }
                try {
                    code = engine.runToEnd(id, sink);
                } finally {
                    active.finished(id);
                }
                // the check of the shared files needs no commit: it runs beside it, off the step's path
                CompletableFuture<Void> check = shared
                        ? CompletableFuture.runAsync(network::afterStep, checks) : CompletableFuture.completedFuture(null);
                beforeCommit.accept(id);
                Ran ran = new Ran(code, engine.commit(id, imageLabels.apply(code)));
                check.join();
                return ran;
            } catch (ContainerStartException e) {
                retryOrThrow(attempt, e, wantsShared); // the command never ran: a new container is as good
            } finally {
                removeLater(id);
            }
        }
    }

    /**
     * Just after an engine restart the holder is gone and the engine may refuse containers for a
     * few seconds; every snapshot is an image and intact, so the step is simply tried again. Any
     * other refusal (a USER that does not exist, say) is the step's own error.
     */
    private void retryOrThrow(int attempt, EngineException e, boolean shared) {
        if (attempt >= ATTEMPTS || !(shared && (attempt > 1 || network.lost()))) {
            throw e;
        }
        network.discard();
        if (attempt == 1) {
            engine.noticeRecovered();
        }
        try {
            Thread.sleep(1000);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw e;
        }
    }

    /**
     * Waits until the spent containers queued so far are removed: each holds the snapshot it was
     * made from, which the engine will not remove while it exists.
     */
    void settle() {
        spent.settle();
    }

    private void removeLater(String id) {
        spent.removeLater(id);
    }

    private static ExecutorService daemonThread(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void close() {
        checks.shutdown();
        spent.close();
        network.close();
    }
}
