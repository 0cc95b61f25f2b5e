package dev.stagesh.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * {@code docker save} archives of a two-layer image for the engine package's tests, in the layouts
 * the engines stream: Docker's legacy one (layers under {@code V1ID/layer.tar}, which say nothing
 * of their diff ID) and Podman's (layers named {@code DIFFIDHEX.tar}).
 */
final class SavedImages {
    private SavedImages() {}

    /** A layer tar built entry by entry: a name ending in '/' is a directory (mtime 1), else a file. */
    static byte[] layer(String... nameThenContent) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
            for (int i = 0; i < nameThenContent.length; i += 2) {
                TarArchiveEntry e = new TarArchiveEntry(nameThenContent[i]);
                e.setModTime(1000L * 1_700_000_000L);
                byte[] content = nameThenContent[i + 1].getBytes(StandardCharsets.UTF_8);
                if (!e.isDirectory()) {
                    e.setSize(content.length);
                }
                out.putArchiveEntry(e);
                if (!e.isDirectory()) {
                    out.write(content);
                }
                out.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static String diffId(byte[] layer) {
        return "sha256:" + hex(layer);
    }

    static String hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The image's config: its two layers, a label, two history entries. */
    static byte[] config(byte[] base, byte[] top) {
        return ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Labels\":{\"stagesh.session\":\"s1\"}},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + diffId(base) + "\",\"" + diffId(top) + "\"]},"
                + "\"history\":[{\"created_by\":\"ADD rootfs.tar /\"},{\"created_by\":\"RUN x\"}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Docker 20.10's layout, folders in the order their names sort (the base's first here): each
     * layer's legacy json before it, the top one's holding the image's config.
     */
    static byte[] legacy(byte[] base, byte[] top) {
        return legacy(base, top, true);
    }

    /** As above; {@code topJsonHasConfig} false gives a top json without the config, as no Docker writes it. */
    static byte[] legacy(byte[] base, byte[] top, boolean topJsonHasConfig) {
        byte[] config = config(base, top);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("0base/json", utf8("{\"id\":\"0base\",\"container_config\":{\"Cmd\":null}}"));
        files.put("0base/layer.tar", base);
        files.put("1top/json", utf8("{\"id\":\"1top\",\"parent\":\"0base\""
                + (topJsonHasConfig ? ",\"config\":{\"Cmd\":[\"sh\"]}}" : "}")));
        files.put("1top/layer.tar", top);
        files.put(hex(config) + ".json", config);
        files.put("manifest.json", utf8("[{\"Config\":\"" + hex(config) + ".json\",\"RepoTags\":null,"
                + "\"Layers\":[\"0base/layer.tar\",\"1top/layer.tar\"]}]"));
        return TestTars.of(files);
    }

    /** Podman's layout: layers first, named by diff ID, then the config and the manifest. */
    static byte[] podman(byte[] base, byte[] top) {
        byte[] config = config(base, top);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(hex(base) + ".tar", base);
        files.put(hex(top) + ".tar", top);
        files.put(hex(config) + ".json", config);
        files.put("manifest.json", utf8("[{\"Config\":\"" + hex(config) + ".json\",\"RepoTags\":null,"
                + "\"Layers\":[\"" + hex(base) + ".tar\",\"" + hex(top) + ".tar\"]}]"));
        files.put("repositories", utf8("{}"));
        return TestTars.of(files);
    }

    /** Adds the image to the engine with the archive its save streams; returns its ID. */
    static String add(FakeEngine engine, byte[] base, byte[] top, byte[] saved) {
        return engine.addImage(null, List.of(diffId(base), diffId(top)), Map.of("stagesh.session", "s1"), saved,
                List.of()).id();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
