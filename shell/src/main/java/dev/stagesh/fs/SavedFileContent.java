package dev.stagesh.fs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stagesh.json.JsonTrees;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * A few paths as an image's layers leave them, entry and content, read from {@code docker save}
 * in one pass: for the paths no container shows as the image has them (the engine puts its own
 * /etc/hosts, hostname and resolv.conf over them). Every layer's copy is kept until the
 * manifest, which comes last, says which is on top.
 */
public final class SavedFileContent {
    /** An entry of the image and, for a regular file no bigger than asked, its bytes (else null). */
    public record Found(FileEntry entry, byte[] bytes) {}


    /** What one layer does to a path: writes it, or deletes it (with what is under it). */
    private record Hit(Found writes, boolean deletes) {}

    private SavedFileContent() {}

    /** Each of {@code paths} the image has, as its topmost layer writes it. */
    public static Map<String, Found> read(InputStream save, Set<String> paths, long maxBytes) {
        Map<String, Map<String, Hit>> hits = new HashMap<>();
        Map<String, String> aliases = new HashMap<>();
        byte[] manifest = null;
        TarArchiveInputStream in = TarStreams.open(save);
        try {
            for (TarArchiveEntry e = TarStreams.next(in); e != null; e = TarStreams.next(in)) {
                String name = FsPaths.fromTarName("/", e.getName());
                if (e.isSymbolicLink()) {
                    aliases.put(name, FsPaths.normalize(FsPaths.parent(name) + "/" + e.getLinkName()));
                    continue;
                }
                if (TarStreams.typeOf(e) != EntryType.FILE) {
                    continue;
                }
                if (name.equals("/manifest.json")) {
                    manifest = in.readAllBytes();
                } else if (ImageArchive.isLayerName(name)) {
                    BufferedInputStream b = new BufferedInputStream(in);
                    b.mark(1);
                    int first = b.read();
                    b.reset();
                    if (first != '{' && first != '[') {
                        hits.put(name, scan(b, paths, maxBytes));
                    }
                }
            }
        } catch (IOException ex) {
            throw FsException.unreadable(ex);
        }
        if (manifest == null) {
            throw new FsException("not a docker save archive: no manifest.json");
        }
        JsonNode layers;
        try {
            layers = JsonTrees.read(manifest).path(0).path("Layers");
        } catch (IOException ex) {
            throw new FsException("cannot parse manifest.json: " + ex.getMessage(), ex);
        }
        Map<String, Found> out = new HashMap<>();
        for (String path : paths) {
            for (int i = layers.size() - 1; i >= 0; i--) {
                String name = FsPaths.fromTarName("/", layers.get(i).asText());
                Hit h = hits.getOrDefault(aliases.getOrDefault(name, name), Map.of()).get(path);
                if (h != null && h.writes() != null) {
                    out.put(path, h.writes());
                    break;
                }
                if (h != null && h.deletes()) {
                    break;
                }
            }
        }
        return out;
    }

    private static Map<String, Hit> scan(InputStream layer, Set<String> targets, long maxBytes) throws IOException {
        Map<String, Hit> hits = new HashMap<>();
        TarArchiveInputStream in = TarStreams.open(LayerTar.decompressed(layer));
        for (TarArchiveEntry e = TarStreams.next(in); e != null; e = TarStreams.next(in)) {
            String path = FsPaths.fromTarName("/", e.getName());
            String name = FsPaths.name(path);
            String dir = FsPaths.parent(path);
            if (name.equals(LayerTar.OPAQUE) || name.startsWith(LayerTar.WHITEOUT)) {
                String gone = name.equals(LayerTar.OPAQUE) ? dir : FsPaths.child(dir, name.substring(LayerTar.WHITEOUT.length()));
                for (String t : targets) {
                    boolean under = gone.equals("/") || t.startsWith(gone + "/");
                    if ((t.equals(gone) && !name.equals(LayerTar.OPAQUE)) || under) {
                        Hit old = hits.get(t);
                        hits.put(t, new Hit(old == null ? null : old.writes(), true));
                    }
                }
            } else if (targets.contains(path)) {
                FileEntry entry = TarStreams.toFileEntry(e, "/");
                byte[] bytes = entry.type() == EntryType.FILE && e.getSize() <= maxBytes ? in.readAllBytes() : null;
                Hit old = hits.get(path);
                hits.put(path, new Hit(new Found(entry, bytes), old != null && old.deletes()));
            }
        }
        return hits;
    }
}
