package dev.stagesh.engine;

import dev.stagesh.docker.Engine;
import dev.stagesh.docker.PathStat;
import dev.stagesh.fs.FileTree;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The files the engine adds to every container it creates (its init layer: /.dockerenv, /etc's
 * hostname, hosts, resolv.conf and mtab, /dev/console, /dev/pts, /dev/shm, /proc, /sys, and /dev
 * and /etc to hold them), seen through a reader container. They are no file of the snapshot:
 * diff, the committed layer and docker build's image have none of them.
 *
 * <p>The engine adds each only where the image lacks it, when the container is created, and
 * always the same way: an empty file of mode 0755, a directory of mode 0755, or the link
 * /etc/mtab to /proc/mounts. So a path is one of them when it has that shape and was last
 * changed no earlier than the container's creation; a file of the image's own (debian's
 * /etc/hostname, a COPY to /etc/hosts) was written before its reader existed. A directory
 * made to hold them is one when nothing else is in it.
 */
final class Placeholders {
    private enum Shape { FILE, DIRECTORY, MTAB }

    private static final Map<String, Shape> MADE = made();
    /** Directories the engine makes (when missing) to hold the others. */
    private static final Set<String> HOLDERS = Set.of("/dev", "/etc");
    private static final long DIR = 1L << 31;
    private static final long SYMLINK = 1L << 27;
    private static final long PERMISSIONS = 0755;

    /** Placeholders found in this container; nothing under them belongs to the snapshot either. */
    private final Set<String> hidden;
    /** Holders with the engine's shape and time: hidden when they hold nothing but placeholders. */
    private final Set<String> holders;
    private final Map<String, Boolean> emptyHolders = new HashMap<>();

    private Placeholders(Set<String> hidden, Set<String> holders) {
        this.hidden = Set.copyOf(hidden);
        this.holders = Set.copyOf(holders);
    }

    private static Map<String, Shape> made() {
        Map<String, Shape> m = new LinkedHashMap<>();
        for (String f : new String[] {"/.dockerenv", "/etc/hostname", "/etc/hosts", "/etc/resolv.conf", "/dev/console"}) {
            m.put(f, Shape.FILE);
        }
        for (String d : new String[] {"/dev/pts", "/dev/shm", "/proc", "/sys"}) {
            m.put(d, Shape.DIRECTORY);
        }
        m.put("/etc/mtab", Shape.MTAB);
        return Map.copyOf(m);
    }

    /** Asks the engine about each path it may have added to the container. */
    static Placeholders probe(Engine engine, String container) {
        Optional<Instant> created = engine.containerCreated(container);
        Set<String> hidden = new HashSet<>();
        Set<String> holders = new HashSet<>();
        if (created.isEmpty()) {
            return new Placeholders(hidden, holders);
        }
        for (var e : MADE.entrySet()) {
            engine.stat(container, e.getKey()).filter(s -> madeAtCreation(s, created.get()) && fits(s, e.getValue()))
                    .ifPresent(s -> hidden.add(e.getKey()));
        }
        for (String h : HOLDERS) {
            engine.stat(container, h).filter(s -> madeAtCreation(s, created.get()) && fits(s, Shape.DIRECTORY))
                    .ifPresent(s -> holders.add(h));
        }
        return new Placeholders(hidden, holders);
    }

    /** Whether a read at {@code path} may meet a placeholder, so that the probe is worth making. */
    static boolean concerns(String path) {
        if (path.equals("/") || HOLDERS.contains(path) || MADE.containsKey(path)) {
            return true;
        }
        return MADE.entrySet().stream().anyMatch(e -> e.getValue() == Shape.DIRECTORY && path.startsWith(e.getKey() + "/"));
    }

    /** Whether the path is a placeholder or under one (holders aside: see {@link #hidesHolder}). */
    boolean hides(String path) {
        for (String h : hidden) {
            if (path.equals(h) || path.startsWith(h + "/")) {
                return true;
            }
        }
        return false;
    }

    /** Whether any of {@code paths} at or under {@code root} is a placeholder here. */
    boolean hidesAny(Set<String> paths, String root) {
        for (String path : paths) {
            if ((root.equals("/") || path.equals(root) || path.startsWith(root + "/")) && hides(path)) {
                return true;
            }
        }
        return false;
    }

    /** The holders that are hidden when left empty once the placeholders are out. */
    Set<String> holders() {
        return holders;
    }

    /**
     * Whether a holder directory is the engine's alone; {@code read} gives its tree with the
     * placeholders left out (and itself, when that leaves it empty). Asked once per holder.
     */
    synchronized boolean hidesHolder(String dir, Function<String, FileTree> read) {
        if (!holders.contains(dir)) {
            return false;
        }
        return emptyHolders.computeIfAbsent(dir, d -> read.apply(d).entry(d).isEmpty());
    }

    private static boolean madeAtCreation(PathStat s, Instant created) {
        try {
            // Go's RFC 3339: Z for UTC, an offset where the engine runs in another zone
            return !java.time.OffsetDateTime.parse(s.mtime()).toInstant().isBefore(created);
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean fits(PathStat s, Shape shape) {
        return switch (shape) {
            case FILE -> s.mode() == PERMISSIONS && s.size() == 0;
            case DIRECTORY -> s.mode() == (DIR | PERMISSIONS);
            case MTAB -> (s.mode() & SYMLINK) != 0 && s.linkTarget().equals("/proc/mounts");
        };
    }
}
