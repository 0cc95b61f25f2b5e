package dev.stagesh.fs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stagesh.json.JsonTrees;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads the output of {@code docker save} (the legacy {@code <id>/layer.tar} layout, Podman's
 * {@code <digest>.tar} files, and the OCI {@code blobs/sha256/} layout Docker 25+ writes) in one pass, returning the first image's layers in
 * order, each labelled with the instruction that made it from the image config's history.
 *
 * <p>One pass means the manifest, which usually comes last, is not known while layers stream by:
 * every layer is indexed as it arrives (headers only) and small JSON documents are kept, then the
 * manifest puts them in order. Memory is the layers' metadata, never their content.
 */
public final class ImageArchive {

    /** Configs and manifests are small; anything bigger is not one. */
    private static final int MAX_JSON = 16 * 1024 * 1024;

    private ImageArchive() {
    }

    public static List<Layer> read(InputStream save) {
        return readSaved(save).layers();
    }

    /**
     * A {@code docker save} archive read in one pass: the first image's layers in order, where each
     * is stored in the archive (its normalized path there, repeated layers resolved to the one copy
     * the archive holds), and its config document, for a second pass that wants their content.
     */
    public record SavedImage(List<Layer> layers, List<String> layerFiles, byte[] config, List<String> digests) {
        public SavedImage {
            layers = List.copyOf(layers);
            layerFiles = List.copyOf(layerFiles);
            digests = List.copyOf(digests);
        }

        /**
         * Each layer's diff ID as the config's {@code rootfs.diff_ids} gives it, where the layer's
         * uncompressed bytes hash to it; null where they do not (so its index is not kept under it).
         */
        public List<String> verifiedDiffIds() {
            List<String> ids = diffIds(config);
            List<String> out = new ArrayList<>();
            for (int i = 0; i < layers.size(); i++) {
                String id = i < ids.size() ? ids.get(i) : null;
                out.add(id != null && id.equals(digests.get(i)) ? id : null);
            }
            return out;
        }
    }

    /** The config's {@code rootfs.diff_ids}, bottom layer first. */
    static List<String> diffIds(byte[] config) {
        List<String> out = new ArrayList<>();
        if (config != null) {
            parse(config, "image config").path("rootfs").path("diff_ids").forEach(d -> out.add(d.asText()));
        }
        return out;
    }

    public static SavedImage readSaved(InputStream save) {
        return readSaved(save, digest -> java.util.Optional.empty());
    }

    /**
     * Like {@link #readSaved(InputStream)}, taking the index of a layer whose OCI blob is named by a
     * digest {@code known} has an index for, instead of reading it: the OCI layout names each blob
     * by the digest of its bytes, so an uncompressed layer's blob name is its diff ID.
     */
    public static SavedImage readSaved(InputStream save,
                                       java.util.function.Function<String, java.util.Optional<LayerChanges>> known) {
        return readSaved(save, known, passed -> { });
    }

    /**
     * Like {@link #readSaved(InputStream, java.util.function.Function)}, handing each layer read to
     * {@code passed} as soon as the save has passed it (with the digest of its bytes), so a caller
     * can keep it before the save ends. Podman names each layer {@code HEX.tar} by its diff ID, so
     * there too a layer {@code known} has is not read.
     */
    public static SavedImage readSaved(InputStream save,
                                       java.util.function.Function<String, java.util.Optional<LayerChanges>> known,
                                       java.util.function.Consumer<LayerTar.Hashed> passed) {
        Map<String, LayerTar.Hashed> layers = new HashMap<>();
        Map<String, byte[]> documents = new HashMap<>();
        Map<String, String> aliases = new HashMap<>();
        TarArchiveInputStream in = TarStreams.open(save);
        try {
            for (TarArchiveEntry e = TarStreams.next(in); e != null; e = TarStreams.next(in)) {
                String name = FsPaths.fromTarName("/", e.getName());
                if (e.isSymbolicLink()) {
                    // legacy saves link a repeated layer to its first copy
                    aliases.put(name, FsPaths.normalize(FsPaths.parent(name) + "/" + e.getLinkName()));
                } else if (TarStreams.typeOf(e) == EntryType.FILE) {
                    String digest = namedDigest(name);
                    var indexed = digest == null ? java.util.Optional.<LayerChanges>empty() : known.apply(digest);
                    if (indexed.isPresent()) {
                        layers.put(name, new LayerTar.Hashed(indexed.get(), digest));
                    } else {
                        LayerTar.Hashed read = index(name, e.getSize(), in, layers, documents);
                        if (read != null) {
                            passed.accept(read);
                        }
                    }
                }
            }
        } catch (IOException ex) {
            throw FsException.unreadable(ex);
        }
        return assemble(layers, documents, aliases);
    }

    /**
     * The digest an archive entry's name gives its bytes: an OCI blob's, or the diff ID Podman names
     * a top-level {@code HEX.tar} by; null for any other name.
     */
    private static String namedDigest(String name) {
        if (name.startsWith("/blobs/sha256/")) {
            return "sha256:" + FsPaths.name(name);
        }
        if (isTopLevelTar(name) && name.matches("/[0-9a-f]{64}\\.tar")) {
            return "sha256:" + name.substring(1, name.length() - ".tar".length());
        }
        return null;
    }

    /** Reads one file of the archive: a JSON document is kept, a layer indexed and returned; null when no layer. */
    private static LayerTar.Hashed index(String name, long size, InputStream content, Map<String, LayerTar.Hashed> layers,
                                         Map<String, byte[]> documents) throws IOException {
        BufferedInputStream in = new BufferedInputStream(content);
        in.mark(1);
        int first = in.read();
        in.reset();
        if (first == '{' || first == '[') {
            if (size <= MAX_JSON) {
                documents.put(name, in.readAllBytes());
            }
        } else if (isLayerName(name)) {
            LayerTar.Hashed read = LayerTar.readHashed(in);
            layers.put(name, read);
            return read;
        }
        return null;
    }

    /** Where a save keeps layers: legacy {@code <id>/layer.tar}, OCI blobs, and Podman's {@code <digest>.tar} at the top. */
    static boolean isLayerName(String name) {
        return name.endsWith("/layer.tar") || name.startsWith("/blobs/") || isTopLevelTar(name);
    }

    /** Podman's legacy save keeps each layer at the top, named by its diff ID: {@code HEX.tar}. */
    private static boolean isTopLevelTar(String name) {
        return name.endsWith(".tar") && name.indexOf('/', 1) < 0;
    }

    private static SavedImage assemble(Map<String, LayerTar.Hashed> layers, Map<String, byte[]> documents,
                                       Map<String, String> aliases) {
        byte[] manifestBytes = documents.get("/manifest.json");
        JsonNode image;
        if (manifestBytes != null) {
            image = parse(manifestBytes, "manifest.json").path(0);
        } else if (documents.containsKey("/index.json")) {
            image = fromOciIndex(documents);
        } else {
            throw new FsException("not a docker save archive: no manifest.json");
        }
        byte[] config = documents.get(FsPaths.fromTarName("/", image.path("Config").asText("")));
        List<String> labels = labels(config);
        List<Layer> out = new ArrayList<>();
        List<String> files = new ArrayList<>();
        List<String> digests = new ArrayList<>();
        JsonNode names = image.path("Layers");
        for (int i = 0; i < names.size(); i++) {
            String name = FsPaths.fromTarName("/", names.get(i).asText());
            String file = aliases.getOrDefault(name, name);
            LayerTar.Hashed hashed = layers.get(file);
            if (hashed == null) {
                throw new FsException("docker save archive lacks layer " + names.get(i).asText());
            }
            String label = labels.size() == names.size() ? labels.get(i) : "layer " + (i + 1);
            out.add(new Layer(label, hashed.changes()));
            files.add(file);
            digests.add(hashed.digest());
        }
        return new SavedImage(out, files, config, digests);
    }

    /**
     * An archive in the OCI layout alone (no Docker {@code manifest.json}, as Podman and
     * {@code skopeo} write it): the index names a manifest (or a further index, whose first
     * manifest is taken), which names the config and the layers by digest. Returned in the shape
     * of a {@code manifest.json} entry, so both layouts are assembled alike.
     */
    private static JsonNode fromOciIndex(Map<String, byte[]> documents) {
        JsonNode node = parse(documents.get("/index.json"), "index.json");
        for (int depth = 0; depth < 4 && node.has("manifests"); depth++) {
            String digest = node.path("manifests").path(0).path("digest").asText("");
            byte[] next = documents.get(blob(digest));
            if (next == null) {
                throw new FsException("OCI image archive lacks the manifest " + digest);
            }
            node = parse(next, "manifest " + digest);
        }
        var image = JsonTrees.object();
        image.put("Config", blob(node.path("config").path("digest").asText("")));
        var layers = image.putArray("Layers");
        node.path("layers").forEach(l -> layers.add(blob(l.path("digest").asText(""))));
        return image;
    }

    /** Where the OCI layout keeps the blob of a digest such as {@code sha256:ab...}. */
    private static String blob(String digest) {
        int colon = digest.indexOf(':');
        return "/blobs/" + digest.substring(0, Math.max(colon, 0)) + "/" + digest.substring(colon + 1);
    }

    /** The instruction of each history entry that made a layer (empty_layer entries made none). */
    private static List<String> labels(byte[] config) {
        List<String> labels = new ArrayList<>();
        if (config == null) {
            return labels;
        }
        for (JsonNode h : parse(config, "image config").path("history")) {
            if (!h.path("empty_layer").asBoolean(false)) {
                labels.add(instruction(h.path("created_by").asText("")));
            }
        }
        return labels;
    }

    /**
     * Turns a history {@code created_by} back into the Dockerfile instruction a user wrote:
     * {@code /bin/sh -c #(nop) COPY file:ab in /app} → {@code COPY file:ab in /app},
     * {@code /bin/sh -c apk add x} → {@code RUN apk add x}, BuildKit's
     * {@code RUN |1 V=1 /bin/sh -c make # buildkit} → {@code RUN make}.
     */
    static String instruction(String createdBy) {
        String s = createdBy.strip();
        if (s.endsWith("# buildkit")) {
            s = s.substring(0, s.length() - "# buildkit".length()).strip();
        }
        int nop = s.indexOf("#(nop)");
        if (nop >= 0) {
            return s.substring(nop + "#(nop)".length()).strip();
        }
        int shell = s.indexOf("/bin/sh -c ");
        if (shell >= 0) {
            return "RUN " + s.substring(shell + "/bin/sh -c ".length()).strip();
        }
        return s;
    }

    private static JsonNode parse(byte[] json, String what) {
        try {
            return JsonTrees.read(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new FsException("cannot parse " + what + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw FsException.unreadable(e);
        }
    }
}
