package dev.stagesh.fs;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * The on-disk form of one layer's index ({@link LayerChanges}): a magic number and version, the
 * layer's diff ID (so a file is never taken for another layer's, whatever its name), the entries
 * with each path front-coded against the one before (layer tars list siblings together, so most
 * of a path is shared), the whiteouts, and a CRC-32 of everything before it, so a truncated or
 * damaged file is refused rather than half read.
 */
public final class LayerIndexFormat {
    static final int MAGIC = 0x53534c49; // "SSLI"
    /** Bumped whenever the layout changes; files of another version are rebuilt, never read. */
    static final int VERSION = 1;
    private static final EntryType[] TYPES = EntryType.values();

    private LayerIndexFormat() {
    }

    /** Writes {@code changes} as the index of layer {@code diffId}; the stream is flushed, not closed. */
    public static void write(String diffId, LayerChanges changes, OutputStream target) throws IOException {
        CheckedOutputStream checked = new CheckedOutputStream(new BufferedOutputStream(target, 1 << 16), new CRC32());
        DataOutputStream out = new DataOutputStream(checked);
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        string(out, diffId);
        out.writeInt(changes.entries().size());
        byte[] previous = new byte[0];
        for (FileEntry e : changes.entries()) {
            byte[] path = e.path().getBytes(StandardCharsets.UTF_8);
            int shared = sharedPrefix(previous, path);
            out.writeInt(shared);
            out.writeInt(path.length - shared);
            out.write(path, shared, path.length - shared);
            previous = path;
            out.writeByte(e.type().ordinal());
            out.writeShort(e.mode());
            out.writeLong(e.uid());
            out.writeLong(e.gid());
            out.writeLong(e.size());
            out.writeLong(e.mtime().getEpochSecond());
            out.writeInt(e.mtime().getNano());
            out.writeBoolean(e.linkTarget() != null);
            if (e.linkTarget() != null) {
                string(out, e.linkTarget());
            }
            if (e.type().isDevice()) {
                out.writeInt(e.devMajor());
                out.writeInt(e.devMinor());
            }
        }
        strings(out, changes.deletions());
        strings(out, changes.opaqueDirectories());
        out.flush();
        long crc = checked.getChecksum().getValue();
        out.writeLong(crc);
        out.flush();
    }

    /**
     * Reads an index written by {@link #write} for layer {@code diffId}.
     *
     * @throws LayerIndexException when the stream is not such an index, is of another version or
     *                             layer, is truncated, or fails its checksum
     */
    public static LayerChanges read(String diffId, InputStream source) throws IOException {
        CheckedInputStream checked = new CheckedInputStream(new BufferedInputStream(source, 1 << 16), new CRC32());
        DataInputStream in = new DataInputStream(checked);
        try {
            if (in.readInt() != MAGIC) {
                throw new LayerIndexException("not a layer index");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new LayerIndexException("layer index version " + version + ", expected " + VERSION);
            }
            String id = string(in);
            if (!id.equals(diffId)) {
                throw new LayerIndexException("the index is of layer " + id + ", not " + diffId);
            }
            int count = count(in);
            List<FileEntry> entries = new ArrayList<>(count);
            byte[] previous = new byte[0];
            for (int i = 0; i < count; i++) {
                int shared = in.readInt();
                int rest = in.readInt();
                if (shared < 0 || shared > previous.length || rest < 0 || rest > 1 << 20) {
                    throw new LayerIndexException("damaged layer index");
                }
                byte[] path = new byte[shared + rest];
                System.arraycopy(previous, 0, path, 0, shared);
                in.readFully(path, shared, rest);
                previous = path;
                int type = in.readUnsignedByte();
                if (type >= TYPES.length) {
                    throw new LayerIndexException("damaged layer index");
                }
                EntryType t = TYPES[type];
                int mode = in.readUnsignedShort();
                long uid = in.readLong();
                long gid = in.readLong();
                long size = in.readLong();
                Instant mtime = Instant.ofEpochSecond(in.readLong(), in.readInt());
                String link = in.readBoolean() ? string(in) : null;
                int major = t.isDevice() ? in.readInt() : 0;
                int minor = t.isDevice() ? in.readInt() : 0;
                entries.add(new FileEntry(new String(path, StandardCharsets.UTF_8), t, mode, uid, gid, size, mtime,
                        link, major, minor));
            }
            List<String> deletions = strings(in);
            List<String> opaque = strings(in);
            long expected = checked.getChecksum().getValue();
            if (in.readLong() != expected) {
                throw new LayerIndexException("layer index fails its checksum");
            }
            return new LayerChanges(entries, deletions, opaque);
        } catch (EOFException e) {
            throw new LayerIndexException("truncated layer index");
        } catch (IllegalArgumentException e) {
            throw new LayerIndexException("damaged layer index: " + e.getMessage());
        }
    }

    private static int sharedPrefix(byte[] a, byte[] b) {
        int n = Math.min(a.length, b.length);
        int i = 0;
        while (i < n && a[i] == b[i]) {
            i++;
        }
        return i;
    }

    private static int count(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 50_000_000) {
            throw new LayerIndexException("damaged layer index");
        }
        return n;
    }

    private static void string(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String string(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 1 << 20) {
            throw new LayerIndexException("damaged layer index");
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static void strings(DataOutputStream out, List<String> list) throws IOException {
        out.writeInt(list.size());
        for (String s : list) {
            string(out, s);
        }
    }

    private static List<String> strings(DataInputStream in) throws IOException {
        int n = count(in);
        List<String> out = new ArrayList<>(Math.min(n, 1 << 16));
        for (int i = 0; i < n; i++) {
            out.add(string(in));
        }
        return out;
    }

    /** An index file that must not be used: the caller rebuilds it from the layer. */
    public static final class LayerIndexException extends IOException {
        private static final long serialVersionUID = 1L;

        LayerIndexException(String message) {
            super(message);
        }
    }
}
