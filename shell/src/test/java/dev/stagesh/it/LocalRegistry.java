package dev.stagesh.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The least of an OCI distribution (registry v2) server an engine pulls from, on 127.0.0.1: {@code /v2/}, and
 * manifests (by tag or digest) and blobs (by digest) of the repositories it was given, for HEAD and GET. No
 * registry is reachable from the test machine, so a pull is only seen against one of our own. Plain HTTP: Docker
 * treats registries on 127.0.0.0/8 as insecure, and after the HTTPS attempt fails it speaks HTTP.
 */
final class LocalRegistry implements AutoCloseable {
    static final String MANIFEST_TYPE = "application/vnd.docker.distribution.manifest.v2+json";
    private static final Pattern PATH = Pattern.compile("/v2/(.+)/(manifests|blobs)/([^/]+)");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "local-registry");
        t.setDaemon(true);
        return t;
    });
    /** Blobs by digest, for every repository. */
    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    /** Manifests by "repository:tag" and "repository@digest". */
    private final Map<String, byte[]> manifests = new ConcurrentHashMap<>();
    /** Blobs whose GET sends half its bytes, then waits until the latch opens: a pull a test can watch. */
    private final Map<String, java.util.concurrent.CountDownLatch> held = new ConcurrentHashMap<>();
    /** Requests being answered now. */
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
    /**
     * "+MS METHOD path" of every request, MS counted from the registry's start, for the failure message of a test
     * (a pull that stalls shows where: the engine's first attempt at TLS on a plain port waits out its handshake).
     */
    final CopyOnWriteArrayList<String> requests = new CopyOnWriteArrayList<>();
    private final long startNanos = System.nanoTime();

    private LocalRegistry(HttpServer server) {
        this.server = server;
    }

    static LocalRegistry start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        LocalRegistry registry = new LocalRegistry(server);
        server.createContext("/", registry::handle);
        server.setExecutor(registry.threads);
        server.start();
        return registry;
    }

    /** {@code 127.0.0.1:PORT}, the registry part of a reference. */
    String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Adds a blob; returns its digest. */
    String blob(byte[] content) {
        String digest = digest(content);
        blobs.put(digest, content);
        return digest;
    }

    /** Serves the manifest under {@code repository:tag} and by its digest; returns the digest. */
    String manifest(String repository, String tag, byte[] manifest) {
        String digest = digest(manifest);
        manifests.put(repository + ":" + tag, manifest);
        manifests.put(repository + "@" + digest, manifest);
        return digest;
    }

    /**
     * Holds the blob's download half-way until {@code release} opens (at most a minute, so a test that fails
     * never leaves the engine's pull hanging).
     */
    void hold(String digest, java.util.concurrent.CountDownLatch release) {
        held.put(digest, release);
    }

    static String digest(byte[] content) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits (at most {@code timeout}) until no request is being answered: a pull the engine still runs ends. */
    void awaitIdle(java.time.Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            StageshProcess.sleep(100);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        inFlight.incrementAndGet();
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            log(method + " " + path);
            exchange.getResponseHeaders().set("Docker-Distribution-Api-Version", "registry/2.0");
            if (!method.equals("GET") && !method.equals("HEAD")) {
                send(exchange, 405, "application/json", error("UNSUPPORTED", "read-only registry"));
                return;
            }
            if (path.equals("/v2/") || path.equals("/v2")) {
                send(exchange, 200, "application/json", "{}".getBytes());
                return;
            }
            Matcher m = PATH.matcher(path);
            if (!m.matches()) {
                send(exchange, 404, "application/json", error("NAME_UNKNOWN", path));
                return;
            }
            String repository = m.group(1);
            String reference = m.group(3);
            if (m.group(2).equals("manifests")) {
                byte[] manifest = manifests.get(repository + (reference.startsWith("sha256:") ? "@" : ":") + reference);
                if (manifest == null) {
                    send(exchange, 404, "application/json", error("MANIFEST_UNKNOWN", repository + " " + reference));
                    return;
                }
                exchange.getResponseHeaders().set("Docker-Content-Digest", digest(manifest));
                send(exchange, 200, MANIFEST_TYPE, manifest);
            } else {
                byte[] blob = blobs.get(reference);
                if (blob == null) {
                    send(exchange, 404, "application/json", error("BLOB_UNKNOWN", reference));
                    return;
                }
                exchange.getResponseHeaders().set("Docker-Content-Digest", reference);
                var release = held.get(reference);
                if (release != null && method.equals("GET")) {
                    sendHeld(exchange, blob, release);
                } else {
                    send(exchange, 200, "application/octet-stream", blob);
                }
            }
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void log(String event) {
        requests.add("+" + (System.nanoTime() - startNanos) / 1_000_000 + "ms " + event);
    }

    private static byte[] error(String code, String message) {
        return ("{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"" + message.replace("\"", "'") + "\"}]}").getBytes();
    }

    /** The body, or for HEAD only its length: a HEAD's Content-Length is what the client checks. */
    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private void sendHeld(HttpExchange exchange, byte[] blob, java.util.concurrent.CountDownLatch release)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(200, blob.length);
        try (OutputStream out = exchange.getResponseBody()) {
            int half = blob.length / 2;
            out.write(blob, 0, half);
            out.flush();
            log("half of " + exchange.getRequestURI().getPath() + " sent, held");
            try {
                release.await(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.write(blob, half, blob.length - half);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
