package dev.stagesh.docker;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * What one engine is and how it stores images, read once per session from its {@code /version}
 * and {@code /info}: the code that must act differently on Podman or on the containerd image
 * store asks here, never the engine's messages.
 *
 * @param product    Docker or Podman (whose Docker-compatible API stagesh speaks)
 * @param version    the product's own version, e.g. {@code 28.5.2} or {@code 5.8.6}
 * @param apiVersion the Docker API version it serves, e.g. {@code 1.41}
 * @param store      where its images live, which decides what an image ID is
 * @param os         e.g. {@code linux}
 * @param arch       normalised as image platforms name it, e.g. {@code amd64}
 */
public record EngineCapabilities(Product product, String version, String apiVersion, ImageStore store,
                                 String os, String arch) {

    public enum Product { DOCKER, PODMAN }

    /** Where the engine keeps images, and so what it means by an image's ID. */
    public enum ImageStore {
        /** Docker's graph drivers (overlay2...): an image ID is the digest of its config. */
        GRAPH_DRIVER,
        /**
         * Docker with the containerd snapshotter: an image ID is the digest of its manifest or
         * index, the config's digest is another.
         */
        CONTAINERD,
        /** Podman's containers/storage: an image ID is the config digest's hex. */
        CONTAINERS_STORAGE
    }

    /** Reads the answers of {@code GET /version} and {@code GET /info}. */
    public static EngineCapabilities of(JsonNode version, JsonNode info) {
        Product product = Product.DOCKER;
        String productVersion = version.path("Version").asText("");
        for (JsonNode c : version.path("Components")) {
            if (c.path("Name").asText("").toLowerCase(Locale.ROOT).contains("podman")) {
                product = Product.PODMAN;
                productVersion = c.path("Version").asText(productVersion);
            }
        }
        ImageStore store;
        if (product == Product.PODMAN) {
            store = ImageStore.CONTAINERS_STORAGE;
        } else if (containerdSnapshotter(info)) {
            store = ImageStore.CONTAINERD;
        } else {
            store = ImageStore.GRAPH_DRIVER;
        }
        return new EngineCapabilities(product, productVersion, version.path("ApiVersion").asText(""), store,
                version.path("Os").asText("linux"), normalizeArch(version.path("Arch").asText("amd64")));
    }

    /**
     * Docker says it uses the containerd snapshotter in {@code DriverStatus}
     * ({@code ["driver-type", "io.containerd.snapshotter.v1"]}); its Driver is then a snapshotter
     * name such as {@code overlayfs} rather than a graph driver such as {@code overlay2}.
     */
    private static boolean containerdSnapshotter(JsonNode info) {
        for (JsonNode pair : info.path("DriverStatus")) {
            if (pair.path(0).asText("").equals("driver-type")
                    && pair.path(1).asText("").startsWith("io.containerd.snapshotter")) {
                return true;
            }
        }
        return false;
    }

    static String normalizeArch(String arch) {
        return switch (arch) {
            case "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> arch;
        };
    }

    public String platform() {
        return os + "/" + arch;
    }

    public boolean podman() {
        return product == Product.PODMAN;
    }

    /**
     * Whether a container can mount one path of a volume ({@code VolumeOptions.Subpath}): Docker
     * from API 1.45 (Engine 26). Podman's compatible API ignores it (5.8 mounts the whole volume).
     */
    public boolean volumeSubpaths() {
        return switch (product) {
            case DOCKER -> atLeast(apiVersion, 1, 45);
            case PODMAN -> false;
        };
    }

    /** Whether a dotted version such as {@code 1.45} or {@code 5.8.6} is at least major.minor. */
    static boolean atLeast(String dotted, int major, int minor) {
        String[] parts = dotted.split("[.\\-+]");
        try {
            int ma = Integer.parseInt(parts[0]);
            int mi = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            return ma > major || ma == major && mi >= minor;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The engine in one phrase for messages: {@code Docker 28.5.2 (API 1.51, containerd image store)}. */
    public String describe() {
        String name = switch (product) {
            case DOCKER -> "Docker";
            case PODMAN -> "Podman";
        };
        String storeName = switch (store) {
            case GRAPH_DRIVER -> "";
            case CONTAINERD -> ", containerd image store";
            case CONTAINERS_STORAGE -> "";
        };
        return name + " " + (version.isEmpty() ? "(version unknown)" : version)
                + " (API " + (apiVersion.isEmpty() ? "unknown" : apiVersion) + storeName + ")";
    }

    public UnsupportedEngineFeatureException unsupported(String feature, String why) {
        return new UnsupportedEngineFeatureException(this, feature, why);
    }

    /** The same, for a feature a Dockerfile's line asks for: {@code where} ({@code line 4: RUN}) comes first. */
    public UnsupportedEngineFeatureException unsupportedAt(String where, String feature, String why) {
        return new UnsupportedEngineFeatureException(where, this, feature, why);
    }
}
