package dev.stagesh.fs;

import java.util.Set;

/**
 * One difference between two snapshots.
 *
 * @param before  the entry before, null when added
 * @param after   the entry after, null when removed
 * @param changed what differs, empty unless {@link Kind#CHANGED}
 */
public record DiffEntry(Kind kind, String path, FileEntry before, FileEntry after, Set<Attribute> changed) {

    public enum Kind {
        ADDED('A'), CHANGED('C'), REMOVED('D');

        private final char letter;

        Kind(char letter) {
            this.letter = letter;
        }

        /** The letter {@code docker diff} uses. */
        public char letter() {
            return letter;
        }
    }

    /**
     * The properties compared; a content change shows as SIZE or MTIME since a tar header has no hash.
     * ENTRIES: a directory gained or lost entries.
     */
    public enum Attribute { TYPE, MODE, OWNER, SIZE, LINK_TARGET, MTIME, ENTRIES }

    public DiffEntry {
        changed = Set.copyOf(changed);
    }

    /** The entry as it is now, or as it was for a removal. */
    public FileEntry entry() {
        return after != null ? after : before;
    }

    /** Bytes of the file as it is now, or as it was for a removal; 0 for non-files. */
    public long size() {
        return entry().size();
    }

    /** {@code A /path (1.2 kB)}: sizes for files, the target for symlinks, nothing for directories. */
    public String render() {
        FileEntry e = entry();
        String detail = switch (e.type()) {
            case FILE -> " (" + SizeFormat.si(e.size()) + ")";
            case SYMLINK -> " -> " + e.linkTarget();
            default -> "";
        };
        return kind.letter() + " " + path + detail;
    }
}
