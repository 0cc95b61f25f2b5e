package dev.stagesh.fs;

import java.util.List;

/**
 * What one image layer does to the filesystem below it, read from its tar.
 *
 * @param entries           entries the layer writes (added or replaced; which one depends on the layers below)
 * @param deletions         paths its {@code .wh.NAME} whiteouts delete, with everything beneath them
 * @param opaqueDirectories directories whose lower contents its {@code .wh..wh..opq} markers hide;
 *                          the layer's own entries in them remain
 */
public record LayerChanges(List<FileEntry> entries, List<String> deletions, List<String> opaqueDirectories) {

    public LayerChanges {
        entries = List.copyOf(entries);
        deletions = List.copyOf(deletions);
        opaqueDirectories = List.copyOf(opaqueDirectories);
    }

    /** Bytes of file content the layer carries: what it adds to the image's size. */
    public long bytes() {
        return entries.stream().filter(e -> e.type() == EntryType.FILE).mapToLong(FileEntry::size).sum();
    }

    /** Regular files the layer writes. */
    public List<FileEntry> files() {
        return entries.stream().filter(e -> e.type() == EntryType.FILE).toList();
    }
}
