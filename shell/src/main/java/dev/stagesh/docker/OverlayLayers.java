package dev.stagesh.docker;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where Docker's overlay2 store keeps an image's layers unpacked, checked against its own layer
 * database: the image inspect's GraphDriver names a {@code diff} directory per layer, and
 * {@code image/overlay2/layerdb/sha256/CHAIN/} records, for the chain ID of each layer, its diff
 * ID ({@code diff}) and the directory it was unpacked to ({@code cache-id}). A directory is taken
 * only when both agree with the image config's diff ID at that place, so a stale or foreign
 * directory is never read as the layer.
 */
final class OverlayLayers {
    private OverlayLayers() {
    }

    /**
     * The layers' directories on this machine, bottom first; {@code visible} maps a path of the
     * engine's filesystem to where this machine sees it (empty when it cannot).
     */
    static Optional<List<Path>> directories(JsonNode image, Function<String, Optional<Path>> visible) {
        Optional<DriverLayers> named = DriverLayers.of(image, "overlay2");
        if (named.isEmpty()) {
            return Optional.empty();
        }
        List<String> diffIds = named.get().diffIds();
        List<String> dirs = named.get().directories();
        List<Path> out = new ArrayList<>();
        String chain = null;
        for (int i = 0; i < dirs.size(); i++) {
            Path dir = Path.of(dirs.get(i));
            String diffId = diffIds.get(i);
            chain = chain == null ? diffId : "sha256:" + sha256(chain + " " + diffId);
            if (!dir.isAbsolute() || dir.getNameCount() < 4 || !dir.getFileName().toString().equals("diff")
                    || !dir.getParent().getParent().getFileName().toString().equals("overlay2")) {
                return Optional.empty();
            }
            String cacheId = dir.getParent().getFileName().toString();
            Path root = dir.getParent().getParent().getParent();
            String layerDb = root.resolve("image/overlay2/layerdb/sha256").resolve(chain.substring("sha256:".length())).toString();
            Optional<Path> db = visible.apply(layerDb);
            Optional<Path> here = visible.apply(dir.toString());
            if (db.isEmpty() || here.isEmpty()
                    || !read(db.get().resolve("diff")).equals(diffId) || !read(db.get().resolve("cache-id")).equals(cacheId)) {
                return Optional.empty();
            }
            out.add(here.get());
        }
        return Optional.of(out);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "";
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
