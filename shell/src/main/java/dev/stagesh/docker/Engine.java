package dev.stagesh.docker;

import java.io.Closeable;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One container engine, as the rest of stagesh sees it: images, containers, archives, volumes
 * and exec, never HTTP or docker-java. {@link Engine} speaks Docker's API (which Podman
 * serves too); what differs between engines is read once, in {@link #capabilities()}.
 *
 * <p>Failures are {@link EngineException}s, typed by what went wrong ({@link EngineNotFoundException},
 * {@link EngineConflictException}, {@link UnsupportedEngineFeatureException}); an engine that
 * does not answer at all is an {@link EngineUnavailableException}.
 */
public interface Engine extends Closeable {

    /** One entry of {@code docker history}: seconds since the epoch, the command, the comment, bytes. */
    record HistoryRecord(long created, String createdBy, String comment, long size) {}

    // ---- the connection -----------------------------------------------------------------

    /** Where the engine was reached, as DOCKER_HOST would name it. */
    String where();

    /**
     * The address and TLS material the engine was reached with, so another process (the editor's
     * terminal in {@code stagesh dap}) can reach the same engine whatever its own environment says.
     */
    default EngineEndpoint endpoint() {
        return new EngineEndpoint(java.net.URI.create(where()), null, "the session's engine");
    }

    /**
     * Whether the engine is reached over a socket on this machine. It may still not see this
     * machine's files (a daemon in a root filesystem of its own), so no host path is ever given
     * to it: this only says where reading its layers' directories from here is worth a try.
     */
    boolean isLocal();

    /** What this engine is and can do; asked of the engine once, on first use. */
    EngineCapabilities capabilities();

    /** The engine's {@code os/arch}, e.g. {@code linux/amd64}, as build args need it. */
    String platform();

    /** Waits for a client being built in the background; throws when it could not be built. */
    void awaitReady();

    /**
     * Starts building, on a thread of its own, what later calls need and the connection did not
     * (docker-java's client), for a front end that knows they will come soon; without it the
     * first such call builds it.
     */
    void prepareClient();

    /** Whether anything was created on the engine through this connection (containers, images, volumes). */
    boolean createdAnything();

    /** Where to say what the engine did on its own (it restarted, the session recovered). */
    void onNotice(Consumer<String> notices);

    /** Says that the engine stopped the session's containers and the session carried on, steps intact. */
    void noticeRecovered();

    /**
     * From now on nothing new is created on the engine: calls that would, throw. Waits up to
     * {@code timeout} for creations already under way, so a sweep after this finds everything.
     */
    void fence(java.time.Duration timeout);

    @Override
    void close();

    // ---- images -------------------------------------------------------------------------

    Optional<ImageInfo> inspectImage(String reference);

    /** The image's history, oldest first. */
    List<HistoryRecord> history(String imageId);

    /** How many entries the image's history has. */
    int historyLength(String imageId);

    void pull(String reference, Consumer<String> progress);

    void tag(String imageId, String repository, String tag);

    /** Removes the image and the untagged parents only it kept. */
    void removeImage(String imageId);

    /** Removes the image; with {@code pruneParents} also the untagged parents nothing else holds. */
    void removeImage(String imageId, boolean pruneParents);

    /** Streams {@code docker save} of one image (legacy or OCI layout); the caller closes it. */
    InputStream save(String imageId);

    /** {@code docker load} of an image archive; what the engine says it loaded (tags, or image IDs of untagged images). */
    List<String> load(InputStream tar);

    /** {@code docker import}: an unnamed image whose only layer is the tar, with labels; its id. */
    String importImage(InputStream tar, Map<String, String> labels);

    /** For every image carrying label {@code key}: its value, mapped to the image id. */
    Map<String, String> imageLabelValues(String key);

    List<String> imagesLabelled(String key);

    /** The labels of every image carrying {@code key}, with its id under {@code __id} and creation (s) under {@code __created}. */
    List<Map<String, String>> labelsOfImagesLabelled(String key);

    // ---- containers ---------------------------------------------------------------------

    String createContainer(ContainerSpec spec);

    void start(String containerId);

    /** Runs the container's own process to its end, streaming its output; returns its exit code. */
    int runToEnd(String containerId, OutputSink sink);

    /** Kills the container's process; nothing when it is not running. */
    void stop(String containerId);

    /** Removes the container and its anonymous volumes; nothing when it is gone already. */
    void removeContainer(String containerId);

    List<String> containersLabelled(String key, String value);

    /** As {@link #labelsOfImagesLabelled}, for containers. */
    List<Map<String, String>> labelsOfContainersLabelled(String key);

    /** Runs a process in a running container, streaming its output; returns its exit code. */
    int exec(String containerId, List<String> argv, List<String> env, String workingDir, String user, OutputSink sink);

    /**
     * Runs a process on a pseudo-terminal in a running container ({@code docker exec -it}), the
     * terminal {@code size} big; the caller copies its output and typed keys and closes it.
     */
    default TtyProcess execTty(String containerId, ExecSpec spec, TtyProcess.TerminalSize size) {
        throw new UnsupportedEngineFeatureException(capabilities(), "a terminal in a container", "this engine has no terminals");
    }

    /** Whether the container exists and runs; false also when the engine cannot tell right now. */
    boolean isRunning(String containerId);

    /** Commits the container's filesystem as a new image carrying the labels; returns the image id. */
    String commit(String containerId, Map<String, String> labels);

    // ---- archives -----------------------------------------------------------------------

    /** Writes a tar into the container's filesystem at {@code path} (which must exist). */
    void putArchive(String containerId, String path, InputStream tar);

    /** A tar of {@code path} inside the container, or empty when it does not exist; the caller closes it. */
    Optional<InputStream> getArchive(String containerId, String path);

    /** What the engine says of one path in a container, or empty when it does not exist. */
    Optional<PathStat> stat(String containerId, String path);

    /** The container's whole filesystem as a tar ({@code docker export}). */
    InputStream export(String containerId);

    // ---- volumes ------------------------------------------------------------------------

    boolean volumeExists(String name);

    void createVolume(String name, Map<String, String> labels);

    /**
     * A volume whose files live in memory (tmpfs) and never reach the engine's disk. Its files
     * last only while some container that mounts it runs.
     */
    void createMemoryVolume(String name, Map<String, String> labels);

    void removeVolume(String name);

    /** Where the volume's files are in the engine's own filesystem, for a bind mount of one of them. */
    Optional<String> volumeMountpoint(String name);

    List<String> volumesLabelled(String key);

    /** Each volume carrying the label key: its labels, with its name and creation time added. */
    List<Map<String, String>> labelsOfVolumesLabelled(String key);

    /**
     * The directory on this machine that holds the container's writable layer (overlay2's upper
     * directory), when the engine is local, uses overlay2 and that directory is visible from
     * here; empty otherwise (a remote engine, another storage driver, an engine in a chroot).
     */
    Optional<java.nio.file.Path> writableLayerDir(String containerId);

    /**
     * Where the engine itself keeps the container's writable layer (overlay's upper directory, as
     * {@code GraphDriver.Data.UpperDir} names it in the engine's own filesystem), for a helper
     * container on the engine's host to bind; empty where the engine names none (the containerd
     * image store, a storage driver other than overlay).
     */
    Optional<String> writableLayerPath(String containerId);

    /**
     * The directories on this machine that hold each of the image's layers as the engine unpacked
     * them (the {@code diff} directories of Docker's overlay2 and of Podman's overlay store),
     * bottom first, each checked to be the layer of the image's diff ID at that place (the
     * engine's layer database says so: overlay2's for its chain ID, containers/storage's
     * {@code layers.json} for its layer ID); empty where the engine is remote, keeps layers
     * another way (the containerd store), or any check fails. Reading them costs no save of the image.
     */
    default Optional<List<java.nio.file.Path>> layerDirectories(String imageId) {
        return Optional.empty();
    }

    /**
     * Removes the image unless a container (of any state) or a child image still uses it, as plain
     * {@code docker rmi} does; returns whether it went. Its untagged parents stay.
     */
    boolean removeImageIfUnused(String imageId);

    /** When the engine created the container (to the nanosecond), or empty when it is gone or does not say. */
    Optional<java.time.Instant> containerCreated(String containerId);
}
