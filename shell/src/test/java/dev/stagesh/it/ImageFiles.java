package dev.stagesh.it;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * An image's filesystem as the engine stores it, flattened: {@code docker save}, then its layers
 * stacked in order with their whiteouts applied, as a container would see the files. Nothing a
 * container adds ({@code /.dockerenv}, {@code /etc/hosts}, volume mount points) is in it.
 * Modification times are kept beside the entries, not in them: two builds agree on them only for
 * files that predate both (the base image's, and what COPY takes from the context), so a
 * comparison decides where they count.
 */
final class ImageFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ImageFiles() {}

    /**
     * One path: its type, permission bits, owner, for files the size and content digest, and its
     * extended attributes ({@code name=hex value}, sorted, {@code ;}-separated; null when none), such
     * as {@code security.capability}, which the layer tar carries as {@code SCHILY.xattr.*} headers.
     */
    record Entry(String type, int mode, long uid, long gid, long size, String sha256, String link, String xattrs) {
        Entry(String type, int mode, long uid, long gid, long size, String sha256, String link) {
            this(type, mode, uid, gid, size, sha256, link, null);
        }

        static Entry dir(int mode, long uid, long gid) {
            return new Entry("dir", mode, uid, gid, 0, null, null);
        }

        static Entry file(int mode, long uid, long gid, byte[] content) {
            return new Entry("file", mode, uid, gid, content.length, ImageFiles.sha256(content), null);
        }

        static Entry symlink(int mode, long uid, long gid, String target) {
            return new Entry("symlink", mode, uid, gid, 0, null, target);
        }

        Entry withXattrs(String xattrs) {
            return new Entry(type, mode, uid, gid, size, sha256, link, xattrs);
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder(type).append(' ').append(String.format("%04o", mode)).append(' ')
                    .append(uid).append(':').append(gid);
            if (sha256 != null) {
                s.append(" size=").append(size).append(" sha256=").append(sha256, 0, 12);
            }
            if (link != null) {
                s.append(type.equals("symlink") ? " -> " : " ").append(link);
            }
            if (xattrs != null) {
                s.append(" xattrs[").append(xattrs).append(']');
            }
            return s.toString();
        }
    }

    /**
     * An image as stored: its flattened files (path, absolute without trailing slash, to entry, in
     * path order) and its config file as written (not as the engine's inspect renders it: an
     * older engine drops the fields it does not know, such as {@code Healthcheck.StartInterval}).
     */
    record Image(Map<String, Entry> files, Map<String, Long> mtimes, JsonNode config) {}

    static Image of(String image, Path scratchDir) {
        Path saved = scratchDir.resolve("save-" + Long.toHexString(System.nanoTime()) + ".tar");
        EquivalenceIT.docker(Map.of(), "save", "-o", saved.toString(), image);
        try (TarFile archive = new TarFile(saved.toFile())) {
            Map<String, TarArchiveEntry> byName = new TreeMap<>();
            for (TarArchiveEntry e : archive.getEntries()) {
                byName.put(e.getName(), e);
            }
            TarArchiveEntry manifestEntry = byName.get("manifest.json");
            if (manifestEntry == null) {
                throw new AssertionError("docker save of " + image + " has no manifest.json");
            }
            JsonNode manifest;
            try (InputStream in = archive.getInputStream(manifestEntry)) {
                manifest = JSON.readTree(in);
            }
            JsonNode config;
            TarArchiveEntry configEntry = byName.get(manifest.get(0).get("Config").asText());
            try (InputStream in = archive.getInputStream(configEntry)) {
                config = JSON.readTree(in);
            }
            Map<String, Entry> tree = new TreeMap<>();
            tree.put("/", Entry.dir(0755, 0, 0));
            Map<String, Long> mtimes = new TreeMap<>();
            for (JsonNode layer : manifest.get(0).get("Layers")) {
                TarArchiveEntry layerEntry = byName.get(layer.asText());
                if (layerEntry == null) {
                    throw new AssertionError("docker save of " + image + " lacks its layer " + layer.asText());
                }
                try (InputStream in = decompressed(archive.getInputStream(layerEntry))) {
                    apply(tree, mtimes, in);
                }
            }
            mtimes.keySet().retainAll(tree.keySet());
            return new Image(tree, mtimes, config);
        } catch (IOException e) {
            throw new AssertionError("cannot read the saved image " + image + ": " + e, e);
        } finally {
            try {
                Files.deleteIfExists(saved);
            } catch (IOException ignored) {
                // in a temporary directory
            }
        }
    }

    /** A layer as stored: a tar, or a gzip-compressed tar as the containerd image store keeps pulled and imported layers. */
    static InputStream decompressed(InputStream layer) throws IOException {
        java.io.BufferedInputStream in = new java.io.BufferedInputStream(layer);
        in.mark(2);
        boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
        in.reset();
        return gzip ? new org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream(in, true) : in;
    }

    /** Applies one layer tar to the tree: whiteouts remove lower paths, entries replace them. */
    static void apply(Map<String, Entry> tree, Map<String, Long> mtimes, InputStream layer) throws IOException {
        Set<String> fromThisLayer = new HashSet<>();
        TarArchiveInputStream tar = new TarArchiveInputStream(layer);
        TarArchiveEntry e;
        while ((e = tar.getNextEntry()) != null) {
            String path = normalize(e.getName());
            String parent = parent(path);
            String base = path.substring(path.lastIndexOf('/') + 1);
            if (base.equals(".wh..wh..opq")) {
                removeBelow(tree, parent, fromThisLayer);
                continue;
            }
            if (base.startsWith(".wh.")) {
                String gone = (parent.equals("/") ? "" : parent) + "/" + base.substring(4);
                tree.remove(gone);
                removeBelow(tree, gone, Set.of());
                continue;
            }
            int mode = e.getMode() & 07777;
            long uid = e.getLongUserId();
            long gid = e.getLongGroupId();
            Entry entry;
            if (e.isDirectory()) {
                entry = Entry.dir(mode, uid, gid);
            } else if (e.isSymbolicLink()) {
                entry = Entry.symlink(mode, uid, gid, e.getLinkName());
            } else if (e.isLink()) {
                String target = normalize(e.getLinkName());
                Entry t = tree.get(target);
                if (t == null) {
                    throw new AssertionError("hard link " + path + " to " + target + ", which the layer lacks");
                }
                entry = new Entry(t.type(), t.mode(), t.uid(), t.gid(), t.size(), t.sha256(), "(hard link to " + target + ")");
            } else if (e.isFile()) {
                MessageDigest sha = digest();
                long size;
                try (InputStream body = new DigestInputStream(tar, sha) {
                    @Override
                    public void close() {
                        // the tar stream stays open for the next entry
                    }
                }) {
                    size = body.transferTo(java.io.OutputStream.nullOutputStream());
                }
                entry = new Entry("file", mode, uid, gid, size, HexFormat.of().formatHex(sha.digest()), null);
            } else if (e.isCharacterDevice() || e.isBlockDevice()) {
                entry = new Entry(e.isCharacterDevice() ? "char" : "block", mode, uid, gid, 0, null,
                        e.getDevMajor() + "," + e.getDevMinor());
            } else if (e.isFIFO()) {
                entry = new Entry("fifo", mode, uid, gid, 0, null, null);
            } else {
                entry = new Entry("other:" + (char) e.getLinkFlag(), mode, uid, gid, 0, null, null);
            }
            if (!e.isLink()) { // a hard link has its file's attributes
                entry = entry.withXattrs(xattrs(e));
            }
            mtimes.put(path, e.getModTime().getTime() / 1000);
            Entry old = tree.put(path, entry);
            if (old != null && old.type().equals("dir") && !entry.type().equals("dir")) {
                removeBelow(tree, path, Set.of());
            }
            fromThisLayer.add(path);
        }
    }

    /** The entry's extended attributes from its PAX headers, or null when it has none. */
    private static String xattrs(TarArchiveEntry e) {
        Map<String, String> found = new TreeMap<>();
        e.getExtraPaxHeaders().forEach((k, v) -> {
            if (k.startsWith("SCHILY.xattr.")) {
                found.put(k.substring("SCHILY.xattr.".length()),
                        HexFormat.of().formatHex(v.getBytes(StandardCharsets.UTF_8)));
            }
        });
        if (found.isEmpty()) {
            return null;
        }
        StringBuilder s = new StringBuilder();
        found.forEach((k, v) -> s.append(s.length() == 0 ? "" : ";").append(k).append('=').append(v));
        return s.toString();
    }

    /** Removes every path strictly below {@code dir}, except those in {@code keep}. */
    private static void removeBelow(Map<String, Entry> tree, String dir, Set<String> keep) {
        String prefix = dir.equals("/") ? "/" : dir + "/";
        List<String> doomed = new ArrayList<>();
        for (String p : tree.keySet()) {
            if (p.startsWith(prefix) && !p.equals(dir) && !keep.contains(p)) {
                doomed.add(p);
            }
        }
        doomed.forEach(tree::remove);
    }

    static String normalize(String tarName) {
        String n = tarName;
        while (n.startsWith("./")) {
            n = n.substring(2);
        }
        while (n.startsWith("/")) {
            n = n.substring(1);
        }
        while (n.endsWith("/")) {
            n = n.substring(0, n.length() - 1);
        }
        return n.isEmpty() || n.equals(".") ? "/" : "/" + n;
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The paths in {@code image} that are new or differ from {@code base} (mtimes aside), and the
     * paths of {@code base} that {@code image} removed (as {@code absent}).
     */
    static Map<String, Entry> changes(Map<String, Entry> base, Map<String, Entry> image) {
        Map<String, Entry> out = new TreeMap<>();
        image.forEach((path, entry) -> {
            if (!entry.equals(base.get(path))) {
                out.put(path, entry);
            }
        });
        base.keySet().stream().filter(p -> !image.containsKey(p))
                .forEach(p -> out.put(p, new Entry("absent", 0, 0, 0, 0, null, null)));
        return out;
    }

    /** Parses an {@code expected-files.txt} line: {@code path type mode uid gid ["content" | -> target]}. */
    static Map.Entry<String, Entry> parseExpectation(String line) {
        String[] head = line.split("\\s+", 6);
        if (head.length < 2) {
            throw new IllegalArgumentException("expected 'path type mode uid gid [content]': " + line);
        }
        String path = head[0];
        String type = head[1];
        if (type.equals("absent")) {
            return Map.entry(path, new Entry("absent", 0, 0, 0, 0, null, null));
        }
        int mode = Integer.parseInt(head[2], 8);
        long uid = Long.parseLong(head[3]);
        long gid = Long.parseLong(head[4]);
        String rest = head.length > 5 ? head[5].strip() : "";
        return Map.entry(path, switch (type) {
            case "dir" -> Entry.dir(mode, uid, gid);
            case "file" -> Entry.file(mode, uid, gid, unquote(rest).getBytes(StandardCharsets.UTF_8));
            case "symlink" -> Entry.symlink(mode, uid, gid, rest.replaceFirst("^->\\s*", ""));
            default -> throw new IllegalArgumentException("unknown type " + type + ": " + line);
        });
    }

    /** A double-quoted string with the escapes \n \t \\ \". */
    private static String unquote(String quoted) {
        if (quoted.length() < 2 || !quoted.startsWith("\"") || !quoted.endsWith("\"")) {
            throw new IllegalArgumentException("file content must be double-quoted: " + quoted);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < quoted.length() - 1; i++) {
            char c = quoted.charAt(i);
            if (c == '\\' && i + 1 < quoted.length() - 1) {
                char n = quoted.charAt(++i);
                out.append(switch (n) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    default -> n;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
