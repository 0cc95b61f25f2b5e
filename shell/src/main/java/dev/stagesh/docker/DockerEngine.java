package dev.stagesh.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.stagesh.json.JsonTrees;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;

/**
 * The {@link Engine} for every engine that serves Docker's API (Docker and Podman): JSON
 * requests over the engine's Unix socket where there is one, docker-java's transport otherwise
 * (TCP, TLS). The calls that still use docker-java's client (a step's logs, exec, pulls,
 * put-archive, removals, volumes) reach a local socket through the same seam
 * ({@link UnixSocketDockerHttpClient}).
 */
public final class DockerEngine implements Engine {

    /**
     * docker-java's client and transport. Loading them costs a third of a second of class
     * initialisation, so on a local socket they are built on a thread of their own once a front end
     * asks for them ahead ({@link #prepareClient}: at once in script mode, once the first prompt
     * shows at a terminal), or by the first call that needs them; the calls that need them wait.
     */
    private final ClientBuild transport;
    private final String where;
    private final EngineEndpoint endpoint;
    /** The engine's Unix socket when it is on this machine; null otherwise (the transport is used). */
    private final java.nio.file.Path socket;
    /** Whether this process asked the engine to create anything: until it has, there is nothing to sweep. */
    private volatile boolean createdAny;
    private String platform;
    private EngineCapabilities capabilities;
    /** Calls that create engine objects hold it shared; {@link #fence} takes it alone. */
    private final ReentrantReadWriteLock creating = new ReentrantReadWriteLock();
    private volatile boolean fenced;
    private volatile Consumer<String> notices = message -> { };

    /** The docker-java half of a connection. */
    record Transport(DockerClient client, DockerHttpClient http) {}

    DockerEngine(ClientBuild transport, EngineEndpoint endpoint) {
        this.transport = transport;
        this.endpoint = endpoint;
        this.where = endpoint.host().toString();
        this.socket = where.startsWith("unix://") ? java.nio.file.Path.of(where.substring("unix://".length())) : null;
    }

    private Transport transport() {
        try {
            return transport.start().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r
                    : new EngineUnavailableException("cannot talk to the engine at " + where + ": " + EngineConnector.rootMessage(e), e);
        }
    }

    private DockerClient client() {
        return transport().client();
    }

    private DockerHttpClient http() {
        return transport().http();
    }

    @Override
    public boolean createdAnything() {
        return createdAny;
    }

    /** Waits for the client built in the background; throws when it could not be built. */
    @Override
    public void awaitReady() {
        transport();
    }

    @Override
    public void prepareClient() {
        transport.start();
    }

    /** Where to say what the engine did on its own (it restarted, the session recovered). */
    @Override
    public void onNotice(Consumer<String> notices) {
        this.notices = notices;
    }

    /**
     * From now on nothing new is created on the engine (containers, images, volumes): calls that
     * would throw. Waits up to {@code timeout} for creations already under way to finish, so a
     * sweep after this finds everything the process made. Removal still works.
     */
    @Override
    public void fence(java.time.Duration timeout) {
        boolean locked = false;
        try {
            locked = creating.writeLock().tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        fenced = true;
        if (locked) {
            creating.writeLock().unlock();
        }
    }

    private <T> T creating(EngineCall<T> c, String what) {
        creating.readLock().lock();
        try {
            if (fenced) {
                throw new EngineException(what + ": the session is ending");
            }
            createdAny = true;
            return call(c, what);
        } finally {
            creating.readLock().unlock();
        }
    }

    /** Where the engine was reached, as DOCKER_HOST would name it. */
    @Override
    public String where() {
        return where;
    }

    @Override
    public EngineEndpoint endpoint() {
        return endpoint;
    }

    /** Whether the engine runs on this machine, so host paths can be bind-mounted into containers. */
    @Override
    public boolean isLocal() {
        return where.startsWith("unix://") || where.startsWith("npipe://");
    }

    /** Asked once, since an engine does not change platform; /version alone, not /info, so start-up stays short. */
    @Override
    public synchronized String platform() {
        if (platform == null) {
            platform = platformOf(version());
        }
        return platform;
    }

    private static String platformOf(JsonNode version) {
        return version.path("Os").asText("linux") + "/" + EngineCapabilities.normalizeArch(version.path("Arch").asText("amd64"));
    }

    private JsonNode version() {
        return getJson("/version").orElseThrow(() -> new EngineException("the engine at " + where + " did not say its version"));
    }

    /** Asked on first use and kept: an engine does not change product or image store while it runs. */
    @Override
    public synchronized EngineCapabilities capabilities() {
        if (capabilities == null) {
            JsonNode info = getJson("/info").orElseGet(JsonTrees::object);
            JsonNode v = version();
            capabilities = EngineCapabilities.of(v, info);
            if (platform == null) {
                platform = platformOf(v); // the same answer: not asked twice
            }
        }
        return capabilities;
    }

    // ---- images -------------------------------------------------------------------------

    @Override
    public Optional<ImageInfo> inspectImage(String reference) {
        return getJson("/images/" + encode(reference) + "/json").map(DockerEngine::toImageInfo);
    }

    /** The image's history, oldest first. */
    @Override
    public List<HistoryRecord> history(String imageId) {
        JsonNode n = getJson("/images/" + encode(imageId) + "/history")
                .orElseThrow(() -> new EngineException("no such image: " + imageId));
        List<HistoryRecord> out = new ArrayList<>();
        n.forEach(h -> out.add(0, new HistoryRecord(h.path("Created").asLong(), h.path("CreatedBy").asText(""),
                h.path("Comment").asText(""), h.path("Size").asLong())));
        return out;
    }

    /** How many entries the image's history has ({@code docker history}). */
    @Override
    public int historyLength(String imageId) {
        return getJson("/images/" + encode(imageId) + "/history").map(JsonNode::size)
                .orElseThrow(() -> new EngineException("no such image: " + imageId));
    }

    @Override
    public void pull(String reference, Consumer<String> progress) {
        try {
            client().pullImageCmd(reference).exec(new PullImageResultCallback() {
                @Override
                public void onNext(PullResponseItem item) {
                    if (item.getStatus() != null) {
                        // "<layer>: <state>", as the docker CLI prints it, so each layer's lines can be told apart
                        String layer = item.getId() == null || item.getId().isEmpty() ? "" : item.getId() + ": ";
                        progress.accept(layer + item.getStatus() + (item.getProgress() == null ? "" : " " + item.getProgress()));
                    }
                    super.onNext(item);
                }
            }).awaitCompletion();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("pull of " + reference + " was interrupted");
        } catch (RuntimeException e) {
            throw new EngineException("cannot pull " + reference + ": " + EngineConnector.rootMessage(e), e);
        }
    }

    @Override
    public void tag(String imageId, String repository, String tag) {
        creating(() -> client().tagImageCmd(imageId, repository, tag).withForce(true).exec(), "tag " + repository + ":" + tag);
    }

    /** Removes the image and the untagged parents only it kept. */
    @Override
    public void removeImage(String imageId) {
        removeImage(imageId, true);
    }

    /**
     * Removes the image; with {@code pruneParents} also the untagged parents no other image or
     * container holds, as {@code docker rmi} does. A session's cached snapshots are such parents
     * of its uncached ones (a failed step's, say), so those are removed without pruning.
     */
    @Override
    public void removeImage(String imageId, boolean pruneParents) {
        Answer a = deleteImage(imageId, true, !pruneParents);
        if (!a.ok() && a.status != 404) { // a 404: already gone, removal is idempotent
            throw EngineException.forStatus(a.status, "cannot remove image " + imageId + ": " + a.message());
        }
    }

    /**
     * {@code DELETE /images/ID}, as a plain call: a build's and a session's end remove their snapshots
     * this way, so neither needs docker-java's client for it.
     */
    private Answer deleteImage(String imageId, boolean force, boolean noPrune) {
        return send("DELETE", "/images/" + encode(imageId) + "?force=" + force + "&noprune=" + noPrune, null);
    }

    /**
     * Removes the image unless a container (of any state) or a child image still uses it, as plain
     * {@code docker rmi} does; returns whether it went. Its parents stay (a session removing a
     * snapshot it left still stands on the one before it); whoever removes many goes child first.
     */
    @Override
    public boolean removeImageIfUnused(String imageId) {
        Answer a = deleteImage(imageId, false, true);
        if (a.ok()) {
            return true;
        }
        if (a.status == 404 || a.status == 409) { // gone, or a container or a child image still uses it
            return false;
        }
        throw EngineException.forStatus(a.status, "cannot remove image " + imageId + ": " + a.message());
    }

    /** Streams {@code docker save} of one image; the caller closes the stream. */
    @Override
    public InputStream save(String imageId) {
        Optional<UnixSocketHttp.Response> local = socketGet("/images/" + encode(imageId) + "/get");
        if (local.isPresent()) {
            return body(local.get(), "save " + imageId);
        }
        return call(() -> client().saveImageCmd(imageId).exec(), "save " + imageId);
    }

    /**
     * A streaming GET straight over the engine's Unix socket, which reads large bodies several
     * times faster than the transport ({@link UnixSocketHttp}); empty when the engine is not on a
     * local socket or the socket cannot be reached, and the transport is used instead.
     */
    private Optional<UnixSocketHttp.Response> socketGet(String pathAndQuery) {
        if (socket == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UnixSocketHttp.get(socket, pathAndQuery));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The body of a successful answer; otherwise the engine's message, as an exception. */
    private static InputStream body(UnixSocketHttp.Response r, String what) {
        if (r.status() / 100 == 2) {
            return r.body();
        }
        String message;
        try (InputStream in = r.body()) {
            message = EngineConnector.rootMessage(new IOException("Status " + r.status() + ": "
                    + new String(in.readNBytes(4096), StandardCharsets.UTF_8).strip()));
        } catch (IOException e) {
            message = "status " + r.status();
        }
        throw new EngineException(what + ": " + message);
    }

    private static <T> Optional<T> closed(UnixSocketHttp.Response r) {
        try {
            r.body().close();
        } catch (IOException ignored) {
            // nothing was read from it
        }
        return Optional.empty();
    }

    /**
     * The engine says what it loaded in its progress stream ({@code Loaded image: name:tag},
     * {@code Loaded image ID: sha256:...}); that, not a digest worked out here, names the image,
     * since on the containerd store an image's ID is its manifest's digest, not its config's.
     */
    @Override
    public List<String> load(InputStream tar) {
        return creating(() -> {
            List<String> loaded = new ArrayList<>();
            for (JsonNode m : postTar("/images/load?quiet=0", tar, "load image")) {
                String line = m.path("stream").asText("").strip();
                for (String prefix : new String[] {"Loaded image ID: ", "Loaded image: "}) {
                    if (line.startsWith(prefix)) {
                        loaded.add(line.substring(prefix.length()).strip());
                        break;
                    }
                }
            }
            return loaded;
        }, "load image");
    }

    /**
     * {@code docker import}: an unnamed image whose only layer is the given tar, carrying
     * {@code labels}; returns its id. The tar is sent as it is read, so its size need not be known
     * beforehand (docker-java's import command cannot set labels, hence the plain request).
     */
    @Override
    public String importImage(InputStream tar, Map<String, String> labels) {
        createdAny = true;
        StringBuilder label = new StringBuilder("LABEL");
        labels.forEach((k, v) -> label.append(' ').append(k).append("=\"")
                .append(v.replace("\\", "\\\\").replace("\"", "\\\"")).append('"'));
        String path = "/images/create?fromSrc=-" + (labels.isEmpty() ? "" : "&changes=" + URLEncoder.encode(label.toString(), StandardCharsets.UTF_8));
        // the image id is the last status that is one
        String id = null;
        for (JsonNode m : postTar(path, tar, "import")) {
            if (m.path("status").asText("").startsWith("sha256:")) {
                id = m.path("status").asText();
            }
        }
        if (id == null) {
            throw new EngineException("import: the engine did not say which image it made");
        }
        return id;
    }

    /**
     * POSTs a tar, sent as it is read, to a call that answers with a stream of JSON progress
     * messages; returns them, or throws the first error among them.
     */
    private List<JsonNode> postTar(String path, InputStream tar, String what) {
        try {
            Answer answer = sendTar("POST", path, tar);
            byte[] body = answer.body;
            if (!answer.ok()) {
                throw EngineException.forStatus(answer.status, what + ": " + answer.message());
            }
            List<JsonNode> out = new ArrayList<>();
            for (JsonNode m : JsonTrees.readEach(body)) {
                if (m.hasNonNull("error")) {
                    throw new EngineException(what + ": " + m.path("error").asText());
                }
                out.add(m);
            }
            return out;
        } catch (IOException e) {
            throw new EngineException(what + ": " + e.getMessage(), e);
        } catch (EngineException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new EngineException(what + ": " + EngineConnector.rootMessage(e), e);
        }
    }

    /**
     * The tar streamed (chunked) as the call's body, the answer read whole: over the local socket when there
     * is one, as {@link #send} does (a build's WORKDIR, COPY and final load then need nothing of docker-java),
     * otherwise through the transport.
     */
    private Answer sendTar(String method, String path, InputStream tar) throws IOException {
        if (socket != null) {
            return answer(UnixSocketHttp.exchange(socket,
                    new UnixSocketHttp.Call(method, path, Map.of("Content-Type", "application/x-tar"), tar, -1, null)));
        }
        return viaTransport(method, path, "application/x-tar", tar);
    }

    /** A call through docker-java's transport (an engine reached over TCP), its answer read whole. */
    private Answer viaTransport(String method, String path, String contentType, InputStream body) throws IOException {
        DockerHttpClient.Request.Builder request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.valueOf(method)).path(path);
        if (body != null) {
            request.putHeader("Content-Type", contentType).body(body);
        }
        try (DockerHttpClient.Response response = http().execute(request.build())) {
            return new Answer(response.getStatusCode(), response.getBody().readAllBytes());
        }
    }

    /** An answer over the local socket, read whole. */
    private static Answer answer(UnixSocketHttp.Response r) throws IOException {
        try (InputStream in = r.body()) {
            return new Answer(r.status(), in.readAllBytes());
        }
    }

    /** For every image carrying label {@code key}: its value, mapped to the image id. */
    @Override
    public Map<String, String> imageLabelValues(String key) {
        Map<String, String> out = new HashMap<>();
        for (Listed i : listed("/images/json?all=1", "Images", key)) {
            if (i.labels().get(key) != null) {
                out.putIfAbsent(i.labels().get(key), i.id());
            }
        }
        return out;
    }

    @Override
    public List<String> imagesLabelled(String key) {
        return listed("/images/json?all=1", "Images", key).stream().map(Listed::id).toList();
    }

    /**
     * The labels of every image carrying label {@code key}, with the image's id under
     * {@code __id} and its creation time (seconds) under {@code __created}.
     */
    @Override
    public List<Map<String, String>> labelsOfImagesLabelled(String key) {
        return listed("/images/json?all=1", "Images", key).stream().map(Listed::labelsWithIdAndCreation).toList();
    }

    // ---- containers ---------------------------------------------------------------------

    @Override
    public String createContainer(ContainerSpec spec) {
        ObjectNode body = JsonTrees.object();
        body.put("Image", spec.image());
        // the nodes built by hand: valueToTree's first use builds databind's serializers, ~30 ms
        // of CPU on the way to a session's first container (the network holder's)
        ObjectNode labels = body.putObject("Labels");
        spec.labels().forEach(labels::put);
        strings(body.putArray("Env"), spec.env());
        if (spec.entrypoint() != null) {
            strings(body.putArray("Entrypoint"), spec.entrypoint());
        }
        if (spec.cmd() != null) {
            strings(body.putArray("Cmd"), spec.cmd());
        }
        if (spec.workingDir() != null && !spec.workingDir().isEmpty()) {
            body.put("WorkingDir", spec.workingDir());
        }
        if (spec.user() != null && !spec.user().isEmpty()) {
            body.put("User", spec.user());
        }
        ObjectNode host = body.putObject("HostConfig");
        ArrayNode mounts = host.putArray("Mounts");
        for (ContainerSpec.MountSpec m : spec.mounts()) {
            ObjectNode mount = mounts.addObject().put("Target", m.target()).put("ReadOnly", m.readOnly());
            switch (m.kind()) {
                case VOLUME -> {
                    ObjectNode options = mount.put("Type", "volume").put("Source", m.source()).putObject("VolumeOptions");
                    options.put("NoCopy", true);
                    if (m.subpath() != null) {
                        options.put("Subpath", m.subpath());
                    }
                }
                case BIND -> mount.put("Type", "bind").put("Source", m.source());
                case TMPFS -> mount.put("Type", "tmpfs");
            }
        }
        if (spec.networkMode() != null) {
            host.put("NetworkMode", spec.networkMode());
        }
        String what = "create a container from " + spec.image();
        return creating(() -> send("POST", "/containers/create", body).json(what).path("Id").asText(), what);
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    /**
     * Starts a container. Right after an engine restart its network store can refuse the first
     * starts for a moment ("failed to update store"), so those are tried again, briefly.
     */
    @Override
    public void start(String containerId) {
        for (int attempt = 1; ; attempt++) {
            Answer a = send("POST", "/containers/" + encode(containerId) + "/start", null);
            if (a.ok() || a.status() == 304) { // 304: started already
                return;
            }
            if (a.status() == 404) {
                throw new EngineNotFoundException("start container: " + a.message());
            }
            // the engine's own words are all there is to tell a transient refusal from a lasting one
            if (attempt >= 10 || !a.message().contains("failed to update store")) {
                throw new ContainerStartException(a.message());
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new ContainerStartException(a.message());
            }
        }
    }

    /** How long the output stream may trail the process's end before it is cut. */
    private static final long OUTPUT_GRACE_SECONDS = 10;

    /**
     * Runs the container's own process to its end, streaming its output; returns its exit code.
     * The container is started, then its logs are followed from the beginning: they hold every
     * byte exactly once and end when the process exits. An attach made before the start gave
     * the output twice on Docker 28 with the containerd store when asked to replay logs (and could
     * miss its start when not), Podman refuses to attach to a container that has not started, and
     * its attach stream outlives the process. The end is the engine's {@code wait}, not the
     * stream's: a stream an engine leaves open must not hang a step.
     */
    @Override
    public int runToEnd(String containerId, OutputSink sink) {
        start(containerId);
        try (FollowedOutput output = follow(containerId, sink)) {
            JsonNode exit = send("POST", "/containers/" + encode(containerId) + "/wait", null).json("wait for container");
            output.awaitEnd(OUTPUT_GRACE_SECONDS);
            int code = exit.path("StatusCode").asInt(-1);
            return code >= 0 ? code : exitCodeOnceStopped(containerId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted");
        } catch (IOException e) {
            throw new EngineException("lost the container's output: " + e.getMessage(), e);
        }
    }

    /** A container's output being followed to the sink, on a thread of its own; closing it cuts the stream. */
    private interface FollowedOutput extends java.io.Closeable {
        /** Waits up to that long for the output to end (a stream still open then is left to close). */
        void awaitEnd(long seconds) throws InterruptedException, IOException;
    }

    /**
     * The container's logs from its start, followed: off the local socket (no docker-java on a
     * step's path: its first typed command costs a quarter of a second), else through the transport.
     */
    private FollowedOutput follow(String containerId, OutputSink sink) throws IOException {
        if (socket == null) {
            ResultCallback.Adapter<Frame> output = client().logContainerCmd(containerId)
                    .withStdOut(true).withStdErr(true).withFollowStream(true).exec(new FrameForwarder(sink));
            return new FollowedOutput() {
                @Override
                public void awaitEnd(long seconds) throws InterruptedException {
                    output.awaitCompletion(seconds, TimeUnit.SECONDS);
                }

                @Override
                public void close() throws IOException {
                    output.close();
                }
            };
        }
        UnixSocketHttp.Response logs = UnixSocketHttp.get(socket, "/containers/" + encode(containerId) + "/logs?follow=1&stdout=1&stderr=1");
        InputStream body = logs.body();
        if (logs.status() != 200) {
            try (body) {
                throw EngineException.forStatus(logs.status(), "follow the output of " + containerId + ": "
                        + new Answer(logs.status(), body.readAllBytes()).message());
            }
        }
        CompletableFuture<Void> copied = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                MultiplexedStream.copy(body, sink);
                copied.complete(null);
            } catch (IOException | RuntimeException e) {
                copied.completeExceptionally(e);
            }
        }, "stagesh-output");
        reader.setDaemon(true);
        reader.start();
        return new FollowedOutput() {
            @Override
            public void awaitEnd(long seconds) throws InterruptedException, IOException {
                try {
                    copied.get(seconds, TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException trailing) {
                    // an output stream the engine left open past the process's end is cut by close
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IOException(EngineConnector.rootMessage(e.getCause()), e.getCause());
                }
            }

            @Override
            public void close() throws IOException {
                body.close();
            }
        };
    }

    /**
     * The exit code from the container's state, for a wait that answered without one (Podman
     * answers -1 to a wait that comes before its start has taken): asked until it has stopped.
     */
    private int exitCodeOnceStopped(String containerId) throws InterruptedException {
        for (int attempt = 0; attempt < 600; attempt++) {
            JsonNode state = getJson("/containers/" + encode(containerId) + "/json")
                    .orElseThrow(() -> new EngineNotFoundException("wait for container: " + containerId + " is gone"))
                    .path("State");
            String status = state.path("Status").asText("");
            if (!state.path("Running").asBoolean(false) && (status.equals("exited") || status.equals("stopped"))) {
                return state.path("ExitCode").asInt(-1);
            }
            send("POST", "/containers/" + encode(containerId) + "/wait", null);
            Thread.sleep(100);
        }
        throw new EngineException("wait for container: " + containerId + " never stopped");
    }

    @Override
    public void stop(String containerId) {
        try {
            client().killContainerCmd(containerId).exec();
        } catch (DockerException ignored) {
            // not running any more: nothing to stop
        }
    }

    @Override
    public void removeContainer(String containerId) {
        if (capabilities().podman()) {
            // Podman's forced removal stops a running container with SIGTERM and waits its stop
            // timeout (10 s) before SIGKILL, where Docker kills at once: a RUN's process (PID 1,
            // which ignores SIGTERM) would hold every quit for 10 s. Killed first, it goes at once.
            send("POST", "/containers/" + encode(containerId) + "/kill", null);
        }
        Answer a = send("DELETE", "/containers/" + encode(containerId) + "?force=1&v=1", null);
        // 404: gone already; 409 "already in progress": another sweep is removing it
        if (a.ok() || a.status() == 404 || a.status() == 409 && a.message().contains("is already in progress")) {
            return;
        }
        throw EngineException.forStatus(a.status(), "cannot remove container " + containerId + ": " + a.message());
    }

    @Override
    public List<String> containersLabelled(String key, String value) {
        return listed("/containers/json?all=1", "Containers", key + "=" + value).stream().map(Listed::id).toList();
    }

    @Override
    public List<Map<String, String>> labelsOfContainersLabelled(String key) {
        return listed("/containers/json?all=1", "Containers", key).stream().map(Listed::labelsWithIdAndCreation).toList();
    }

    /**
     * Runs a process in a running container (reading what a user's shell left, say) and returns
     * its exit code. Output is streamed to the sink as it comes.
     */
    @Override
    public int exec(String containerId, List<String> argv, List<String> env, String workingDir, String user,
                    OutputSink sink) {
        var create = client().execCreateCmd(containerId).withCmd(argv.toArray(String[]::new))
                .withEnv(env).withAttachStdout(true).withAttachStderr(true);
        if (workingDir != null && !workingDir.isEmpty()) {
            create.withWorkingDir(workingDir);
        }
        if (user != null && !user.isEmpty()) {
            create.withUser(user);
        }
        String execId = call(() -> create.exec().getId(), "exec in container");
        try (ResultCallback.Adapter<Frame> cb = client().execStartCmd(execId).exec(new FrameForwarder(sink))) {
            cb.awaitCompletion();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted");
        } catch (IOException e) {
            throw new EngineException("lost the output of " + argv.get(0) + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new EngineException("cannot run " + argv.get(0) + ": " + EngineConnector.rootMessage(e), e);
        }
        Long code = call(() -> client().inspectExecCmd(execId).exec().getExitCodeLong(), "inspect exec");
        return code == null ? -1 : code.intValue();
    }

    /**
     * A process on a pseudo-terminal in a running container, as {@code docker exec -it} runs it but
     * without the CLI: an exec created with a terminal of the window's size, started over a
     * connection the engine upgrades to a raw stream (the local socket's own, else docker-java's
     * hijacking transport), and sized again once it runs, as the CLI does for engines that ignore
     * the size given at creation.
     */
    @Override
    public TtyProcess execTty(String containerId, ExecSpec spec, TtyProcess.TerminalSize size) {
        ObjectNode create = JsonTrees.object().put("AttachStdin", true).put("AttachStdout", true)
                .put("AttachStderr", true).put("Tty", true);
        create.set("Cmd", JsonTrees.strings(spec.argv()));
        create.set("Env", JsonTrees.strings(spec.env()));
        if (!spec.workingDir().isEmpty()) {
            create.put("WorkingDir", spec.workingDir());
        }
        if (!spec.user().isEmpty()) {
            create.put("User", spec.user());
        }
        create.putArray("ConsoleSize").add(size.rows()).add(size.columns());
        String what = "cannot run " + spec.argv().get(0);
        String execId = send("POST", "/containers/" + encode(containerId) + "/exec", create).json(what).path("Id").asText();
        TtyProcess process = socket != null ? socketTty(execId, size, what)
                : TransportTtyProcess.start(client(), execId, s -> resizeExec(execId, s), () -> execExitCode(execId));
        resizeExec(execId, size);
        return process;
    }

    private TtyProcess socketTty(String execId, TtyProcess.TerminalSize size, String what) {
        ObjectNode start = JsonTrees.object().put("Detach", false).put("Tty", true);
        start.putArray("ConsoleSize").add(size.rows()).add(size.columns());
        try {
            UnixSocketHttp.Upgraded c = UnixSocketHttp.upgrade(socket, "POST", "/exec/" + encode(execId) + "/start",
                    JsonTrees.bytes(start));
            if (c.status() != 101 && c.status() != 200) {
                try (c) {
                    throw EngineException.forStatus(c.status(), what + ": " + new Answer(c.status(), c.refusal()).message());
                }
            }
            return new SocketTtyProcess(c, s -> resizeExec(execId, s), () -> execExitCode(execId));
        } catch (IOException e) {
            throw new EngineException(what + ": the engine at " + where + " stopped answering: " + e.getMessage(), e);
        }
    }

    /**
     * Best effort: the process may have ended, or (Podman) not be running yet, when a resize comes;
     * a terminal of the wrong size for a moment is no reason to fail the shell.
     */
    private void resizeExec(String execId, TtyProcess.TerminalSize size) {
        if (size.rows() > 0 && size.columns() > 0) {
            try {
                send("POST", "/exec/" + encode(execId) + "/resize?h=" + size.rows() + "&w=" + size.columns(), null);
            } catch (EngineException ignored) {
                // see above
            }
        }
    }

    /** The exec's exit code once the engine says it stopped (it may say so a moment after its output ends). */
    private int execExitCode(String execId) {
        for (int attempt = 0; attempt < 100; attempt++) {
            JsonNode n = getJson("/exec/" + encode(execId) + "/json")
                    .orElseThrow(() -> new EngineNotFoundException("inspect exec: " + execId + " is gone"));
            if (!n.path("Running").asBoolean(false) && n.path("ExitCode").isNumber()) {
                return n.path("ExitCode").asInt();
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new EngineException("inspect exec: " + execId + " never said how it ended");
    }

    /** When the engine created the container (to the nanosecond), or empty when it is gone or does not say. */
    @Override
    public Optional<java.time.Instant> containerCreated(String containerId) {
        return getJson("/containers/" + encode(containerId) + "/json").flatMap(n -> {
            try {
                return Optional.of(java.time.OffsetDateTime.parse(n.path("Created").asText()).toInstant());
            } catch (java.time.format.DateTimeParseException e) {
                return Optional.empty();
            }
        });
    }

    /** Whether the container exists and runs; false also when the engine cannot tell right now. */
    @Override
    public boolean isRunning(String containerId) {
        try {
            return getJson("/containers/" + encode(containerId) + "/json")
                    .map(n -> n.path("State").path("Running").asBoolean(false)).orElse(false);
        } catch (EngineException e) {
            return false;
        }
    }

    /**
     * The directory on this machine that holds the container's writable layer (overlay's upper
     * directory), when the engine is local, uses an overlay driver and that directory can be
     * reached from here: as the engine names it, or, for an engine in a chroot (or a mount
     * namespace of its own), under the engine process's root ({@code /proc/PID/root}). Empty
     * otherwise (a remote engine, another storage driver, the containerd image store).
     */
    @Override
    public Optional<java.nio.file.Path> writableLayerDir(String containerId) {
        if (!isLocal()) {
            return Optional.empty();
        }
        Optional<String> upper = writableLayerPath(containerId);
        if (upper.isEmpty()) {
            return Optional.empty();
        }
        return visibleHere(upper.get());
    }

    /**
     * Where a path of the engine's own filesystem is on this machine: the path itself, or, for an
     * engine in a root of its own, the same path under its process's root.
     */
    private static Optional<java.nio.file.Path> visibleHere(String enginePath) {
        java.nio.file.Path direct = java.nio.file.Path.of(enginePath);
        if (java.nio.file.Files.isDirectory(direct)) {
            return Optional.of(direct);
        }
        // the layer's directory names a layer id of its own, so only the engine that made it has it;
        // of its processes the one that started first, the daemon: Podman also runs short-lived
        // podman processes (a container's cleanup) whose /proc root goes with them, and a path
        // kept for the session's later reads must outlive the step that saw it
        try (var procs = java.nio.file.Files.list(java.nio.file.Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(DockerEngine::isEngineProcess)
                    .filter(p -> java.nio.file.Files.isDirectory(throughRoot(p, enginePath)))
                    .min(java.util.Comparator.comparingLong(DockerEngine::startTime))
                    .map(p -> throughRoot(p, enginePath));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<String> writableLayerPath(String containerId) {
        return getJson("/containers/" + encode(containerId) + "/json")
                .filter(n -> List.of("overlay2", "overlay").contains(n.path("GraphDriver").path("Name").asText("")))
                .map(n -> n.path("GraphDriver").path("Data").path("UpperDir").asText(""))
                .filter(dir -> dir.startsWith("/"));
    }

    @Override
    public Optional<List<java.nio.file.Path>> layerDirectories(String imageId) {
        if (!isLocal()) {
            return Optional.empty();
        }
        return getJson("/images/" + encode(imageId) + "/json")
                // each store's reader answers only for its own driver (Docker's overlay2, Podman's overlay)
                .flatMap(image -> OverlayLayers.directories(image, DockerEngine::visibleHere)
                        .or(() -> StorageLayers.directories(image, DockerEngine::visibleHere)));
    }

    /** {@code enginePath} as the process {@code proc} sees it, through its root. */
    private static java.nio.file.Path throughRoot(java.nio.file.Path proc, String enginePath) {
        return proc.resolve("root").resolve(enginePath.substring(1));
    }

    /** When the process started, in clock ticks since boot (field 22 of /proc/PID/stat); unknown ones last. */
    private static long startTime(java.nio.file.Path proc) {
        try {
            String stat = java.nio.file.Files.readString(proc.resolve("stat"));
            // the command name, in parentheses, may hold spaces: the fields count from its end
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[19]);
        } catch (IOException | RuntimeException e) {
            return Long.MAX_VALUE; // ended meanwhile
        }
    }

    private static boolean isEngineProcess(java.nio.file.Path proc) {
        try {
            String comm = java.nio.file.Files.readString(proc.resolve("comm")).strip();
            return comm.equals("dockerd") || comm.equals("podman");
        } catch (IOException | RuntimeException e) {
            return false; // ended meanwhile, or not ours to read
        }
    }

    /** Says that the engine stopped the session's containers and the session carried on, steps intact. */
    @Override
    public void noticeRecovered() {
        notices.accept("the engine at " + where + " stopped the session's container (did it restart?);"
                + " reconnected and started it again: every completed step is kept");
    }

    /**
     * Commits the container's filesystem as a new image carrying the given labels. Not paused:
     * stagesh commits only containers whose process has ended.
     */
    @Override
    public String commit(String containerId, Map<String, String> labels) {
        ObjectNode config = JsonTrees.object();
        config.set("Labels", JsonTrees.strings(labels));
        return imageId(creating(() -> send("POST", "/commit?container=" + encode(containerId) + "&pause=0", config)
                .json("commit").path("Id").asText(), "commit"));
    }

    /** Writes a tar into the container's filesystem at {@code path} (which must exist). */
    @Override
    public void putArchive(String containerId, String path, InputStream tar) {
        // Podman's /info locks every container to count them, so it waits for this upload to end;
        // a tar written from another container's archive asks capabilities() first (getArchive).
        // Asked now, before the upload holds the lock, so that question never waits on its own answer.
        capabilities();
        Answer a;
        try {
            a = sendTar("PUT", "/containers/" + encode(containerId) + "/archive?path=" + encode(path)
                    + "&noOverwriteDirNonDir=false", tar);
        } catch (IOException e) {
            throw new EngineException("copy into container: " + e.getMessage(), e);
        }
        if (!a.ok()) {
            throw EngineException.forStatus(a.status, "copy into container: " + a.message());
        }
    }

    /**
     * A tar of {@code path} inside the container (its top entry is the path's base name), or
     * empty when the path does not exist there. The caller closes the stream.
     */
    @Override
    public Optional<InputStream> getArchive(String containerId, String path) {
        if (!capabilities().podman() || path.endsWith("/") || path.endsWith("/.")) {
            return archive(containerId, path); // a trailing slash or /. follows the link on every engine
        }
        // Podman's archive follows a final symlink (5.8); its stat says what the path itself is
        Optional<PathStat> stat = stat(containerId, path);
        if (stat.isEmpty() || !stat.get().isSymlink()) {
            return stat.isEmpty() ? Optional.empty() : archive(containerId, path);
        }
        return Optional.of(SymlinkTar.of(path, stat.get(), parent -> archive(containerId, parent)));
    }

    private Optional<InputStream> archive(String containerId, String path) {
        Optional<UnixSocketHttp.Response> local = socketGet("/containers/" + encode(containerId) + "/archive?path="
                + URLEncoder.encode(path, StandardCharsets.UTF_8));
        if (local.isPresent()) {
            return local.get().status() == 404 ? closed(local.get()) : Optional.of(body(local.get(), "cannot read " + path));
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return Optional.of(client().copyArchiveFromContainerCmd(containerId, path).exec());
            } catch (NotFoundException e) {
                return Optional.empty();
            } catch (DockerException e) {
                throw new EngineException("cannot read " + path + ": " + EngineConnector.rootMessage(e), e);
            } catch (RuntimeException e) {
                // a pooled connection the engine closed (it restarted): a read is safe to ask again
                if (attempt == 1 && e.getCause() instanceof IOException) {
                    continue;
                }
                throw new EngineException("cannot read " + path + " from the engine at " + where + ": "
                        + EngineConnector.rootMessage(e), e);
            }
        }
    }

    /**
     * What the engine says of one path in a container, or empty when it does not exist. The
     * engine's HEAD form is not reachable through the transport, so this asks for the archive and
     * reads only the stat header, dropping the body unread.
     */
    @Override
    public Optional<PathStat> stat(String containerId, String path) {
        String query = "/containers/" + containerId + "/archive?path=" + URLEncoder.encode(path, StandardCharsets.UTF_8);
        if (socket != null) {
            try {
                UnixSocketHttp.Response r = UnixSocketHttp.head(socket, query);
                if (r.status() == 404) {
                    return Optional.empty();
                }
                String header = r.headers().get("x-docker-container-path-stat");
                if (r.status() / 100 == 2 && header != null) {
                    return Optional.of(pathStat(header));
                }
            } catch (IOException | RuntimeException e) {
                // fall back to the transport's GET below
            }
        }
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET)
                .path("/containers/" + containerId + "/archive?path=" + URLEncoder.encode(path, StandardCharsets.UTF_8))
                .build();
        try (DockerHttpClient.Response response = http().execute(request)) {
            if (response.getStatusCode() == 404) {
                return Optional.empty();
            }
            String header = response.getHeaders().entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase("X-Docker-Container-Path-Stat"))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
            if (response.getStatusCode() / 100 != 2 || header == null) {
                throw new EngineException("cannot stat " + path + ": status " + response.getStatusCode());
            }
            return Optional.of(pathStat(header));
        } catch (IOException e) {
            throw new EngineException("cannot stat " + path + ": " + e.getMessage(), e);
        }
    }

    private static PathStat pathStat(String header) throws IOException {
        JsonNode n = JsonTrees.read(java.util.Base64.getDecoder().decode(header));
        return new PathStat(n.path("name").asText(), n.path("size").asLong(), n.path("mode").asLong(),
                n.path("mtime").asText(""), n.path("linkTarget").asText(""));
    }

    /** The container's whole filesystem as a tar ({@code docker export}). */
    @Override
    public InputStream export(String containerId) {
        Optional<UnixSocketHttp.Response> local = socketGet("/containers/" + encode(containerId) + "/export");
        if (local.isPresent()) {
            return body(local.get(), "cannot export container " + containerId);
        }
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET).path("/containers/" + containerId + "/export").build();
        DockerHttpClient.Response response = http().execute(request);
        if (response.getStatusCode() / 100 != 2) {
            response.close();
            throw new EngineException("cannot export container " + containerId + ": status " + response.getStatusCode());
        }
        return new java.io.FilterInputStream(response.getBody()) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    response.close();
                }
            }
        };
    }

    // ---- volumes ------------------------------------------------------------------------

    @Override
    public boolean volumeExists(String name) {
        // a plain GET: docker-java's typed inspect (bean introspection on first use) was on the
        // way of a session's first RUN, which makes sure the toolbox volume is there
        return getJson("/volumes/" + encode(name)).isPresent();
    }

    @Override
    public void createVolume(String name, Map<String, String> labels) {
        creating(() -> client().createVolumeCmd().withName(name).withLabels(labels).exec(), "create volume " + name);
    }

    /** The local driver's tmpfs volume: mounted while a container uses it, its files held in memory. */
    @Override
    public void createMemoryVolume(String name, Map<String, String> labels) {
        ObjectNode body = JsonTrees.object().put("Name", name).put("Driver", "local");
        body.set("Labels", JsonTrees.strings(labels));
        body.putObject("DriverOpts").put("type", "tmpfs").put("device", "tmpfs").put("o", "size=16m,mode=0755");
        String what = "create volume " + name;
        creating(() -> send("POST", "/volumes/create", body).json(what), what);
    }

    @Override
    public void removeVolume(String name) {
        try {
            client().removeVolumeCmd(name).exec();
        } catch (NotFoundException ignored) {
            // already gone
        }
    }

    @Override
    public Optional<String> volumeMountpoint(String name) {
        return getJson("/volumes/" + encode(name)).map(v -> v.path("Mountpoint").asText("")).filter(m -> !m.isEmpty());
    }

    @Override
    public List<String> volumesLabelled(String key) {
        return listed("/volumes?", "Volumes", key).stream().map(Listed::id).toList();
    }

    /** Each volume's labels, plus {@code __id} (its name); volumes carry no creation time here. */
    @Override
    public List<Map<String, String>> labelsOfVolumesLabelled(String key) {
        return listed("/volumes?", "Volumes", key).stream().map(Listed::labelsWithIdAndCreation).toList();
    }

    @Override
    public void close() {
        // a client still being built is left to the process's end: it holds no connection yet;
        // one never asked for was never built
        CompletableFuture<Transport> begun = transport.begun();
        if (begun == null) {
            return;
        }
        begun.thenAccept(t -> {
            try {
                t.client().close();
            } catch (IOException ignored) {
                // the process is ending; sockets go with it
            }
        });
    }

    // ---- plumbing -----------------------------------------------------------------------

    private Optional<JsonNode> getJson(String path) {
        Answer a = send("GET", path, null);
        if (a.status() == 404) {
            return Optional.empty();
        }
        return Optional.of(a.json("GET " + path));
    }

    /** The status and body of a small call. */
    private record Answer(int status, byte[] body) {
        boolean ok() {
            return status / 100 == 2;
        }

        /** The engine's own words for a failure: the "message" of its JSON answer, else the text. */
        String message() {
            String text = new String(body, StandardCharsets.UTF_8).strip();
            try {
                String m = JsonTrees.read(body).path("message").asText("");
                return m.isBlank() ? text : m;
            } catch (IOException | RuntimeException e) {
                return text.isEmpty() ? "status " + status : text;
            }
        }

        /** The body as JSON when the call succeeded; the engine's message as the exception otherwise. */
        JsonNode json(String what) {
            if (!ok()) {
                throw EngineException.forStatus(status, what + ": " + message());
            }
            try {
                return body.length == 0 ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : JsonTrees.read(body);
            } catch (IOException e) {
                throw new EngineException(what + ": the engine's answer is not JSON: " + e.getMessage(), e);
            }
        }
    }

    /**
     * A small call with an optional JSON body, read whole: over the local socket when there is
     * one (a connection of its own: no pooled connection a restarted engine closed), otherwise
     * through the transport. One definition of each call serves both.
     */
    private Answer send(String method, String path, JsonNode json) {
        try {
            byte[] body = json == null ? null : JsonTrees.bytes(json);
            if (socket != null) {
                return answer(UnixSocketHttp.request(socket, method, path, body));
            }
            return viaTransport(method, path, "application/json", body == null ? null : new java.io.ByteArrayInputStream(body));
        } catch (IOException e) {
            throw new EngineException("the engine at " + where + " stopped answering: " + e.getMessage(), e);
        } catch (EngineException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new EngineException("the engine at " + where + " stopped answering: " + EngineConnector.rootMessage(e), e);
        }
    }

    /** One engine object as a list call names it: id (a volume's name), creation (seconds), labels. */
    private record Listed(String id, long created, Map<String, String> labels) {
        Map<String, String> labelsWithIdAndCreation() {
            Map<String, String> out = new HashMap<>(labels);
            out.put("__id", id);
            out.put("__created", String.valueOf(created));
            return out;
        }
    }

    /**
     * A list call filtered by one label ({@code key} or {@code key=value}), read as a plain JSON
     * tree: docker-java's typed lists cost a tenth of a second of bean introspection on first use,
     * which a session start would pay twice over for three fields.
     */
    private List<Listed> listed(String path, String kind, String labelFilter) {
        ObjectNode byLabel = JsonTrees.object();
        byLabel.putArray("label").add(labelFilter);
        String filters = JsonTrees.text(byLabel);
        JsonNode answer = getJson(path + (path.endsWith("?") ? "" : "&") + "filters=" + URLEncoder.encode(filters, StandardCharsets.UTF_8))
                .orElseThrow(() -> new EngineException("list " + kind.toLowerCase(java.util.Locale.ROOT) + ": the engine has no such list"));
        // images and containers come as an array; volumes inside {"Volumes": [...]}
        JsonNode items = answer.isArray() ? answer : answer.path(kind);
        List<Listed> out = new ArrayList<>();
        items.forEach(i -> out.add(new Listed(i.has("Id") ? i.path("Id").asText() : i.path("Name").asText(),
                i.path("Created").asLong(0), stringMap(i.path("Labels")))));
        return out;
    }

    private static ImageInfo toImageInfo(JsonNode n) {
        JsonNode c = n.path("Config");
        JsonNode h = c.path("Healthcheck");
        ImageInfo.HealthInfo health = h.isMissingNode() || h.isNull() ? null : new ImageInfo.HealthInfo(
                strings(h.path("Test")), longOrNull(h.path("Interval")), longOrNull(h.path("Timeout")),
                longOrNull(h.path("StartPeriod")), h.path("Retries").isNumber() ? h.path("Retries").asInt() : null);
        return new ImageInfo(
                n.path("Id").asText(),
                strings(n.path("RootFS").path("Layers")),
                n.path("Size").asLong(),
                n.path("Os").asText("linux"),
                n.path("Architecture").asText("amd64"),
                strings(c.path("Env")),
                nullableStrings(c.path("Cmd")),
                nullableStrings(c.path("Entrypoint")),
                c.path("WorkingDir").asText(""),
                c.path("User").asText(""),
                stringMap(c.path("Labels")),
                keys(c.path("ExposedPorts")),
                keys(c.path("Volumes")),
                c.path("StopSignal").isTextual() ? c.path("StopSignal").asText() : null,
                strings(c.path("OnBuild")),
                nullableStrings(c.path("Shell")),
                health);
    }

    private static Long longOrNull(JsonNode n) {
        return n.isNumber() ? n.asLong() : null;
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n.isArray()) {
            n.forEach(e -> out.add(e.asText()));
        }
        return out;
    }

    private static List<String> nullableStrings(JsonNode n) {
        return n.isArray() ? strings(n) : null;
    }

    private static List<String> keys(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n.isObject()) {
            n.fieldNames().forEachRemaining(out::add);
        }
        return out;
    }

    private static Map<String, String> stringMap(JsonNode n) {
        Map<String, String> out = new java.util.TreeMap<>();
        if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                var e = it.next();
                out.put(e.getKey(), e.getValue().asText());
            }
        }
        return out;
    }

    /**
     * An image ID as list and inspect calls give it, {@code sha256:<hex>}: Podman's commit answers
     * the bare hex, and a cache key made from one form would never match the other.
     */
    static String imageId(String id) {
        return id.matches("[0-9a-f]{64}") ? "sha256:" + id : id;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("%2F", "/").replace("%3A", ":");
    }

    private interface EngineCall<T> {
        T run() throws Exception;
    }

    private <T> T call(EngineCall<T> c, String what) {
        try {
            return c.run();
        } catch (EngineException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException(what + ": interrupted");
        } catch (NotFoundException e) {
            throw new EngineNotFoundException(what + ": " + EngineConnector.rootMessage(e));
        } catch (com.github.dockerjava.api.exception.ConflictException e) {
            throw new EngineConflictException(what + ": " + EngineConnector.rootMessage(e));
        } catch (Exception e) {
            throw new EngineException(what + ": " + EngineConnector.rootMessage(e), e);
        }
    }

    /** Splits Docker's multiplexed stream into the sink's stdout and stderr. */
    private static final class FrameForwarder extends ResultCallback.Adapter<Frame> {
        private final OutputSink sink;

        FrameForwarder(OutputSink sink) {
            this.sink = sink;
        }

        @Override
        public void onNext(Frame frame) {
            byte[] payload = frame.getPayload();
            switch (frame.getStreamType()) {
                case STDERR -> sink.stderr(payload, 0, payload.length);
                default -> sink.stdout(payload, 0, payload.length);
            }
        }
    }
}
