package dev.stagesh.engine;

import dev.stagesh.docker.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The mount points a RUN's mounts leave in its layer, taken out before the commit. The engine
 * creates a mount's missing target (an empty file for a file, a directory otherwise) and its
 * missing parents in the container's writable layer; BuildKit's layers hold none of them. Once
 * the command has ended nothing is mounted there any more, so they are removed from the
 * writable layer's directory itself, where the engine keeps it on this machine (overlay2). Only
 * what the snapshot lacked is touched, and only while it is still an empty file or an empty
 * directory: whatever the command wrote next to a mount point stays.
 */
final class MountPoints {
    private final Engine engine;
    private final SnapshotPaths paths;

    MountPoints(Engine engine, SnapshotPaths paths) {
        this.engine = engine;
        this.paths = paths;
    }

    /** The paths the engine will create for these mount targets: the missing ones, each with its missing parents. */
    List<String> created(Snapshot snap, List<String> targets) {
        if (targets.isEmpty() || !engine.isLocal()) {
            return List.of(); // nothing to take out, or a layer this machine cannot reach: ask nothing
        }
        Set<String> out = new LinkedHashSet<>();
        for (String target : targets) {
            if (target != null && target.startsWith("/") && !target.equals("/")) {
                out.addAll(paths.missingDirs(snap, Paths.resolve("/", target)));
            }
        }
        return List.copyOf(out);
    }

    /**
     * Removes the mount points from the ended container's writable layer, deepest first. Returns
     * false when the engine's layer is not reachable from here (they then stay, as empty entries).
     */
    boolean remove(String containerId, List<String> created) {
        if (created.isEmpty()) {
            return true;
        }
        var upper = engine.writableLayerDir(containerId);
        if (upper.isEmpty()) {
            return false;
        }
        Path root = upper.get().toAbsolutePath().normalize();
        List<String> deepestFirst = new ArrayList<>(created);
        deepestFirst.sort(Comparator.comparingInt(String::length).reversed());
        for (String p : deepestFirst) {
            Path entry = root.resolve(p.substring(1)).normalize();
            if (!entry.startsWith(root) || entry.equals(root)) {
                continue;
            }
            try {
                if (Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS) && Files.size(entry) == 0) {
                    Files.delete(entry);
                } else if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS) && isEmpty(entry)) {
                    Files.delete(entry);
                }
            } catch (IOException e) {
                // left as it is: an empty mount point in the layer, never any content
            }
        }
        return true;
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }
}
