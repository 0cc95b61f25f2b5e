package dev.stagesh.docker;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * An image's layers as its inspect names them for an overlay graph driver (Docker's overlay2,
 * Podman's overlay): each layer's diff ID from the config and the directory the driver unpacked
 * it into, bottom first, one for one. What those directories are worth is for each store's own
 * layer database to say ({@link OverlayLayers}, {@link StorageLayers}).
 */
record DriverLayers(List<String> diffIds, List<String> directories) {
    /** The layers, when the image's graph driver is {@code driver} and it names one directory per layer. */
    static Optional<DriverLayers> of(JsonNode image, String driver) {
        JsonNode graph = image.path("GraphDriver");
        if (!graph.path("Name").asText("").equals(driver)) {
            return Optional.empty();
        }
        List<String> diffIds = new ArrayList<>();
        image.path("RootFS").path("Layers").forEach(l -> diffIds.add(l.asText("")));
        List<String> dirs = new ArrayList<>();
        dirs.add(graph.path("Data").path("UpperDir").asText(""));
        String lower = graph.path("Data").path("LowerDir").asText("");
        if (!lower.isEmpty()) {
            dirs.addAll(List.of(lower.split(":")));
        }
        Collections.reverse(dirs); // the driver names the top layer first
        if (diffIds.isEmpty() || dirs.size() != diffIds.size()) {
            return Optional.empty();
        }
        return Optional.of(new DriverLayers(List.copyOf(diffIds), List.copyOf(dirs)));
    }
}
