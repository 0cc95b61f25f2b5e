package dev.stagesh.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stagesh.docker.ContainerSpec;
import dev.stagesh.docker.ContainerStartException;
import dev.stagesh.docker.Engine;
import dev.stagesh.docker.EngineCapabilities;
import dev.stagesh.docker.EngineConflictException;
import dev.stagesh.docker.EngineException;
import dev.stagesh.docker.EngineNotFoundException;
import dev.stagesh.docker.ImageInfo;
import dev.stagesh.docker.OutputSink;
import dev.stagesh.docker.PathStat;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * An engine held in memory, for unit tests of the engine package's own logic: what it is asked
 * to do is recorded ({@link #calls}), and it keeps the rules of real engines that this logic
 * depends on, per {@link EngineCapabilities}: on the containerd store an image's ID is not its
 * config's digest; Podman refuses to remove a container others joined ({@code container:ID}
 * network) and to attach before a start; the graph-driver loader alone accepts a manifest whose
 * layers it already holds. It runs nothing: a container's "process" exits with the code
 * {@link #process} gives. Never used where a real engine's behaviour is what is tested.
 */
final class FakeEngine implements Engine {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EngineCapabilities capabilities;
    /** Every call that changes something, in order: "create c3 busybox", "remove c1", "load [t:1]"... */
    final List<String> calls = new CopyOnWriteArrayList<>();
    final Map<String, Image> images = new LinkedHashMap<>();
    final Map<String, String> tags = new HashMap<>();
    final Map<String, Container> containers = new LinkedHashMap<>();
    final Map<String, Map<String, String>> volumes = new LinkedHashMap<>();
    /** Every archive loaded, as sent. */
    final List<byte[]> loads = new ArrayList<>();
    /** Volumes made memory-backed (tmpfs). */
    final java.util.Set<String> memoryVolumes = new java.util.HashSet<>();
    /** False for an engine that cannot mount a tmpfs volume (Podman without the mount binary). */
    boolean memoryVolumesMount = true;
    /** False for an engine that names no path for its volumes (a volume driver other than local). */
    boolean volumePaths = true;
    /** The exit code of a started container's process. */
    ToIntFunction<ContainerSpec> process = spec -> 0;
    private int serial;
    /** Creation times in seconds, as the engine gives them: now, then one more per object. */
    private long clock = java.time.Instant.now().getEpochSecond();
    private boolean created;

    /** One image: the engine's ID, its layers' diff IDs, labels, creation second, what save streams. */
    record Image(String id, List<String> layers, Map<String, String> labels, long created, byte[] saved,
                 List<HistoryRecord> history) {}

    /** One container and what was done to it. */
    static final class Container {
        final String id;
        final ContainerSpec spec;
        final long created;
        boolean running;
        /** Tars put into it, by path. */
        final List<Map.Entry<String, byte[]>> archives = new ArrayList<>();

        Container(String id, ContainerSpec spec, long created) {
            this.id = id;
            this.spec = spec;
            this.created = created;
        }
    }

    FakeEngine(EngineCapabilities capabilities) {
        this.capabilities = capabilities;
    }

    static EngineCapabilities docker20() {
        return new EngineCapabilities(EngineCapabilities.Product.DOCKER, "20.10.24", "1.41",
                EngineCapabilities.ImageStore.GRAPH_DRIVER, "linux", "amd64");
    }

    static EngineCapabilities docker28containerd() {
        return new EngineCapabilities(EngineCapabilities.Product.DOCKER, "28.5.2", "1.51",
                EngineCapabilities.ImageStore.CONTAINERD, "linux", "amd64");
    }

    static EngineCapabilities podman5() {
        return new EngineCapabilities(EngineCapabilities.Product.PODMAN, "5.8.6", "1.44",
                EngineCapabilities.ImageStore.CONTAINERS_STORAGE, "linux", "amd64");
    }

    /** Adds an image as a pull would have left it. */
    synchronized Image addImage(String tag, List<String> layers, Map<String, String> labels, byte[] saved,
                                List<HistoryRecord> history) {
        Image image = new Image(nextId("img"), List.copyOf(layers), Map.copyOf(labels), clock++, saved, history);
        images.put(image.id(), image);
        if (tag != null) {
            tags.put(tag, image.id());
        }
        return image;
    }

    private String nextId(String kind) {
        return "sha256:" + kind + (++serial);
    }

    private Image image(String ref) {
        Image i = images.get(tags.getOrDefault(ref, ref));
        if (i == null) {
            throw new EngineNotFoundException("No such image: " + ref);
        }
        return i;
    }

    private Container container(String id) {
        Container c = containers.get(id);
        if (c == null) {
            throw new EngineNotFoundException("No such container: " + id);
        }
        return c;
    }

    // ---- the connection -----------------------------------------------------------------

    @Override
    public String where() {
        return "fake://engine";
    }

    @Override
    public boolean isLocal() {
        return false;
    }

    @Override
    public EngineCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public String platform() {
        return capabilities.platform();
    }

    @Override
    public void awaitReady() {
    }

    @Override
    public void prepareClient() {
    }

    @Override
    public boolean createdAnything() {
        return created;
    }

    @Override
    public void onNotice(Consumer<String> notices) {
    }

    @Override
    public void noticeRecovered() {
        calls.add("notice recovered");
    }

    @Override
    public void fence(java.time.Duration timeout) {
    }

    @Override
    public void close() {
    }

    // ---- images -------------------------------------------------------------------------

    @Override
    public synchronized Optional<ImageInfo> inspectImage(String reference) {
        Image i = images.get(tags.getOrDefault(reference, reference));
        if (i == null) {
            return Optional.empty();
        }
        return Optional.of(new ImageInfo(i.id(), i.layers(), 0, "linux", "amd64", List.of(), null, null, "", "",
                i.labels(), List.of(), List.of(), null, List.of(), null, null));
    }

    @Override
    public synchronized List<HistoryRecord> history(String imageId) {
        return image(imageId).history();
    }

    @Override
    public synchronized int historyLength(String imageId) {
        return image(imageId).history().size();
    }

    @Override
    public void pull(String reference, Consumer<String> progress) {
        throw new EngineException("cannot pull " + reference + ": the fake engine reaches no registry");
    }

    @Override
    public synchronized void tag(String imageId, String repository, String tag) {
        tags.put(repository + ":" + tag, image(imageId).id());
    }

    @Override
    public void removeImage(String imageId) {
        removeImage(imageId, true);
    }

    @Override
    public synchronized void removeImage(String imageId, boolean pruneParents) {
        calls.add("rmi " + imageId);
        if (images.remove(tags.getOrDefault(imageId, imageId)) != null) {
            tags.values().removeIf(imageId::equals);
        }
    }

    /** As plain {@code docker rmi}: an image a container was created from stays. */
    @Override
    public synchronized boolean removeImageIfUnused(String imageId) {
        String id = tags.getOrDefault(imageId, imageId);
        if (!images.containsKey(id) || containers.values().stream().anyMatch(c -> id.equals(c.spec.image()))) {
            return false;
        }
        removeImage(id, false);
        return true;
    }

    @Override
    public synchronized Optional<java.time.Instant> containerCreated(String containerId) {
        Container c = containers.get(containerId);
        return c == null ? Optional.empty() : Optional.of(java.time.Instant.ofEpochSecond(c.created));
    }

    /** Where a local overlay2 engine would have unpacked each image's layers, bottom first, by image ID. */
    final Map<String, List<java.nio.file.Path>> layerDirectories = new HashMap<>();

    @Override
    public synchronized Optional<List<java.nio.file.Path>> layerDirectories(String imageId) {
        return Optional.ofNullable(layerDirectories.get(imageId));
    }

    /** Images saved, in order (a save changes nothing, so it is not among {@link #calls}). */
    final List<String> saves = new CopyOnWriteArrayList<>();
    /** What a save streams, from the archive the test gave: a test may hold it back, or end it early. */
    java.util.function.BiFunction<String, InputStream, InputStream> saveStream = (image, in) -> in;

    @Override
    public InputStream save(String imageId) {
        byte[] saved;
        synchronized (this) {
            saved = image(imageId).saved();
        }
        if (saved == null) {
            throw new EngineException("save " + imageId + ": the test gave no archive");
        }
        saves.add(imageId);
        // outside the lock: a test's stream may hold the save back while other calls go on
        return saveStream.apply(imageId, new ByteArrayInputStream(saved));
    }

    /**
     * Reads the archive's manifest.json and makes the image it names. Its ID is the config's
     * digest, except on the containerd store (a manifest's digest, made up here). A loader other
     * than the graph driver's refuses a manifest naming a layer the archive lacks.
     */
    @Override
    public List<String> load(InputStream tar) {
        // read before taking the lock: the stream may be fed by a save of this same engine on another thread
        return loaded(readAll(tar));
    }

    private synchronized List<String> loaded(byte[] bytes) {
        created = true;
        Map<String, byte[]> files = new HashMap<>();
        try {
            try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(bytes))) {
                for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                    files.put(e.getName(), in.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        loads.add(bytes);
        JsonNode manifest = json(files.get("manifest.json")).path(0);
        byte[] config = files.get(manifest.path("Config").asText());
        if (config == null) {
            throw new EngineException("load image: no config " + manifest.path("Config").asText());
        }
        for (JsonNode layer : manifest.path("Layers")) {
            if (!files.containsKey(layer.asText()) && capabilities.store() != EngineCapabilities.ImageStore.GRAPH_DRIVER) {
                throw new EngineException("load image: layer " + layer.asText() + " not found in the archive");
            }
        }
        JsonNode c = json(config);
        List<String> layers = new ArrayList<>();
        c.path("rootfs").path("diff_ids").forEach(d -> layers.add(d.asText()));
        Map<String, String> labels = new HashMap<>();
        c.path("config").path("Labels").fields().forEachRemaining(f -> labels.put(f.getKey(), f.getValue().asText()));
        String id = capabilities.store() == EngineCapabilities.ImageStore.CONTAINERD ? nextId("manifest") : "sha256:" + sha256(config);
        images.put(id, new Image(id, layers, labels, clock++, bytes, List.of()));
        List<String> said = new ArrayList<>();
        for (JsonNode t : manifest.path("RepoTags")) {
            tags.put(t.asText(), id);
            said.add(t.asText());
        }
        if (said.isEmpty()) {
            said.add(id);
        }
        calls.add("load " + said);
        return said;
    }

    @Override
    public String importImage(InputStream tar, Map<String, String> labels) {
        readAll(tar); // outside the lock, as load
        return imported(labels);
    }

    private synchronized String imported(Map<String, String> labels) {
        created = true;
        Image i = addImage(null, List.of(nextId("layer")), labels, null, List.of());
        calls.add("import " + i.id());
        return i.id();
    }

    @Override
    public synchronized Map<String, String> imageLabelValues(String key) {
        calls.add("list images " + key);
        Map<String, String> out = new HashMap<>();
        images.values().forEach(i -> {
            if (i.labels().containsKey(key)) {
                out.putIfAbsent(i.labels().get(key), i.id());
            }
        });
        return out;
    }

    @Override
    public synchronized List<String> imagesLabelled(String key) {
        return images.values().stream().filter(i -> i.labels().containsKey(key)).map(Image::id).toList();
    }

    @Override
    public synchronized List<Map<String, String>> labelsOfImagesLabelled(String key) {
        return images.values().stream().filter(i -> i.labels().containsKey(key))
                .map(i -> withIdAndCreation(i.labels(), i.id(), i.created())).toList();
    }

    private static Map<String, String> withIdAndCreation(Map<String, String> labels, String id, long created) {
        Map<String, String> out = new HashMap<>(labels);
        out.put("__id", id);
        out.put("__created", String.valueOf(created));
        return out;
    }

    // ---- containers ---------------------------------------------------------------------

    @Override
    public synchronized String createContainer(ContainerSpec spec) {
        created = true;
        image(spec.image());
        for (ContainerSpec.MountSpec m : spec.mounts()) {
            if (m.kind() == ContainerSpec.MountSpec.Kind.VOLUME && !volumes.containsKey(m.source())) {
                throw new EngineNotFoundException("create: no such volume " + m.source());
            }
        }
        Container c = new Container("c" + (++serial), spec, clock++);
        containers.put(c.id, c);
        calls.add("create " + c.id + " " + spec.image() + (spec.networkMode() == null ? "" : " " + spec.networkMode()));
        return c.id;
    }

    /** Called before a container starts, outside the engine's lock: a test holds a start back with it. */
    volatile java.util.function.Consumer<ContainerSpec> starting = spec -> { };

    @Override
    public void start(String containerId) {
        ContainerSpec spec;
        synchronized (this) {
            spec = container(containerId).spec;
        }
        starting.accept(spec);
        startNow(containerId);
    }

    private synchronized void startNow(String containerId) {
        Container c = container(containerId);
        if (!memoryVolumesMount && c.spec.mounts().stream().anyMatch(m -> memoryVolumes.contains(m.source()))) {
            throw new ContainerStartException("mounting volume: locating 'mount' binary: executable file not found");
        }
        c.running = true;
        calls.add("start " + containerId);
    }

    @Override
    public int runToEnd(String containerId, OutputSink sink) {
        Container c;
        synchronized (this) {
            c = container(containerId);
            calls.add("run " + containerId);
        }
        return process.applyAsInt(c.spec);
    }

    @Override
    public synchronized void stop(String containerId) {
        Container c = containers.get(containerId);
        if (c != null) {
            c.running = false;
        }
        calls.add("stop " + containerId);
    }

    @Override
    public synchronized void removeContainer(String containerId) {
        if (!containers.containsKey(containerId)) {
            return;
        }
        if (capabilities.podman()) {
            for (Container other : containers.values()) {
                if (("container:" + containerId).equals(other.spec.networkMode())) {
                    throw new EngineConflictException("cannot remove container " + containerId
                            + " as it has dependent containers which must be removed before it: " + other.id);
                }
            }
        }
        containers.remove(containerId);
        calls.add("remove " + containerId);
    }

    @Override
    public synchronized List<String> containersLabelled(String key, String value) {
        return containers.values().stream().filter(c -> value.equals(c.spec.labels().get(key))).map(c -> c.id).toList();
    }

    @Override
    public synchronized List<Map<String, String>> labelsOfContainersLabelled(String key) {
        return containers.values().stream().filter(c -> c.spec.labels().containsKey(key))
                .map(c -> withIdAndCreation(c.spec.labels(), c.id, c.created)).toList();
    }

    @Override
    public int exec(String containerId, List<String> argv, List<String> env, String workingDir, String user,
                    OutputSink sink) {
        calls.add("exec " + containerId + " " + argv);
        return 0;
    }

    @Override
    public synchronized boolean isRunning(String containerId) {
        Container c = containers.get(containerId);
        return c != null && c.running;
    }

    /** A commit adds one layer to the container's image and takes the labels given. */
    @Override
    public synchronized String commit(String containerId, Map<String, String> labels) {
        Container c = container(containerId);
        Image parent = image(c.spec.image());
        List<String> layers = new ArrayList<>(parent.layers());
        layers.add(nextId("layer"));
        Image i = addImage(null, layers, labels, null, List.of());
        calls.add("commit " + containerId + " " + i.id());
        return i.id();
    }

    // ---- archives -----------------------------------------------------------------------

    @Override
    public void putArchive(String containerId, String path, InputStream tar) {
        byte[] bytes = readAll(tar); // outside the lock, as load
        synchronized (this) {
            container(containerId).archives.add(Map.entry(path, bytes));
            puts.put(containerId + " " + path, bytes);
            calls.add("put " + containerId + " " + path);
        }
    }

    private static byte[] readAll(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Optional<InputStream> getArchive(String containerId, String path) {
        byte[] tar = archivesOut.get(containerId + " " + path);
        if (tar != null) {
            calls.add("get archive " + containerId + " " + path);
        }
        return Optional.ofNullable(tar).map(java.io.ByteArrayInputStream::new);
    }

    /** What {@link #getArchive} answers, by container and path ("ID PATH"); absent ones do not exist. */
    final Map<String, byte[]> archivesOut = new java.util.concurrent.ConcurrentHashMap<>();

    /** Every tar put, by container and path ("ID PATH"), kept after the container goes. */
    final Map<String, byte[]> puts = new java.util.concurrent.ConcurrentHashMap<>();

    /** What {@link #stat} answers, by path, in every container: the fake keeps no filesystems. */
    final Map<String, PathStat> paths = new java.util.concurrent.ConcurrentHashMap<>();
    /** How many stats were asked. */
    final java.util.concurrent.atomic.AtomicInteger stats = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public Optional<PathStat> stat(String containerId, String path) {
        stats.incrementAndGet();
        return Optional.ofNullable(paths.get(path));
    }

    @Override
    public InputStream export(String containerId) {
        throw new EngineException("export: the fake engine keeps no filesystems");
    }

    // ---- volumes ------------------------------------------------------------------------

    @Override
    public synchronized boolean volumeExists(String name) {
        return volumes.containsKey(name);
    }

    @Override
    public synchronized void createVolume(String name, Map<String, String> labels) {
        created = true;
        volumes.put(name, Map.copyOf(labels));
        calls.add("volume " + name);
    }

    @Override
    public synchronized void createMemoryVolume(String name, Map<String, String> labels) {
        created = true;
        volumes.put(name, Map.copyOf(labels));
        memoryVolumes.add(name);
        calls.add("memory volume " + name);
    }

    @Override
    public synchronized void removeVolume(String name) {
        for (Container c : containers.values()) {
            if (c.spec.mounts().stream().anyMatch(m -> name.equals(m.source()))) {
                throw new EngineConflictException("remove volume " + name + ": volume is in use - [" + c.id + "]");
            }
        }
        volumes.remove(name);
        memoryVolumes.remove(name);
        calls.add("remove volume " + name);
    }

    @Override
    public synchronized Optional<String> volumeMountpoint(String name) {
        return volumes.containsKey(name) && volumePaths ? Optional.of("/var/lib/engine/volumes/" + name + "/_data") : Optional.empty();
    }

    @Override
    public synchronized List<String> volumesLabelled(String key) {
        int eq = key.indexOf('=');
        String k = eq < 0 ? key : key.substring(0, eq);
        return volumes.entrySet().stream()
                .filter(v -> v.getValue().containsKey(k) && (eq < 0 || key.substring(eq + 1).equals(v.getValue().get(k))))
                .map(Map.Entry::getKey).toList();
    }

    @Override
    public synchronized List<Map<String, String>> labelsOfVolumesLabelled(String key) {
        return volumesLabelled(key).stream().map(name -> {
            Map<String, String> labels = new LinkedHashMap<>(volumes.get(name));
            labels.put("Id", name);
            return Map.copyOf(labels);
        }).toList();
    }

    /** A fake engine's layers are on no disk. */
    @Override
    public java.util.Optional<java.nio.file.Path> writableLayerDir(String containerId) {
        return java.util.Optional.empty();
    }

    /** Where a test says the engine keeps a container's writable layer in its own filesystem (none by default). */
    java.util.function.Function<String, java.util.Optional<String>> upperDirs = id -> java.util.Optional.empty();

    @Override
    public java.util.Optional<String> writableLayerPath(String containerId) {
        return upperDirs.apply(containerId);
    }

    private static JsonNode json(byte[] bytes) {
        try {
            return bytes == null ? JSON.missingNode() : JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
