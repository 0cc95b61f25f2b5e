package dev.stagesh.engine;

import dev.stagesh.docker.ContainerSpec;
import dev.stagesh.docker.ContainerSpec.MountSpec;
import dev.stagesh.docker.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The mount points a step's container leaves in its layer, taken out before (or, where the
 * engine offers no way to, right after) the commit. The engine creates a mount's missing target
 * (an empty file for a file, a directory otherwise) and its missing parents in the container's
 * writable layer; BuildKit's layers hold none of them (its executor removes such stubs once the
 * process ended, when they are still empty). Podman also creates the mount points of the files it
 * gives every container ({@code /etc/hostname}, {@code /run/.containerenv}, {@code /proc}...) in
 * that layer, where Docker keeps them in an init layer of its own. Only what the snapshot lacked
 * is touched, and only while it is still an empty file or an empty directory: whatever the
 * command wrote there or next to it stays.
 *
 * <p>Where the layer is taken from, cheapest first: its directory on this machine (overlay's
 * upper directory of a local engine); else that directory where the engine names it in its own
 * filesystem, bound into a short helper container on the engine's host (Podman, a remote
 * overlay2 engine); else (the containerd image store names none; vfs, btrfs and zfs keep the
 * layer in a form of their own; the helper was refused or failed) the committed image's top
 * layer is rewritten ({@link LayerRewriter}). Where even that fails, a notice says which mount
 * points stay: never silence.
 */
final class MountPoints {
    /** What Podman mounts into every container it starts, creating each where the image lacks it. */
    static final List<String> PODMAN_PLACEHOLDERS = List.of("/etc/hostname", "/etc/hosts", "/etc/resolv.conf",
            "/etc/mtab", "/run/.containerenv", "/dev", "/proc", "/sys");
    /** Where the helper container sees the writable layer. Under /dev, a tmpfs: no mount point of its own. */
    private static final String LAYER = "/dev/.stagesh-layer";
    /**
     * Removes each path given (relative to the layer, deepest first) that is an empty file or an
     * empty directory, and Podman's {@code /etc/mtab} link; anything else stays.
     */
    private static final String SCRIPT = "cd \"$1\" || exit 3; shift;"
            + " while [ $# -gt 0 ] && [ \"$1\" != -- ]; do p=$1; shift;"
            + " if [ -L \"$p\" ]; then [ \"$(readlink \"$p\")\" = /proc/mounts ] && rm -f \"$p\";"
            + " elif [ -d \"$p\" ]; then rmdir \"$p\" 2>/dev/null;"
            + " elif [ -f \"$p\" ] && [ ! -s \"$p\" ]; then rm -f \"$p\"; fi; done; shift;"
            // a parent the snapshot had, left with nothing of the command's in it, gets its time back
            + " while [ $# -gt 1 ]; do [ -d \"$1\" ] && [ -z \"$(ls -A \"$1\")\" ] && touch -c -d \"@$2\" \"$1\"; shift 2; done;"
            + " exit 0";

    private final Engine engine;
    private final SnapshotPaths paths;
    private final Toolbox toolbox;
    private final Map<String, String> labels;
    private final Rewriting rewriting;

    MountPoints(Engine engine, SnapshotPaths paths, Toolbox toolbox, Map<String, String> labels, Rewriting rewriting) {
        this.engine = engine;
        this.paths = paths;
        this.toolbox = toolbox;
        this.labels = Map.copyOf(labels);
        this.rewriting = rewriting;
    }

    /**
     * The last way out, and what is told when it fails too.
     *
     * @param rewriter rewrites a committed image without its mount points
     * @param always   every layer is rewritten, its directory never reached before the commit: the
     *                 path a vfs engine takes, for tests on an overlay engine ({@link #ENV})
     * @param notices  hears a one-line notice when mount points stay in a layer
     */
    record Rewriting(LayerRewriter rewriter, boolean always, java.util.function.Consumer<String> notices) {
        /**
         * Test-only: {@code STAGESH_MOUNT_POINTS=rewrite} makes every step take the rewrite, as on
         * an engine whose layers have no directory stagesh can reach, so that path runs on overlay2.
         */
        static final String ENV = "STAGESH_MOUNT_POINTS";

        static Rewriting from(Engine engine, Map<String, String> env, java.util.function.Consumer<String> notices) {
            String value = env.getOrDefault(ENV, "");
            if (!value.isEmpty() && !value.equals("rewrite")) {
                throw new dev.stagesh.StageshException(ENV + "=" + value + ": the only value is 'rewrite' (a test setting)");
            }
            return new Rewriting(new LayerRewriter(engine), value.equals("rewrite"), notices);
        }
    }

    /**
     * What a container of {@code snap} with mounts at {@code targets} will leave behind: the paths
     * the engine creates for them (the missing ones, each with its missing parents), and on Podman
     * its own placeholders the snapshot lacks. Ask before the container starts.
     */
    Planned plan(Snapshot snap, List<String> targets) {
        List<String> all = new ArrayList<>(targets);
        if (engine.capabilities().podman()) {
            all.addAll(PODMAN_PLACEHOLDERS);
        }
        Set<String> out = new LinkedHashSet<>();
        for (String target : all) {
            if (target != null && target.startsWith("/") && !target.equals("/")) {
                out.addAll(paths.missingDirs(snap, Paths.resolve("/", target)));
            }
        }
        List<String> deepestFirst = new ArrayList<>(out);
        deepestFirst.sort(Comparator.comparingInt(String::length).reversed());
        return new Planned(snap, List.copyOf(deepestFirst), parents(snap, out));
    }

    /**
     * The directories the snapshot has that the created paths are made in, with their time: the
     * engine's creating and removing the mount points there changes it, which BuildKit undoes.
     */
    private List<Parent> parents(Snapshot snap, Set<String> created) {
        Set<String> dirs = new LinkedHashSet<>();
        for (String p : created) {
            String parent = Paths.parent(p);
            if (!parent.equals("/") && !created.contains(parent)) {
                dirs.add(parent);
            }
        }
        List<Parent> out = new ArrayList<>();
        for (String d : dirs) {
            paths.stat(snap, d).filter(dev.stagesh.docker.PathStat::isDirectory).ifPresent(st -> {
                try {
                    out.add(new Parent(d, java.time.OffsetDateTime.parse(st.mtime()).toInstant()));
                } catch (java.time.format.DateTimeParseException ignored) {
                    // no time to give back
                }
            });
        }
        return List.copyOf(out);
    }

    /** A directory of the snapshot that mount points were made in, and the time it had. */
    record Parent(String path, java.time.Instant mtime) {}

    /** One container's mount points: taken out of its layer before the commit, or of the commit after it. */
    final class Planned {
        private final Snapshot snap;
        private final List<String> created;
        private final List<Parent> parents;
        private boolean removed;

        private Planned(Snapshot snap, List<String> created, List<Parent> parents) {
            this.snap = snap;
            this.created = created;
            this.parents = parents;
        }

        List<String> created() {
            return created;
        }

        /** Called with the container once its process has ended, before it is committed. */
        void beforeCommit(String containerId) {
            removed = created.isEmpty() || !rewriting.always() && removeFromLayer(snap, containerId, created, parents);
        }

        /**
         * The committed image, or where its layer could not be reached before, the image rewritten
         * without them; where that fails too, the image as it is, and a notice.
         */
        String afterCommit(String image) {
            if (removed) {
                return image;
            }
            Map<String, java.time.Instant> times = new java.util.HashMap<>();
            parents.forEach(p -> times.put(p.path(), p.mtime()));
            try {
                return rewriting.rewriter().withoutMountPoints(image, new MountPointFilter.Stubs(Set.copyOf(created), times));
            } catch (dev.stagesh.docker.EngineException e) {
                List<String> named = created.size() > 4 ? created.subList(0, 4) : created;
                rewriting.notices().accept(engine.capabilities().describe() + ": the empty mount points "
                        + String.join(", ", named) + (created.size() > 4 ? ", ..." : "")
                        + " stay in this step's layer: " + e.getMessage());
                return image;
            }
        }
    }

    private boolean removeFromLayer(Snapshot snap, String containerId, List<String> created, List<Parent> parents) {
        var local = engine.writableLayerDir(containerId);
        if (local.isPresent()) {
            removeHere(local.get(), created, parents);
            return true;
        }
        var onEngine = engine.writableLayerPath(containerId);
        try {
            return onEngine.isPresent() && removeOnEngine(snap, onEngine.get(), created, parents);
        } catch (dev.stagesh.docker.EngineException e) {
            return false; // the engine refused the helper (a bind of that path, say): the commit is rewritten instead
        }
    }

    private static void removeHere(Path upper, List<String> created, List<Parent> parents) {
        Path root = upper.toAbsolutePath().normalize();
        removeEntries(root, created);
        for (Parent p : parents) {
            Path dir = root.resolve(p.path().substring(1)).normalize();
            try {
                if (dir.startsWith(root) && Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) && isEmpty(dir)) {
                    Files.setLastModifiedTime(dir, java.nio.file.attribute.FileTime.from(p.mtime()));
                }
            } catch (IOException e) {
                // its time stays changed: the directory itself is the snapshot's
            }
        }
    }

    private static void removeEntries(Path root, List<String> created) {
        for (String p : created) {
            Path entry = root.resolve(p.substring(1)).normalize();
            if (!entry.startsWith(root) || entry.equals(root)) {
                continue;
            }
            try {
                if (Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS) && Files.size(entry) == 0) {
                    Files.delete(entry);
                } else if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS) && isEmpty(entry)) {
                    Files.delete(entry);
                } else if (Files.isSymbolicLink(entry) && Files.readSymbolicLink(entry).toString().equals("/proc/mounts")) {
                    Files.delete(entry); // Podman's /etc/mtab
                }
            } catch (IOException e) {
                // left as it is: an empty mount point in the layer, never any content
            }
        }
    }

    /**
     * The layer's directory in the engine's own filesystem, bound into a helper container of the
     * snapshot that runs the toolbox's shell over it: no path of this machine is involved, so a
     * remote engine does it on its own host. Only this session's labels, no network.
     */
    private boolean removeOnEngine(Snapshot snap, String upperDir, List<String> created, List<Parent> parents) {
        List<String> argv = new ArrayList<>(Toolbox.busybox("sh", "-c", SCRIPT, "sh", LAYER));
        created.forEach(p -> argv.add("." + p));
        argv.add("--");
        for (Parent p : parents) {
            argv.add("." + p.path());
            argv.add(Long.toString(p.mtime().getEpochSecond()));
        }
        return toolbox.runHelper(new ContainerSpec(snap.imageId(), argv, List.of(), List.of(), "/", "0",
                labels, List.of(toolbox.mount(), new MountSpec(MountSpec.Kind.BIND, upperDir, LAYER, false)), "none"))
                == 0; // else the commit is rewritten
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }
}
