package dev.stagesh.fs;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Reads one image layer as {@code docker save} stores it (a tar, or a gzip-compressed tar as
 * registries hand them out) into its {@link LayerChanges}, following the OCI/Docker whiteout
 * convention: an entry {@code DIR/.wh.NAME} deletes {@code DIR/NAME} from the layers below, and
 * {@code DIR/.wh..wh..opq} makes {@code DIR} opaque. Other {@code .wh..wh.} names are aufs
 * bookkeeping and are ignored.
 */
public final class LayerTar {

    static final String WHITEOUT = ".wh.";
    static final String OPAQUE = ".wh..wh..opq";
    private static final String AUFS_META = ".wh..wh.";

    private LayerTar() {
    }

    /** A layer's index and the digest of its uncompressed tar (its diff ID, when the tar is sound). */
    public record Hashed(LayerChanges changes, String digest) {}

    /** Reads a layer stream, not closing it. */
    public static LayerChanges read(InputStream layer) {
        return index(decompressed(layer));
    }

    /**
     * Reads a layer stream and hashes its uncompressed bytes to the end (the tar's zero blocks
     * included), so the caller can check it is the layer the image config names before keeping
     * its index.
     */
    public static Hashed readHashed(InputStream layer) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
        DigestInputStream hashed = new DigestInputStream(decompressed(layer), sha);
        LayerChanges changes = index(hashed);
        try {
            hashed.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw FsException.unreadable(e);
        }
        return new Hashed(changes, "sha256:" + HexFormat.of().formatHex(sha.digest()));
    }

    private static LayerChanges index(InputStream tar) {
        List<FileEntry> entries = new ArrayList<>();
        List<String> deletions = new ArrayList<>();
        List<String> opaque = new ArrayList<>();
        TarArchiveInputStream in = TarStreams.open(tar);
        for (TarArchiveEntry e = TarStreams.next(in); e != null; e = TarStreams.next(in)) {
            String path = FsPaths.fromTarName("/", e.getName());
            String name = FsPaths.name(path);
            String dir = FsPaths.parent(path);
            if (name.equals(OPAQUE)) {
                opaque.add(dir);
            } else if (name.startsWith(AUFS_META)) {
                continue;
            } else if (name.startsWith(WHITEOUT)) {
                deletions.add(FsPaths.child(dir, name.substring(WHITEOUT.length())));
            } else {
                entries.add(TarStreams.toFileEntry(e, "/"));
            }
        }
        return new LayerChanges(entries, deletions, opaque);
    }

    /** Sees through gzip by its magic number; anything else is taken as a plain tar. */
    static InputStream decompressed(InputStream in) {
        BufferedInputStream buffered = new BufferedInputStream(in);
        try {
            buffered.mark(4);
            int b1 = buffered.read();
            int b2 = buffered.read();
            int b3 = buffered.read();
            int b4 = buffered.read();
            buffered.reset();
            if (b1 == 0x1f && b2 == 0x8b) {
                return GzipCompressorInputStream.builder().setInputStream(buffered).setDecompressConcatenated(true).get();
            }
            if (b1 == 0x28 && b2 == 0xb5 && b3 == 0x2f && b4 == 0xfd) {
                throw new FsException("zstd-compressed layers are not supported; export the image with docker save");
            }
            return buffered;
        } catch (IOException e) {
            throw FsException.unreadable(e);
        }
    }
}
