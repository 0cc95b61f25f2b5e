package dev.stagesh.docker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stagesh.json.JsonTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where Podman's overlay store (containers/storage) keeps an image's layers unpacked, checked
 * against its own layer database: the image inspect's GraphDriver names a
 * {@code STORAGE/overlay/ID/diff} directory per layer, and {@code STORAGE/overlay-layers/layers.json}
 * records, for each layer ID, its parent and the digest of its uncompressed tar
 * ({@code diff-digest}). A directory is taken only when the database says that layer ID holds
 * the image config's diff ID at that place and sits on the layer below it, so a stale or foreign
 * directory is never read as the layer. The counterpart of {@link OverlayLayers} for Docker's overlay2.
 */
final class StorageLayers {
    /** containers/storage keeps some layers (a container's, mostly) in a second file beside the first. */
    private static final List<String> DATABASES = List.of("layers.json", "volatile-layers.json");

    private StorageLayers() {
    }

    /**
     * The layers' directories on this machine, bottom first; {@code visible} maps a directory of
     * the engine's filesystem to where this machine sees it (empty when it cannot). Only a store
     * root owns: a rootless Podman marks opaque directories with {@code user.overlay.opaque} (or
     * writes through fuse-overlayfs), which a walk here would not read as the layer's tar says.
     */
    static Optional<List<Path>> directories(JsonNode image, Function<String, Optional<Path>> visible) {
        return directories(image, visible, StorageLayers::ownedByRoot);
    }

    static Optional<List<Path>> directories(JsonNode image, Function<String, Optional<Path>> visible,
                                            java.util.function.Predicate<Path> rootful) {
        Optional<DriverLayers> named = DriverLayers.of(image, "overlay");
        if (named.isEmpty()) {
            return Optional.empty();
        }
        List<String> diffIds = named.get().diffIds();
        List<String> dirs = named.get().directories();
        Path storage = null;
        List<String> layerIds = new ArrayList<>();
        for (String d : dirs) {
            Path dir = Path.of(d);
            if (!dir.isAbsolute() || dir.getNameCount() < 4 || !dir.getFileName().toString().equals("diff")
                    || !dir.getParent().getParent().getFileName().toString().equals("overlay")) {
                return Optional.empty();
            }
            Path root = dir.getParent().getParent().getParent();
            if (storage != null && !storage.equals(root)) {
                return Optional.empty();
            }
            storage = root;
            layerIds.add(dir.getParent().getFileName().toString());
        }
        Optional<Path> here = visible.apply(storage.toString());
        if (here.isEmpty() || !rootful.test(here.get())) {
            return Optional.empty();
        }
        Map<String, JsonNode> layers = database(here.get().resolve("overlay-layers"));
        List<Path> out = new ArrayList<>();
        String parent = null;
        for (int i = 0; i < layerIds.size(); i++) {
            String id = layerIds.get(i);
            JsonNode layer = layers.get(id);
            if (layer == null || !layer.path("diff-digest").asText("").equals(diffIds.get(i))
                    || !layer.path("parent").asText("").equals(parent == null ? "" : parent)) {
                return Optional.empty();
            }
            Path dir = here.get().resolve("overlay").resolve(id).resolve("diff");
            if (!Files.isDirectory(dir)) {
                return Optional.empty();
            }
            out.add(dir);
            parent = id;
        }
        return Optional.of(out);
    }

    private static boolean ownedByRoot(Path storage) {
        try {
            return ((Number) Files.getAttribute(storage, "unix:uid")).intValue() == 0;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The store's layers by ID, from both of its databases; empty when neither can be read. */
    static Map<String, JsonNode> database(Path layersDir) {
        Map<String, JsonNode> out = new HashMap<>();
        for (String name : DATABASES) {
            try {
                JsonNode all = JsonTrees.read(Files.readAllBytes(layersDir.resolve(name)));
                all.forEach(l -> {
                    String id = l.path("id").asText("");
                    if (!id.isEmpty()) {
                        out.put(id, l);
                    }
                });
            } catch (NoSuchFileException e) {
                // the second file is there only when some layer is volatile
            } catch (IOException | RuntimeException e) {
                // being rewritten, or not ours to read: no layer is taken from it
                return Map.of();
            }
        }
        return out;
    }
}
