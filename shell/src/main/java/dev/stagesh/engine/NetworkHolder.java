package dev.stagesh.engine;

import dev.stagesh.docker.ContainerSpec;
import dev.stagesh.docker.Engine;
import dev.stagesh.docker.PathStat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The network namespace a session's steps share: a container that only sleeps, whose network
 * every RUN on the default network joins ({@code container:<id>}). Making a network namespace is
 * about half of what starting a container costs (roughly 150 of 280 ms on a small machine),
 * and a step would otherwise pay it once per RUN. The RUN still sees the default bridge, DNS and
 * /etc/hosts as it would with a namespace of its own; only the namespace outlives the step.
 *
 * <p>Made on first use, so a session that runs nothing (everything cached) never pays for it,
 * or ahead of it ({@link #prepare}) where a step is sure to run soon.
 *
 * <p>A joining container gets the holder's /etc/hosts, /etc/resolv.conf and /etc/hostname,
 * bind-mounted: a RUN that writes them (a host added to /etc/hosts, say) would change them for
 * every later RUN, where docker build gives each RUN fresh ones. So they are compared after
 * each step ({@link #afterStep}) and a holder whose files changed is replaced.
 */
final class NetworkHolder implements AutoCloseable {
    private final Engine engine;
    private final Toolbox toolbox;
    private final Map<String, String> labels;
    private final ExecutorService starter = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "stagesh-network-holder");
        t.setDaemon(true);
        return t;
    });
    private static final List<String> SHARED_FILES = List.of("/etc/hosts", "/etc/resolv.conf", "/etc/hostname");

    /** A running holder and its shared files as it was made with them. */
    private record Holder(String id, List<Optional<PathStat>> files) {}

    /** The holder, being made or made; null until it is first wanted or after a discard. */
    private CompletableFuture<Holder> holder;

    NetworkHolder(Engine engine, Toolbox toolbox, Map<String, String> labels) {
        this.engine = engine;
        this.toolbox = toolbox;
        this.labels = labels;
    }

    /** Starts making the holder in the background, so the first step does not wait for it. */
    synchronized void prepare() {
        if (holder == null) {
            holder = CompletableFuture.supplyAsync(this::startHolder, starter);
        }
    }

    /** The network mode that joins the holder's namespace, starting the holder if need be. */
    String networkMode() {
        CompletableFuture<Holder> h;
        synchronized (this) {
            prepare();
            h = holder;
        }
        return "container:" + join(h).id();
    }

    /**
     * The network mode of a step about to run: the holder's namespace, the holder made and waited
     * for if nothing asked for it yet; but while a holder made ahead ({@link #prepare}) is still
     * starting, empty: the step then gets a namespace of its own (the engine's default network,
     * as docker build gives every RUN) rather than wait for it, which would put the holder's
     * container start (0.3-0.6 s, on a loaded machine more) on the first RUN's path. A holder
     * that failed throws, as {@link #networkMode} does.
     */
    synchronized Optional<String> networkModeIfReady() {
        if (holder != null && !holder.isDone()) {
            return Optional.empty();
        }
        return Optional.of(networkMode());
    }

    /** True when the holder could not be made, or has stopped or gone, as when the engine restarted. */
    synchronized boolean lost() {
        if (holder == null) {
            return false;
        }
        try {
            return !engine.isRunning(join(holder).id());
        } catch (RuntimeException e) {
            return true;
        }
    }

    /** Replaces the holder when a step changed the files every joining container shares with it. */
    synchronized void afterStep() {
        if (holder == null || !holder.isDone() || holder.isCompletedExceptionally()) {
            return;
        }
        try {
            Holder h = join(holder);
            if (!sharedFiles(h.id()).equals(h.files())) {
                discard();
                prepare();
            }
        } catch (RuntimeException e) {
            discard(); // cannot tell: a new holder is right either way
        }
    }

    private List<Optional<PathStat>> sharedFiles(String id) {
        return SHARED_FILES.stream().map(path -> engine.stat(id, path)).toList();
    }

    /**
     * Removes the holder (the engine refused to join it, as after a restart, which stops every
     * container; or a step changed its files): the next step makes a new one.
     */
    synchronized void discard() {
        if (holder != null) {
            try {
                removeQuietly(join(holder).id());
            } catch (RuntimeException neverMade) {
                // nothing to remove
            }
            holder = null;
        }
    }

    private Holder startHolder() {
        String platform = engine.platform();
        String image = ScratchImage.ensure(engine, platform.substring(0, platform.indexOf('/')),
                platform.substring(platform.indexOf('/') + 1));
        String created = engine.createContainer(new ContainerSpec(image, Toolbox.keepAlive(), List.of(), List.of(),
                "/", "0", labels, List.of(toolbox.mount()), null));
        try {
            engine.start(created);
            return new Holder(created, sharedFiles(created));
        } catch (RuntimeException e) {
            removeQuietly(created);
            throw e;
        }
    }

    private void removeQuietly(String container) {
        try {
            engine.removeContainer(container);
        } catch (RuntimeException ignored) {
            // the engine is away or it is gone already; the session's end sweeps its labels anyway
        }
    }

    private static Holder join(CompletableFuture<Holder> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    @Override
    public synchronized void close() {
        discard();
        starter.shutdown();
    }
}
