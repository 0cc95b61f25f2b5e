package dev.stagesh.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stagesh.docker.Engine;
import dev.stagesh.json.JsonTrees;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The engine cannot run a container without an image, so {@code FROM scratch} stands on an
 * image whose only layer is empty. It is loaded once, from a config written here, under a tag
 * named after that config's digest, and found again by the tag: the image's ID is the config's
 * digest only on some stores (the containerd store names an image by its manifest's digest),
 * so the ID used is the one the engine gives. Committing drops the empty layer again, so images
 * built from scratch come out exactly as docker build makes them.
 */
final class ScratchImage {

    private ScratchImage() {}

    static final String REPOSITORY = "stagesh-scratch";

    /** The engine's ID of the scratch image for the platform, loaded when the engine lacks it. */
    static String ensure(Engine engine, String os, String architecture) {
        byte[] config = config(os, architecture);
        String tag = tag(config);
        var found = engine.inspectImage(tag);
        if (found.isEmpty()) {
            engine.load(new ByteArrayInputStream(archive(config, tag)));
            found = engine.inspectImage(tag);
        }
        return found.orElseThrow(() -> new dev.stagesh.docker.EngineException("the engine at " + engine.where()
                + " did not keep the scratch image it loaded (" + tag + ")")).id();
    }

    static String tag(byte[] config) {
        return REPOSITORY + ":" + ImageCommitter.sha256(config).substring(0, 16);
    }

    static byte[] config(String os, String architecture) {
        ObjectNode c = JsonTrees.object();
        c.put("architecture", architecture);
        c.put("os", os);
        c.put("created", "1970-01-01T00:00:00Z");
        ObjectNode cfg = c.putObject("config");
        cfg.putObject("Labels").put(SessionId.SESSION, "toolbox").put(Toolbox.LABEL, "1");
        ObjectNode rootfs = c.putObject("rootfs");
        rootfs.put("type", "layers");
        rootfs.putArray("diff_ids").add(ImageCommitter.EMPTY_LAYER);
        c.putArray("history").addObject().put("created", "1970-01-01T00:00:00Z").put("created_by", "scratch");
        return JsonTrees.bytes(c);
    }

    static byte[] archive(byte[] config, String tag) {
        try {
            // two zero blocks: the end-of-archive marker alone, whose digest is EMPTY_LAYER
            byte[] emptyLayer = new byte[1024];
            String configName = ImageCommitter.sha256(config) + ".json";
            byte[] manifest = ("[{\"Config\":\"" + configName + "\",\"RepoTags\":[\"" + tag + "\"],\"Layers\":[\"empty/layer.tar\"]}]")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
                put(out, "empty/layer.tar", emptyLayer);
                put(out, configName, config);
                put(out, "manifest.json", manifest);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void put(TarArchiveOutputStream out, String name, byte[] data) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(data.length);
        out.putArchiveEntry(e);
        out.write(data);
        out.closeArchiveEntry();
    }
}
