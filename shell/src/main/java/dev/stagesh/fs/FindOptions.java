package dev.stagesh.fs;

import java.util.EnumSet;
import java.util.Set;

/**
 * The {@code find} tests stagesh supports, all optional and ANDed as find does.
 *
 * @param name     {@code -name GLOB} against the basename, or null
 * @param types    {@code -type} letters turned into entry types, or null for any
 * @param maxDepth {@code -maxdepth N}, or -1 for no limit
 */
public record FindOptions(Glob name, Set<EntryType> types, int maxDepth) {

    public static final FindOptions ALL = new FindOptions(null, null, -1);

    public FindOptions withName(String glob) {
        return new FindOptions(new Glob(glob), types, maxDepth);
    }

    /**
     * {@code -type} with find's letters: {@code f d l b c p}, or several separated by commas as GNU
     * find allows ({@code f,l}). A hard link is a regular file to find.
     */
    public FindOptions withType(String letters) {
        Set<EntryType> set = EnumSet.noneOf(EntryType.class);
        for (String letter : letters.split(",")) {
            switch (letter) {
                case "f" -> {
                    set.add(EntryType.FILE);
                    set.add(EntryType.HARDLINK);
                }
                case "d" -> set.add(EntryType.DIRECTORY);
                case "l" -> set.add(EntryType.SYMLINK);
                case "b" -> set.add(EntryType.BLOCK_DEVICE);
                case "c" -> set.add(EntryType.CHAR_DEVICE);
                case "p" -> set.add(EntryType.FIFO);
                default -> throw new FsException("Unknown argument to -type: " + letter);
            }
        }
        return new FindOptions(name, Set.copyOf(set), maxDepth);
    }

    public FindOptions withMaxDepth(int depth) {
        if (depth < 0) {
            throw new FsException("Expected a positive decimal integer argument to -maxdepth, but got '" + depth + "'");
        }
        return new FindOptions(name, types, depth);
    }

    boolean accepts(FileEntry e, String basename) {
        return (types == null || types.contains(e.type())) && (name == null || name.matches(basename));
    }
}
