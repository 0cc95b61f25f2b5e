package dev.stagesh.fs;

/**
 * Flags of {@code tree}.
 *
 * @param maxDepth {@code -L N}: levels below the root to show; 0 means no limit
 * @param all      {@code -a}: include dot files
 */
public record TreeOptions(int maxDepth, boolean all) {

    public static final TreeOptions DEFAULT = new TreeOptions(0, false);

    public TreeOptions {
        if (maxDepth < 0) {
            throw new FsException("tree: Invalid level, must be greater than 0.");
        }
    }

    public static TreeOptions levels(int maxDepth) {
        return new TreeOptions(maxDepth, false);
    }
}
