package dev.stagesh.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stagesh.docker.Engine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The engine cannot run a container without an image, so {@code FROM scratch} stands on an
 * image whose only layer is empty. It is loaded once, from a config written here, so its id is
 * the same everywhere; committing drops the empty layer again, so images built from scratch
 * come out exactly as docker build makes them.
 */
final class ScratchImage {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ScratchImage() {}

    static String ensure(Engine engine, String os, String architecture) {
        byte[] config = config(os, architecture);
        String id = "sha256:" + ImageCommitter.sha256(config);
        if (engine.inspectImage(id).isEmpty()) {
            engine.load(new ByteArrayInputStream(archive(config)));
        }
        return id;
    }

    private static byte[] config(String os, String architecture) {
        ObjectNode c = JSON.createObjectNode();
        c.put("architecture", architecture);
        c.put("os", os);
        c.put("created", "1970-01-01T00:00:00Z");
        ObjectNode cfg = c.putObject("config");
        cfg.putObject("Labels").put(SessionId.SESSION, "toolbox").put(Toolbox.LABEL, "1");
        ObjectNode rootfs = c.putObject("rootfs");
        rootfs.put("type", "layers");
        rootfs.putArray("diff_ids").add(ImageCommitter.EMPTY_LAYER);
        c.putArray("history").addObject().put("created", "1970-01-01T00:00:00Z").put("created_by", "scratch");
        try {
            return JSON.writeValueAsBytes(c);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] archive(byte[] config) {
        try {
            // two zero blocks: the end-of-archive marker alone, whose digest is EMPTY_LAYER
            byte[] emptyLayer = new byte[1024];
            String configName = ImageCommitter.sha256(config) + ".json";
            byte[] manifest = ("[{\"Config\":\"" + configName + "\",\"RepoTags\":null,\"Layers\":[\"empty/layer.tar\"]}]")
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
