package dev.stagesh.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stagesh.docker.Engine;
import dev.stagesh.docker.EngineException;
import dev.stagesh.json.JsonTrees;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Takes a step's empty mount points out of its committed image where its container's writable
 * layer could not be reached before the commit: the containerd image store names no directory
 * for it; vfs, btrfs and zfs keep it in a form of their own; the helper container may have been
 * refused. The image's top layer is filtered ({@link MountPointFilter}) and the image loaded back
 * with that layer in place of its own. How much goes back depends on the store's loader:
 * <ul>
 * <li>the containerd store and the graph drivers skip a layer they hold already, so only the new
 * layer, the config and the manifest are loaded (an OCI archive for the one, a legacy archive
 * whose other layers are named but absent for the other, as {@link ImageCommitter} loads
 * configs); one {@code docker save} is read, its base layers passed by unread where the archive
 * names them by diff ID;</li>
 * <li>Podman's loader reads every layer its manifest names from the archive, so the whole image
 * is streamed out and back in ({@link WholeImageRewrite}).</li>
 * </ul>
 */
final class LayerRewriter {
    private static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar";

    private final Engine engine;

    LayerRewriter(Engine engine) {
        this.engine = engine;
    }

    /**
     * The image without the empty mount points among the stubs in its top layer: a new image (the
     * old one removed) when any went, else the same. Throws when the engine's archive or its
     * loader do not allow it; the caller says so, as the image keeps its mount points then.
     */
    String withoutMountPoints(String image, MountPointFilter.Stubs stubs) {
        var info = engine.inspectImage(image).orElseThrow(() -> new EngineException("snapshot image " + image + " is gone"));
        List<String> diffIds = info.layers();
        if (diffIds.isEmpty()) {
            return image;
        }
        try {
            String loaded = switch (engine.capabilities().store()) {
                case CONTAINERD, GRAPH_DRIVER -> partial(image, diffIds, stubs);
                case CONTAINERS_STORAGE -> new WholeImageRewrite(engine).rewrite(image, diffIds, stubs);
            };
            if (!loaded.equals(image)) {
                try {
                    engine.removeImage(image, false);
                } catch (EngineException e) {
                    // the new image is made: the old one carries the session's labels, so its end sweeps it
                }
            }
            return loaded;
        } catch (IOException e) {
            throw new EngineException("rewrite the layer of " + image + ": " + e.getMessage(), e);
        }
    }

    /** The top layer filtered, and loaded back with the config and manifest alone. */
    private String partial(String image, List<String> diffIds, MountPointFilter.Stubs stubs) throws IOException {
        Path top = null;
        Path filtered = null;
        try {
            top = Files.createTempFile("stagesh-layer", ".tar");
            filtered = Files.createTempFile("stagesh-layer", ".tar");
            Map<String, byte[]> documents = read(image, diffIds, top);
            MessageDigest sha = sha256();
            int dropped;
            try (InputStream in = uncompressed(new BufferedInputStream(Files.newInputStream(top)));
                 OutputStream out = new DigestOutputStream(Files.newOutputStream(filtered), sha)) {
                dropped = MountPointFilter.filter(in, out, stubs);
            }
            if (dropped == 0) {
                return image;
            }
            String layerDigest = HexFormat.of().formatHex(sha.digest());
            NewTop layer = new NewTop(diffIds.size(), layerDigest, filtered, Files.size(filtered));
            Archive archive = switch (engine.capabilities().store()) {
                case CONTAINERD -> oci(documents, layer);
                case GRAPH_DRIVER -> legacy(documents, layer);
                case CONTAINERS_STORAGE -> throw new IllegalStateException("Podman's loader reads every layer");
            };
            Path layerFile = filtered;
            return LoadPipe.load(engine, out -> {
                LoadPipe.write(out, archive.layerName(), layerFile);
                for (var d : archive.documents().entrySet()) {
                    LoadPipe.write(out, d.getKey(), d.getValue());
                }
            }, archive.id());
        } finally {
            delete(top);
            delete(filtered);
        }
    }

    /** The filtered top layer: the image's layer count, its diff ID's hex, where it is and its size. */
    private record NewTop(int layers, String digest, Path file, long size) {}

    /**
     * What is loaded beside the layer: the small documents in the order written (the index or
     * manifest last), the layer's name in the archive, and the ID the image gets if the engine
     * does not say.
     */
    private record Archive(Map<String, byte[]> documents, String layerName, String id) {}

    /**
     * Reads the save: its small documents by name, and the top layer's blob into {@code top}
     * (found by its diff ID: a base layer named by its own is passed by unread; one of unknown
     * identity, as the legacy layout's {@code ID/layer.tar}, is copied aside and its digest taken,
     * unless its {@code ID/json}, which comes before it, says it is no image's top: Docker writes
     * the image's config into the top layer's legacy json alone). Should that sign mislead, the
     * save is read again with every layer's digest taken.
     */
    private Map<String, byte[]> read(String image, List<String> diffIds, Path top) throws IOException {
        Read first = read(image, diffIds, top, true);
        if (first.found()) {
            return first.documents();
        }
        if (first.skippedBySign()) {
            Read again = read(image, diffIds, top, false);
            if (again.found()) {
                return again.documents();
            }
        }
        throw new EngineException("the engine's archive of " + image + " holds no layer of diff ID "
                + diffIds.get(diffIds.size() - 1));
    }

    /** One reading of the save: its documents, whether the top layer was found, whether a legacy json's sign passed a layer by. */
    private record Read(Map<String, byte[]> documents, boolean found, boolean skippedBySign) {}

    private Read read(String image, List<String> diffIds, Path top, boolean signs) throws IOException {
        String topDiff = hex(diffIds.get(diffIds.size() - 1));
        Set<String> parents = new HashSet<>();
        diffIds.subList(0, diffIds.size() - 1).forEach(d -> parents.add(hex(d)));
        Set<String> notTop = new HashSet<>();
        Map<String, byte[]> documents = new HashMap<>();
        boolean found = false;
        boolean skipped = false;
        try (InputStream save = engine.save(image); TarArchiveInputStream in = new TarArchiveInputStream(save)) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (!e.isFile()) {
                    continue;
                }
                String name = e.getName();
                String base = name.substring(name.lastIndexOf('/') + 1);
                String folder = name.contains("/") ? name.substring(0, name.lastIndexOf('/')) : "";
                if (parents.contains(base)) {
                    continue; // a base layer: its blob is its uncompressed tar, named by its diff ID
                }
                BufferedInputStream content = new BufferedInputStream(in);
                content.mark(1);
                int first = content.read();
                content.reset();
                if ((first == '{' || first == '[') && e.getSize() <= 16 << 20) {
                    byte[] bytes = content.readAllBytes();
                    documents.put(name, bytes);
                    if (signs && base.equals("json") && !folder.isEmpty() && isBaseLayerJson(bytes)) {
                        notTop.add(folder);
                    }
                } else if (!found && notTop.contains(folder)) {
                    skipped = true;
                } else if (!found) {
                    try (OutputStream copy = Files.newOutputStream(top)) {
                        content.transferTo(copy);
                    }
                    found = diffId(top).equals(topDiff);
                }
            }
        }
        return new Read(documents, found, skipped);
    }

    /** A legacy layer's json without the image's config: a layer below the top one. */
    private static boolean isBaseLayerJson(byte[] json) {
        try {
            JsonNode n = JsonTrees.read(json);
            return n.isObject() && n.has("id") && !n.has("config");
        } catch (IOException e) {
            return false;
        }
    }

    /** An OCI archive of the new layer, config and manifest: what the containerd store loads. */
    private static Archive oci(Map<String, byte[]> saved, NewTop layer) throws IOException {
        byte[] index = saved.get("index.json");
        if (index == null) {
            throw new EngineException("the engine's image archive has no OCI index");
        }
        String manifestName = blob(JsonTrees.read(index).path("manifests").path(0).path("digest").asText());
        ObjectNode manifest = (ObjectNode) JsonTrees.read(document(saved, manifestName, "manifest"));
        String configName = blob(manifest.path("config").path("digest").asText());
        ObjectNode config = (ObjectNode) JsonTrees.read(document(saved, configName, "config"));
        ArrayNode descriptors = (ArrayNode) manifest.path("layers");
        checkLayers(descriptors, layer);
        byte[] newConfig = withTopDiffId(config, layer);
        String configDigest = ImageCommitter.sha256(newConfig);
        ObjectNode descriptor = JsonTrees.object();
        descriptor.put("mediaType", OCI_LAYER);
        descriptor.put("digest", "sha256:" + layer.digest());
        descriptor.put("size", layer.size());
        descriptors.set(layer.layers() - 1, descriptor);
        ObjectNode configDescriptor = (ObjectNode) manifest.path("config");
        configDescriptor.put("digest", "sha256:" + configDigest);
        configDescriptor.put("size", newConfig.length);
        manifest.remove("annotations");
        byte[] newManifest = JsonTrees.bytes(manifest);
        String manifestDigest = ImageCommitter.sha256(newManifest);
        ObjectNode newIndex = JsonTrees.object();
        newIndex.put("schemaVersion", 2);
        newIndex.put("mediaType", "application/vnd.oci.image.index.v1+json");
        ObjectNode entry = newIndex.putArray("manifests").addObject();
        entry.put("mediaType", manifest.path("mediaType").asText("application/vnd.oci.image.manifest.v1+json"));
        entry.put("digest", "sha256:" + manifestDigest);
        entry.put("size", newManifest.length);
        Map<String, byte[]> documents = new LinkedHashMap<>();
        documents.put("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        documents.put("blobs/sha256/" + configDigest, newConfig);
        documents.put("blobs/sha256/" + manifestDigest, newManifest);
        documents.put("index.json", JsonTrees.bytes(newIndex));
        // the containerd store's image ID is its manifest's digest
        return new Archive(documents, "blobs/sha256/" + layer.digest(), "sha256:" + manifestDigest);
    }

    /**
     * A legacy archive ({@code manifest.json}) of the config and the new layer: every other layer
     * the manifest names is absent, and the graph-driver loader, which looks a layer up by its
     * chain ID before it opens the file, holds them all (the image is there).
     */
    private static Archive legacy(Map<String, byte[]> saved, NewTop layer) throws IOException {
        JsonNode manifest = JsonTrees.read(document(saved, "manifest.json", "manifest.json"));
        String configName = manifest.path(0).path("Config").asText();
        ObjectNode config = (ObjectNode) JsonTrees.read(document(saved, configName, "config"));
        checkLayers(manifest.path(0).path("Layers"), layer);
        byte[] newConfig = withTopDiffId(config, layer);
        String configDigest = ImageCommitter.sha256(newConfig);
        String layerName = layer.digest() + "/layer.tar";
        ObjectNode m = JsonTrees.object();
        m.put("Config", configDigest + ".json");
        m.putArray("RepoTags");
        ArrayNode layers = m.putArray("Layers");
        for (int i = 0; i < layer.layers() - 1; i++) {
            layers.add("held" + i + "/layer.tar"); // never opened: the engine has the layer
        }
        layers.add(layerName);
        Map<String, byte[]> documents = new LinkedHashMap<>();
        documents.put(configDigest + ".json", newConfig);
        documents.put("manifest.json", JsonTrees.bytes(JsonTrees.array().add(m)));
        // a graph-driver store's image ID is its config's digest
        return new Archive(documents, layerName, "sha256:" + configDigest);
    }

    private static void checkLayers(JsonNode named, NewTop layer) {
        if (named.size() != layer.layers()) {
            throw new EngineException("the engine's image archive names " + named.size() + " layers, its image "
                    + layer.layers());
        }
    }

    private static byte[] withTopDiffId(ObjectNode config, NewTop layer) throws IOException {
        return withTopDiffId(config, layer.layers(), layer.digest());
    }

    /** The config with its top layer's diff ID replaced ({@code digest}'s hex), as bytes. */
    static byte[] withTopDiffId(ObjectNode config, int layers, String digest) throws IOException {
        JsonNode named = config.path("rootfs").path("diff_ids");
        if (!(named instanceof ArrayNode diffIds) || diffIds.size() != layers) {
            throw new EngineException("the engine's image config names " + named.size() + " layers, its image " + layers);
        }
        diffIds.set(layers - 1, com.fasterxml.jackson.databind.node.TextNode.valueOf("sha256:" + digest));
        return JsonTrees.bytes(config);
    }

    private static byte[] document(Map<String, byte[]> saved, String name, String what) {
        byte[] bytes = saved.get(name);
        if (bytes == null) {
            throw new EngineException("the engine's image archive lacks its " + what + " " + name);
        }
        return bytes;
    }

    /** The sha256 of a layer blob's uncompressed tar. */
    static String diffId(Path blob) throws IOException {
        MessageDigest sha = sha256();
        try (InputStream plain = new DigestInputStream(uncompressed(new BufferedInputStream(Files.newInputStream(blob))), sha)) {
            plain.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** A layer as its tar: gzip (what the containerd store's commit writes) is undone, a plain tar passes. */
    static InputStream uncompressed(BufferedInputStream in) throws IOException {
        in.mark(2);
        int a = in.read();
        int b = in.read();
        in.reset();
        return a == 0x1f && b == 0x8b ? new org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream(in, true) : in;
    }

    private static String blob(String digest) {
        return "blobs/sha256/" + hex(digest);
    }

    static String hex(String digest) {
        return digest.startsWith("sha256:") ? digest.substring(7) : digest;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file of this machine; the OS's tmp cleaning takes it
            }
        }
    }
}
