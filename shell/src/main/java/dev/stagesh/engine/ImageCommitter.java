package dev.stagesh.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stagesh.docker.Engine;
import dev.stagesh.docker.EngineCapabilities;
import dev.stagesh.docker.EngineException;
import dev.stagesh.json.JsonTrees;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Turns a snapshot into the image {@code docker build} would have produced. A snapshot's layers
 * are right, but the engine wrote its config and history from the step's container; so the
 * image is streamed out ({@code docker save}), its config replaced by the one stagesh kept
 * (with one history entry per step, written as BuildKit writes them), and streamed back in
 * ({@code docker load}). Layer data passes through untouched and is never held in memory.
 */
public final class ImageCommitter {
    /** The digest of an empty tar: a layer with no files, which docker build never keeps. */
    static final String EMPTY_LAYER = "sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef";

    private final Engine engine;

    public ImageCommitter(Engine engine) {
        this.engine = engine;
    }

    /**
     * Writes the snapshot as an image tagged with every tag given; returns its id. The engine
     * already holds every layer, so the image is loaded as a config and a manifest alone (the
     * engine's loader skips layers it has); only when the base image's history cannot be matched
     * to its layers from {@code docker history} does the commit stream the image out and in.
     */
    public String commit(Snapshot snapshot, List<String> tags) {
        return withoutLayers(snapshot, tags).orElseGet(() -> streamed(snapshot, tags));
    }

    private java.util.Optional<String> withoutLayers(Snapshot snapshot, List<String> tags) {
        if (engine.capabilities().store() != EngineCapabilities.ImageStore.GRAPH_DRIVER) {
            // only the graph-driver loader skips a layer it holds; the containerd store's and
            // Podman's loaders read every layer the manifest names from the archive
            return java.util.Optional.empty();
        }
        var info = engine.inspectImage(snapshot.imageId())
                .orElseThrow(() -> new EngineException("snapshot image " + snapshot.imageId() + " is gone"));
        List<String> diffIds = new ArrayList<>(info.layers());
        if (diffIds.contains(EMPTY_LAYER)) {
            // dropping a layer changes the chain of every layer above it, which the engine then lacks
            return java.util.Optional.empty();
        }
        List<Engine.HistoryRecord> engineHistory = engine.history(snapshot.imageId());
        int inherited = Math.min(snapshot.inheritedHistory(), engineHistory.size());
        long ours = snapshot.history().stream().filter(h -> !h.emptyLayer()).count();
        int baseLayers = diffIds.size() - (int) ours;
        List<ObjectNode> history = new ArrayList<>();
        int nonEmpty = 0;
        for (int i = 0; i < inherited; i++) {
            Engine.HistoryRecord r = engineHistory.get(i);
            ObjectNode h = JsonTrees.object();
            h.put("created", Instant.ofEpochSecond(r.created()).toString());
            // the engine's history API says "" for an entry without created_by (an imported image's):
            // the field stays out, as in the base image's own config
            if (!r.createdBy().isEmpty()) {
                h.put("created_by", r.createdBy());
            }
            if (!r.comment().isEmpty()) {
                h.put("comment", r.comment());
            }
            // docker history shows no empty_layer flag: an entry with bytes has a layer; one of
            // size 0 is taken as empty, and a mismatch with the layer count falls back below
            boolean hasLayer = r.size() > 0;
            if (!hasLayer) {
                h.put("empty_layer", true);
            } else {
                nonEmpty++;
            }
            history.add(h);
        }
        if (nonEmpty != baseLayers) {
            return java.util.Optional.empty();
        }
        history.addAll(stepHistory(snapshot));
        ObjectNode config = JsonTrees.object();
        config.put("architecture", info.architecture());
        config.put("os", info.os());
        ObjectNode rootfs = config.putObject("rootfs");
        rootfs.put("type", "layers");
        rootfs.putArray("diff_ids");
        config.putArray("history");
        return java.util.Optional.of(loadConfig(snapshot, tags, config, diffIds, history));
    }

    /**
     * Writes the snapshot as an image whose one layer, {@code diffId}, the engine already holds (a
     * squashed layer): the snapshot's config, and every history entry since the first layer marked
     * empty, followed by one entry that stands for the squashed layer, as {@code docker build --squash}
     * records it. {@code engineConfig} is the snapshot image's config document from {@code docker save}.
     */
    String commitSquashed(Snapshot snapshot, List<String> tags, byte[] engineConfig, String importedImage, String diffId,
                          int squashedLayers) {
        ObjectNode config;
        try {
            config = (ObjectNode) JsonTrees.read(engineConfig);
        } catch (IOException | ClassCastException e) {
            throw new EngineException("the engine's image archive has an unreadable config", e);
        }
        List<JsonNode> engineHistory = new ArrayList<>();
        config.path("history").forEach(engineHistory::add);
        List<ObjectNode> history = new ArrayList<>();
        for (int i = 0; i < Math.min(snapshot.inheritedHistory(), engineHistory.size()); i++) {
            history.add((ObjectNode) engineHistory.get(i).deepCopy());
        }
        history.addAll(stepHistory(snapshot));
        history.forEach(h -> h.put("empty_layer", true));
        ObjectNode squashed = JsonTrees.object();
        squashed.put("created", Instant.now().toString());
        squashed.put("created_by", "stagesh commit --squash");
        squashed.put("comment", "squashed " + squashedLayers + (squashedLayers == 1 ? " layer" : " layers") + " into one");
        history.add(squashed);
        if (engine.capabilities().store() != EngineCapabilities.ImageStore.GRAPH_DRIVER) {
            // a loader that reads every layer gets the imported image's one layer, with this config
            return streamed(importedImage, snapshot, tags, engineOwn -> new Replacement(config, List.of(diffId), history));
        }
        return loadConfig(snapshot, tags, config, List.of(diffId), history);
    }

    /**
     * Loads an image as a config and a manifest alone: the engine's loader skips the layers it
     * already has, which must be all of them.
     */
    private String loadConfig(Snapshot snapshot, List<String> tags, ObjectNode config, List<String> diffIds,
                              List<ObjectNode> history) {
        List<String> layerFiles = new ArrayList<>();
        for (int i = 0; i < diffIds.size(); i++) {
            layerFiles.add("layer" + i + "/layer.tar"); // never read: the engine has every layer
        }
        try {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
                String configDigest = finish(snapshot, tags, config, diffIds, layerFiles, history, out);
                out.finish();
                engine.load(new java.io.ByteArrayInputStream(bytes.toByteArray()));
                // only graph-driver stores load this way, and there an image's ID is its config's
                // digest: no inspect of the tag to learn it
                return configDigest;
            }
        } catch (IOException e) {
            throw new EngineException("commit: " + e.getMessage(), e);
        }
    }

    /** The config, layers and history a rewritten archive gets, worked out from the engine's own config. */
    @FunctionalInterface
    private interface NewConfig {
        Replacement from(ObjectNode engineConfig);
    }

    private record Replacement(ObjectNode config, List<String> diffIds, List<ObjectNode> history) {}

    /** The fallback: the whole image streamed out, its config replaced, and streamed back in. */
    private String streamed(Snapshot snapshot, List<String> tags) {
        return streamed(snapshot.imageId(), snapshot, tags, engineConfig -> {
            List<String> diffIds = new ArrayList<>();
            engineConfig.path("rootfs").path("diff_ids").forEach(d -> diffIds.add(d.asText()));
            List<JsonNode> oldHistory = new ArrayList<>();
            engineConfig.path("history").forEach(oldHistory::add);
            // The base image's own history is kept; every later engine entry is replaced by the steps'.
            List<ObjectNode> history = new ArrayList<>();
            for (int i = 0; i < Math.min(snapshot.inheritedHistory(), oldHistory.size()); i++) {
                history.add((ObjectNode) oldHistory.get(i).deepCopy());
            }
            history.addAll(stepHistory(snapshot));
            return new Replacement(engineConfig, diffIds, history);
        });
    }

    /** {@code image} streamed out, its config replaced as {@code newConfig} says, and streamed back in. */
    private String streamed(String image, Snapshot snapshot, List<String> tags, NewConfig newConfig) {
        String[] configDigest = new String[1]; // what the archive written says the image is
        try {
            List<String> loaded = LoadPipe.loaded(engine, out -> {
                try (InputStream saved = engine.save(image); TarArchiveInputStream in = new TarArchiveInputStream(saved)) {
                    configDigest[0] = rewrite(snapshot, tags, in, out, newConfig);
                }
            });
            return loadedId(loaded, tags, configDigest[0]);
        } catch (IOException e) {
            throw new EngineException("commit: " + e.getMessage(), e);
        }
    }

    /**
     * Copies a {@code docker save} archive into a legacy one ({@code manifest.json}, the config,
     * the layers) with the config replaced. Both layouts are read: the legacy one, and the OCI one
     * of Docker 25+, whose config and manifests are blobs like the layers. A JSON document is never
     * a layer, so JSON entries are held back (they are small) and the rest streams through; the
     * OCI index and manifests are dropped, so every loader reads the new {@code manifest.json}.
     */
    private String rewrite(Snapshot snapshot, List<String> tags, TarArchiveInputStream in, TarArchiveOutputStream out,
                           NewConfig newConfig) throws IOException {
        JsonNode manifest = null;
        Map<String, byte[]> json = new java.util.HashMap<>();
        TarArchiveEntry entry;
        while ((entry = in.getNextEntry()) != null) {
            String name = entry.getName();
            if (name.equals("manifest.json")) {
                manifest = JsonTrees.read(in.readAllBytes());
            } else if (name.equals("repositories") || name.equals("index.json") || name.equals("oci-layout")) {
                // tags come from the new manifest instead; the OCI index would name the old config
            } else if (entry.isFile()) {
                java.io.BufferedInputStream content = new java.io.BufferedInputStream(in);
                content.mark(1);
                int first = content.read();
                content.reset();
                if ((first == '{' || first == '[') && entry.getSize() <= 16 << 20) {
                    json.put(name, content.readAllBytes());
                } else {
                    out.putArchiveEntry(entry);
                    content.transferTo(out);
                    out.closeArchiveEntry();
                }
            } else {
                out.putArchiveEntry(entry);
                out.closeArchiveEntry();
            }
        }
        if (manifest == null || !manifest.isArray() || manifest.isEmpty()) {
            throw new EngineException("the engine's image archive has no manifest.json");
        }
        JsonNode image = manifest.get(0);
        byte[] oldConfig = json.get(image.path("Config").asText());
        if (oldConfig == null) {
            throw new EngineException("the engine's image archive lacks its config " + image.path("Config").asText());
        }
        List<String> layerFiles = new ArrayList<>();
        image.path("Layers").forEach(l -> layerFiles.add(l.asText()));

        Replacement r = newConfig.from((ObjectNode) JsonTrees.read(oldConfig));
        return finish(snapshot, tags, r.config(), r.diffIds(), layerFiles, r.history(), out);
    }

    /**
     * Completes the image: drops empty layers (the placeholder under FROM scratch) with the
     * history entry that stands for them, sets the config stagesh kept, and writes the config
     * and a manifest naming the tags; returns the image id.
     */
    private String finish(Snapshot snapshot, List<String> tags, ObjectNode config, List<String> diffIds,
                          List<String> layerFiles, List<ObjectNode> history, TarArchiveOutputStream out)
            throws IOException {
        String now = Instant.now().toString();
        // Drop layers with no files (the placeholder under FROM scratch, a step that changed nothing)
        // together with the history entry that stands for them.
        List<String> keptLayers = new ArrayList<>();
        List<String> keptDiffs = new ArrayList<>();
        List<ObjectNode> keptHistory = new ArrayList<>();
        int layer = 0;
        for (ObjectNode h : history) {
            if (h.path("empty_layer").asBoolean(false)) {
                keptHistory.add(h);
                continue;
            }
            if (layer >= diffIds.size()) {
                throw new EngineException("the snapshot's history and layers disagree (" + history.size()
                        + " history entries, " + diffIds.size() + " layers)");
            }
            if (!diffIds.get(layer).equals(EMPTY_LAYER)) {
                keptHistory.add(h);
                keptDiffs.add(diffIds.get(layer));
                keptLayers.add(layerFiles.get(layer));
            } else if (!isBaseEntry(h, snapshot, history)) {
                h.put("empty_layer", true);
                keptHistory.add(h);
            }
            layer++;
        }
        if (layer != diffIds.size()) {
            throw new EngineException("the snapshot's history and layers disagree (" + layer + " layer entries, "
                    + diffIds.size() + " layers)");
        }

        config.put("created", now);
        config.remove("container");
        config.remove("container_config");
        config.remove("parent");
        config.set("config", ConfigJson.of(snapshot.config()));
        String author = author(snapshot.history());
        if (author != null) {
            config.put("author", author);
        }
        ArrayNode diffs = JsonTrees.array();
        keptDiffs.forEach(diffs::add);
        ((ObjectNode) config.path("rootfs")).set("diff_ids", diffs);
        ArrayNode hist = JsonTrees.array();
        keptHistory.forEach(hist::add);
        config.set("history", hist);

        byte[] configBytes = JsonTrees.bytes(config);
        String digest = sha256(configBytes);
        String configName = digest + ".json";
        write(out, configName, configBytes);

        ObjectNode m = JsonTrees.object();
        m.put("Config", configName);
        ArrayNode repoTags = m.putArray("RepoTags");
        tags.forEach(repoTags::add);
        ArrayNode layersNode = m.putArray("Layers");
        keptLayers.forEach(layersNode::add);
        write(out, "manifest.json", JsonTrees.bytes(JsonTrees.array().add(m)));
        return "sha256:" + digest;
    }

    /**
     * The engine's ID of the image just loaded: what its first tag names now, else what the
     * engine said it loaded. The config's digest is the ID on graph-driver stores and Podman,
     * but not on the containerd store (the manifest's digest), so it is only the last resort.
     */
    private String loadedId(List<String> loaded, List<String> tags, String configDigest) {
        if (!tags.isEmpty()) {
            var tagged = engine.inspectImage(tags.get(0));
            if (tagged.isPresent()) {
                return tagged.get().id();
            }
        }
        return LoadPipe.imageId(loaded, configDigest);
    }

    /** One history entry per step since the base image, as BuildKit writes them. */
    private static List<ObjectNode> stepHistory(Snapshot snapshot) {
        String now = Instant.now().toString();
        List<ObjectNode> out = new ArrayList<>();
        for (HistoryEntry step : snapshot.history()) {
            ObjectNode h = JsonTrees.object();
            h.put("created", now);
            h.put("created_by", step.createdBy());
            h.put("comment", "buildkit.dockerfile.v0");
            if (step.emptyLayer()) {
                h.put("empty_layer", true);
            }
            out.add(h);
        }
        return out;
    }

    /** The image's author as docker build sets it: from the stage's last MAINTAINER, if any. */
    static String author(List<HistoryEntry> history) {
        String author = null;
        for (HistoryEntry h : history) {
            String text = h.createdBy();
            if (text.regionMatches(true, 0, "MAINTAINER", 0, 10) && text.length() > 10
                    && Character.isWhitespace(text.charAt(10))) {
                author = text.substring(10).strip();
            }
        }
        return author;
    }

    private static boolean isBaseEntry(ObjectNode h, Snapshot snapshot, List<ObjectNode> history) {
        return history.indexOf(h) < snapshot.inheritedHistory();
    }

    private static void write(TarArchiveOutputStream out, String name, byte[] bytes) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(bytes.length);
        e.setModTime(0);
        out.putArchiveEntry(e);
        out.write(bytes);
        out.closeArchiveEntry();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
