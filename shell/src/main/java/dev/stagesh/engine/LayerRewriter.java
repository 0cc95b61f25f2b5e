package dev.stagesh.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stagesh.docker.Engine;
import dev.stagesh.docker.EngineCapabilities;
import dev.stagesh.docker.EngineException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Takes a step's empty mount points out of its committed image where the engine offers no way to
 * reach the container's writable layer (the containerd image store names no directory for it):
 * the image is streamed out, its top layer filtered ({@link MountPointFilter}), and loaded back
 * as an OCI archive holding only the new layer, its config and manifest; the engine's content
 * store already has every other layer, under the digests the manifest names. Only a RUN whose
 * mounts created such paths pays for it: one {@code docker save} of the image, whose base
 * layers pass by unread (a blob named by a parent's diff ID is the base's uncompressed layer).
 */
final class LayerRewriter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar";

    private final Engine engine;

    LayerRewriter(Engine engine) {
        this.engine = engine;
    }

    /**
     * The image without the empty mount points among {@code created} in its top layer: a new
     * image (the old one removed) when any went, else the same. On a store where a partial load
     * is not known to work, the image is left as it is (its mount points stay empty entries).
     */
    String withoutMountPoints(String image, List<String> created) {
        if (engine.capabilities().store() != EngineCapabilities.ImageStore.CONTAINERD) {
            return image; // graph drivers name their upper directory, so the layer was reached before the commit
        }
        var info = engine.inspectImage(image).orElseThrow(() -> new EngineException("snapshot image " + image + " is gone"));
        List<String> diffIds = info.layers();
        if (diffIds.isEmpty()) {
            return image;
        }
        Path top = null;
        Path filtered = null;
        try {
            top = Files.createTempFile("stagesh-layer", ".tar");
            filtered = Files.createTempFile("stagesh-layer", ".tar");
            Saved saved = read(image, diffIds, top);
            if (!saved.foundTop()) {
                return image;
            }
            MessageDigest sha = sha256();
            int dropped;
            try (InputStream in = uncompressed(new BufferedInputStream(Files.newInputStream(top)));
                 OutputStream out = new DigestOutputStream(Files.newOutputStream(filtered), sha)) {
                dropped = MountPointFilter.filter(in, out, new HashSet<>(created));
            }
            if (dropped == 0) {
                return image;
            }
            String layerDigest = HexFormat.of().formatHex(sha.digest());
            String loaded = load(saved, diffIds.size(), layerDigest, filtered);
            if (!loaded.equals(image)) {
                engine.removeImage(image, false);
            }
            return loaded;
        } catch (IOException e) {
            throw new EngineException("rewrite the layer of " + image + ": " + e.getMessage(), e);
        } finally {
            delete(top);
            delete(filtered);
        }
    }

    /** The small documents of the save, and whether the top layer was found (its blob copied to a file). */
    private record Saved(Map<String, byte[]> documents, boolean foundTop) {}

    private Saved read(String image, List<String> diffIds, Path top) throws IOException {
        String topDiff = hex(diffIds.get(diffIds.size() - 1));
        Set<String> parents = new HashSet<>();
        diffIds.subList(0, diffIds.size() - 1).forEach(d -> parents.add(hex(d)));
        Map<String, byte[]> documents = new HashMap<>();
        boolean found = false;
        try (InputStream save = engine.save(image); TarArchiveInputStream in = new TarArchiveInputStream(save)) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (!e.isFile()) {
                    continue;
                }
                String base = e.getName().substring(e.getName().lastIndexOf('/') + 1);
                if (parents.contains(base)) {
                    continue; // a base layer: its blob is its uncompressed tar, named by its diff ID
                }
                BufferedInputStream content = new BufferedInputStream(in);
                content.mark(1);
                int first = content.read();
                content.reset();
                if ((first == '{' || first == '[') && e.getSize() <= 16 << 20) {
                    documents.put(e.getName(), content.readAllBytes());
                } else if (!found) {
                    // a layer of unknown identity: kept aside while its diff ID is worked out
                    try (OutputStream copy = Files.newOutputStream(top)) {
                        content.transferTo(copy);
                    }
                    found = diffId(top).equals(topDiff);
                }
            }
        }
        return new Saved(documents, found);
    }

    /** The sha256 of a layer blob's uncompressed tar. */
    private static String diffId(Path blob) throws IOException {
        MessageDigest sha = sha256();
        try (InputStream plain = new DigestInputStream(uncompressed(new BufferedInputStream(Files.newInputStream(blob))), sha)) {
            plain.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Loads the image with the new top layer; returns the id the engine gives it. */
    private String load(Saved saved, int layers, String layerDigest, Path filtered) throws IOException {
        byte[] index = saved.documents().get("index.json");
        if (index == null) {
            throw new EngineException("the engine's image archive has no OCI index");
        }
        String manifestName = blob(JSON.readTree(index).path("manifests").path(0).path("digest").asText());
        byte[] manifestBytes = saved.documents().get(manifestName);
        if (manifestBytes == null) {
            throw new EngineException("the engine's image archive lacks its manifest " + manifestName);
        }
        ObjectNode manifest = (ObjectNode) JSON.readTree(manifestBytes);
        String configName = blob(manifest.path("config").path("digest").asText());
        byte[] configBytes = saved.documents().get(configName);
        if (configBytes == null) {
            throw new EngineException("the engine's image archive lacks its config " + configName);
        }
        ObjectNode config = (ObjectNode) JSON.readTree(configBytes);
        ArrayNode diffIds = (ArrayNode) config.path("rootfs").path("diff_ids");
        ArrayNode descriptors = (ArrayNode) manifest.path("layers");
        if (diffIds.size() != layers || descriptors.size() != layers) {
            throw new EngineException("the engine's image archive names " + descriptors.size() + " layers, its image "
                    + layers);
        }
        diffIds.set(layers - 1, JSON.getNodeFactory().textNode("sha256:" + layerDigest));
        byte[] newConfig = JSON.writeValueAsBytes(config);
        String configDigest = hexSha256(newConfig);
        ObjectNode layer = JSON.createObjectNode();
        layer.put("mediaType", OCI_LAYER);
        layer.put("digest", "sha256:" + layerDigest);
        layer.put("size", Files.size(filtered));
        descriptors.set(layers - 1, layer);
        ObjectNode configDescriptor = (ObjectNode) manifest.path("config");
        configDescriptor.put("digest", "sha256:" + configDigest);
        configDescriptor.put("size", newConfig.length);
        manifest.remove("annotations");
        byte[] newManifest = JSON.writeValueAsBytes(manifest);
        String manifestDigest = hexSha256(newManifest);
        ObjectNode newIndex = JSON.createObjectNode();
        newIndex.put("schemaVersion", 2);
        newIndex.put("mediaType", "application/vnd.oci.image.index.v1+json");
        ObjectNode entry = newIndex.putArray("manifests").addObject();
        entry.put("mediaType", manifest.path("mediaType").asText("application/vnd.oci.image.manifest.v1+json"));
        entry.put("digest", "sha256:" + manifestDigest);
        entry.put("size", newManifest.length);

        PipedInputStream loadIn = new PipedInputStream(1 << 16);
        PipedOutputStream pipe = new PipedOutputStream(loadIn);
        CompletableFuture<List<String>> load = CompletableFuture.supplyAsync(() -> {
            try (loadIn) {
                return engine.load(loadIn);
            } catch (IOException e) {
                throw new EngineException("load: " + e.getMessage(), e);
            }
        });
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(pipe)) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            write(out, "oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            write(out, "blobs/sha256/" + configDigest, newConfig);
            TarArchiveEntry l = new TarArchiveEntry("blobs/sha256/" + layerDigest);
            l.setSize(Files.size(filtered));
            out.putArchiveEntry(l);
            Files.copy(filtered, out);
            out.closeArchiveEntry();
            write(out, "blobs/sha256/" + manifestDigest, newManifest);
            write(out, "index.json", JSON.writeValueAsBytes(newIndex));
        }
        try {
            for (String ref : load.get()) {
                if (ref.startsWith("sha256:")) {
                    return ref;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("load interrupted");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new EngineException("load: " + e.getCause(), e);
        }
        return "sha256:" + manifestDigest; // the containerd store's image ID is its manifest's digest
    }

    /** A layer as its tar: gzip (what the containerd store's commit writes) is undone, a plain tar passes. */
    private static InputStream uncompressed(BufferedInputStream in) throws IOException {
        in.mark(2);
        int a = in.read();
        int b = in.read();
        in.reset();
        return a == 0x1f && b == 0x8b ? new GzipCompressorInputStream(in, true) : in;
    }

    private static String blob(String digest) {
        return "blobs/sha256/" + hex(digest);
    }

    private static String hex(String digest) {
        return digest.startsWith("sha256:") ? digest.substring(7) : digest;
    }

    private static void write(TarArchiveOutputStream out, String name, byte[] bytes) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(bytes.length);
        out.putArchiveEntry(e);
        out.write(bytes);
        out.closeArchiveEntry();
    }

    private static String hexSha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file of this machine; the OS's tmp cleaning takes it
            }
        }
    }
}
