package dev.stagesh.fs;

/**
 * What {@code stat(2)} would report for an entry, derived from the tree since a tar header carries
 * less: hard links take their target's size and count, directories the 4096 bytes ext4 and overlayfs
 * report, symlinks the length of their target, and blocks an estimate for 4 KiB filesystem blocks.
 *
 * @param inode   the entry whose metadata (mode, owner, mtime) applies: for a hard link the file it
 *                names, since both are one inode; otherwise the entry itself
 * @param type    the entry's type, with a hard link shown as the regular file it is
 * @param size    bytes as {@code ls -l} shows them
 * @param links   link count: 2 + subdirectories for a directory, 1 + hard links for a file
 * @param blocks  allocated 512-byte blocks, as {@code st_blocks}
 */
public record FileStat(FileEntry entry, FileEntry inode, EntryType type, long size, long links, long blocks) {

    /** Size of a directory on ext4 and overlayfs, the filesystems a Docker user is looking at. */
    public static final long DIRECTORY_SIZE = 4096;
    static final long BLOCK_SIZE = 4096;

    public String path() {
        return entry.path();
    }

    public int mode() {
        return inode.mode();
    }

    public long uid() {
        return inode.uid();
    }

    public long gid() {
        return inode.gid();
    }

    public java.time.Instant mtime() {
        return inode.mtime();
    }

    /** The ten-character mode string ls and stat print. */
    public String modeString() {
        return Modes.modeString(type, inode.mode());
    }

    /** Disk usage in 1 KiB units, what {@code ls}'s total line sums. */
    public long kilobytes() {
        return blocks / 2;
    }

    static long blocksFor(long size) {
        long fsBlocks = (size + BLOCK_SIZE - 1) / BLOCK_SIZE;
        return fsBlocks * (BLOCK_SIZE / 512);
    }
}
