package dev.stagesh.engine;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The build cache's key for a step, made as docker's is: the parent snapshot, the instruction
 * with its arguments expanded, the build arguments a RUN sees, and a checksum of the files a
 * COPY or ADD reads. Equal keys mean the step would produce the same filesystem.
 */
final class CacheKey {
    /**
     * The version of what a step writes into its snapshot. Cached snapshots live on the engine
     * across stagesh upgrades; raise this whenever a step's result changes for the same inputs
     * (as when mount points and Podman's placeholder files left the layers), so an older
     * snapshot is never served for a step that now writes something else.
     */
    static final int SEMANTICS = 2;

    private final StringBuilder text = new StringBuilder();

    CacheKey(String parentImage, String instruction) {
        add("semantics", Integer.toString(SEMANTICS)).add("parent", parentImage).add("instruction", instruction);
    }

    CacheKey add(String name, String value) {
        text.append(name).append('\0').append(value == null ? "" : value).append('\n');
        return this;
    }

    CacheKey add(String name, Map<String, String> values) {
        new TreeMap<>(values).forEach((k, v) -> add(name + "." + k, v));
        return this;
    }

    String digest() {
        return ImageCommitter.sha256(text.toString().getBytes(StandardCharsets.UTF_8));
    }
}
