package dev.stagesh.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stagesh.docker.Engine;
import dev.stagesh.docker.EngineException;
import dev.stagesh.json.JsonTrees;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The image streamed out and back in with its top layer filtered, for a loader that reads every
 * layer its manifest names from the archive (Podman's: its {@code docker-archive} source refuses a
 * manifest naming a layer the tarball lacks). The save streams into the load: base layers pass
 * through as they are read, the top one (named by its diff ID, as Podman names layers, or found
 * by its digest) is kept aside and filtered on the way, and a legacy {@code manifest.json} with the
 * new config ends the archive. The top layer keeps its name, so the legacy layout's links to it
 * still lead there; only the config says what it holds now.
 */
final class WholeImageRewrite {

    private final Engine engine;

    WholeImageRewrite(Engine engine) {
        this.engine = engine;
    }

    /** The image loaded again with the stubs out of its top layer; the same ID when none was there. */
    String rewrite(String image, List<String> diffIds, MountPointFilter.Stubs stubs) throws IOException {
        Path aside = Files.createTempFile("stagesh-layer", ".tar");
        Path filtered = Files.createTempFile("stagesh-layer", ".tar");
        try {
            Copy copy = new Copy(diffIds, stubs, aside, filtered);
            String loaded = LoadPipe.load(engine, out -> copy.run(image, out), "");
            if (!copy.found) {
                throw new EngineException("the engine's archive of " + image + " holds no layer of diff ID "
                        + diffIds.get(diffIds.size() - 1));
            }
            if (copy.dropped == 0) {
                return image; // loaded again as it was: the same config, so the same image
            }
            return loaded.isEmpty() ? "sha256:" + copy.configDigest : loaded;
        } finally {
            LayerRewriter.delete(aside);
            LayerRewriter.delete(filtered);
        }
    }

    /** One pass from the save into the load, and what it found. */
    private final class Copy {
        private final List<String> diffIds;
        private final MountPointFilter.Stubs stubs;
        private final Path aside;
        private final Path filtered;
        private final String topDiff;
        private final Set<String> parents = new HashSet<>();
        private final Map<String, byte[]> documents = new HashMap<>();
        boolean found;
        int dropped;
        String topDigest;
        String configDigest;

        Copy(List<String> diffIds, MountPointFilter.Stubs stubs, Path aside, Path filtered) {
            this.diffIds = diffIds;
            this.stubs = stubs;
            this.aside = aside;
            this.filtered = filtered;
            this.topDiff = LayerRewriter.hex(diffIds.get(diffIds.size() - 1));
            diffIds.subList(0, diffIds.size() - 1).forEach(d -> parents.add(LayerRewriter.hex(d)));
        }

        void run(String image, TarArchiveOutputStream out) throws IOException {
            try (InputStream save = engine.save(image); TarArchiveInputStream in = new TarArchiveInputStream(save)) {
                for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                    copyEntry(e, in, out);
                }
            }
            finish(out);
        }

        private void copyEntry(TarArchiveEntry e, TarArchiveInputStream in, TarArchiveOutputStream out)
                throws IOException {
            String name = e.getName();
            if (name.equals("manifest.json") || name.equals("index.json") || name.equals("oci-layout")
                    || name.equals("repositories")) {
                // a new manifest.json ends the archive; an OCI index or the repositories file
                // would name the old config
                if (name.equals("manifest.json")) {
                    documents.put(name, in.readAllBytes());
                }
                return;
            }
            if (!e.isFile()) {
                out.putArchiveEntry(e);
                out.closeArchiveEntry();
                return;
            }
            String base = name.substring(name.lastIndexOf('/') + 1);
            String stem = base.endsWith(".tar") ? base.substring(0, base.length() - 4) : base;
            BufferedInputStream content = new BufferedInputStream(in);
            content.mark(1);
            int first = content.read();
            content.reset();
            if (parents.contains(stem)) {
                pass(e, content, out); // a base layer, named by its diff ID
            } else if ((first == '{' || first == '[') && e.getSize() <= 16 << 20) {
                documents.put(name, content.readAllBytes()); // the config, a layer's legacy json
            } else {
                // the top layer, or one of unknown identity: kept aside while its diff ID is worked out
                try (OutputStream copy = Files.newOutputStream(aside)) {
                    content.transferTo(copy);
                }
                if (!found && (stem.equals(topDiff) || LayerRewriter.diffId(aside).equals(topDiff))) {
                    found = true;
                    filterTop();
                    LoadPipe.write(out, name, dropped > 0 ? filtered : aside);
                } else {
                    LoadPipe.write(out, name, aside);
                }
            }
        }

        private void pass(TarArchiveEntry e, InputStream content, TarArchiveOutputStream out) throws IOException {
            TarArchiveEntry copy = new TarArchiveEntry(e.getName());
            copy.setSize(e.getSize());
            out.putArchiveEntry(copy);
            content.transferTo(out);
            out.closeArchiveEntry();
        }

        /** The top layer, kept aside, through the filter into a file. */
        private void filterTop() throws IOException {
            MessageDigest sha = LayerRewriter.sha256();
            try (InputStream plain = LayerRewriter.uncompressed(new BufferedInputStream(Files.newInputStream(aside)));
                 OutputStream to = new DigestOutputStream(Files.newOutputStream(filtered), sha)) {
                dropped = MountPointFilter.filter(plain, to, stubs);
            }
            topDigest = HexFormat.of().formatHex(sha.digest());
        }

        /** The config (with the new top diff ID once stubs went) and a manifest naming it. */
        private void finish(TarArchiveOutputStream out) throws IOException {
            byte[] manifestBytes = documents.get("manifest.json");
            if (manifestBytes == null) {
                throw new EngineException("the engine's image archive has no manifest.json");
            }
            JsonNode manifest = JsonTrees.read(manifestBytes);
            String configName = manifest.path(0).path("Config").asText();
            byte[] config = documents.get(configName);
            if (config == null) {
                throw new EngineException("the engine's image archive lacks its config " + configName);
            }
            for (var d : documents.entrySet()) {
                if (!d.getKey().equals("manifest.json") && !d.getKey().equals(configName)) {
                    LoadPipe.write(out, d.getKey(), d.getValue()); // a legacy layer's json, as it was
                }
            }
            ObjectNode entry = (ObjectNode) manifest.path(0).deepCopy();
            entry.putArray("RepoTags");
            byte[] newConfig = found && dropped > 0
                    ? LayerRewriter.withTopDiffId((ObjectNode) JsonTrees.read(config), diffIds.size(), topDigest)
                    : config; // nothing went: the same config, so the engine has the image already
            configDigest = ImageCommitter.sha256(newConfig);
            String newName = newConfig == config ? configName : configDigest + ".json";
            LoadPipe.write(out, newName, newConfig);
            entry.put("Config", newName);
            entry.remove("LayerSources");
            LoadPipe.write(out, "manifest.json", JsonTrees.bytes(JsonTrees.array().add(entry)));
        }
    }
}
