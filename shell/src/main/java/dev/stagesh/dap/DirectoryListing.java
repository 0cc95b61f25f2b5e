package dev.stagesh.dap;

import dev.stagesh.fs.FsPaths;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * One directory of a snapshot, read from the engine's archive of it in one pass: its direct
 * children, and the text of those that are small text files (so the File Explorer can show a
 * file's contents as its value without another call). Deeper entries are skipped: the explorer
 * reads each directory when it is opened.
 */
public record DirectoryListing(String path, List<Child> children) {
    public DirectoryListing {
        children = List.copyOf(children);
    }

    public enum Kind { DIRECTORY, FILE, SYMLINK, HARDLINK, OTHER }

    /** @param text the contents when the file is small and text, else null */
    public record Child(String name, String path, Kind kind, long size, int mode, String linkTarget, String text) {}

    /**
     * Reads the archive of {@code dir} (its top entry is the directory itself, named by its base
     * name, as the engine's archive API gives it); files up to {@code maxText} bytes that are valid
     * UTF-8 without NUL bytes get their text.
     */
    public static DirectoryListing read(InputStream tar, String dir, int maxText) {
        String clean = FsPaths.normalize(dir);
        String parent = clean.equals("/") ? "/" : FsPaths.parent(clean);
        List<Child> out = new ArrayList<>();
        try {
            TarArchiveInputStream in = new TarArchiveInputStream(tar, StandardCharsets.UTF_8.name());
            for (TarArchiveEntry e = in.getNextTarEntry(); e != null; e = in.getNextTarEntry()) {
                String path = clean.equals("/") ? FsPaths.fromTarName("/", e.getName())
                        : FsPaths.fromTarName(parent, e.getName());
                if (path.equals(clean) || !FsPaths.parent(path).equals(clean)) {
                    continue;
                }
                Kind kind = e.isSymbolicLink() ? Kind.SYMLINK : e.isLink() ? Kind.HARDLINK
                        : e.isDirectory() ? Kind.DIRECTORY : e.isFile() ? Kind.FILE : Kind.OTHER;
                String text = null;
                if (kind == Kind.FILE && e.getSize() <= maxText) {
                    text = textOf(in.readNBytes((int) e.getSize()));
                }
                String link = kind == Kind.HARDLINK ? FsPaths.fromTarName(clean.equals("/") ? "/" : parent, e.getLinkName())
                        : kind == Kind.SYMLINK ? e.getLinkName() : null;
                out.add(new Child(FsPaths.name(path), path, kind, kind == Kind.FILE ? e.getSize() : 0,
                        e.getMode() & 07777, link, text));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the archive of " + dir, e);
        }
        out.sort(Comparator.comparing(Child::name));
        return new DirectoryListing(clean, out);
    }

    private static String textOf(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                return null;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
