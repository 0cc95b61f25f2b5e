package dev.stagesh.fs;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code tree} utility over a snapshot: box-drawing branches, names sorted in C order, dot files
 * hidden unless {@code -a}, and the closing {@code N directories, M files} count. As {@code tree}
 * does, a symlink is shown with its target, counted as a directory when it points at one, and not
 * descended into.
 */
public final class TreeView {

    private static final String BRANCH = "├── ";
    private static final String LAST = "└── ";
    private static final String PIPE = "│   ";
    private static final String SPACE = "    ";

    private final PathResolver resolver;

    public TreeView(PathResolver resolver) {
        this.resolver = resolver;
    }

    /** The listing for a root, with its counts; both renderings are made from it. */
    public record Listing(TreeNode root, int directories, int files) {
    }

    /** Text lines: the root as given, the branches, a blank line, then the counts. */
    public List<String> render(String path, TreeOptions opts) {
        Listing listing = list(path, opts);
        List<String> out = new ArrayList<>();
        TreeNode root = listing.root();
        if (root.contents() == null && !root.type().equals("directory")) {
            // what tree prints for an operand that is not a directory
            out.add(path + "  [error opening dir]");
        } else {
            out.add(path);
            lines(root.contents(), "", out);
        }
        out.add("");
        out.add(summary(listing.directories(), listing.files()));
        return out;
    }

    /**
     * The same listing as a nested structure for JSON.
     *
     * @throws FsException when {@code path} does not exist
     */
    public Listing list(String path, TreeOptions opts) {
        FileEntry start = resolver.resolve(path);
        if (!start.isDirectory()) {
            return new Listing(new TreeNode("file", path, null, null), 0, 0);
        }
        int[] counts = new int[2];
        List<TreeNode> contents = contents(start, 1, opts, counts);
        return new Listing(new TreeNode("directory", path, null, contents), counts[0], counts[1]);
    }

    private List<TreeNode> contents(FileEntry dir, int depth, TreeOptions opts, int[] counts) {
        List<TreeNode> nodes = new ArrayList<>();
        for (FileEntry child : resolver.tree().children(dir.path())) {
            if (!opts.all() && child.name().startsWith(".")) {
                continue;
            }
            nodes.add(node(child, depth, opts, counts));
        }
        return nodes;
    }

    private TreeNode node(FileEntry e, int depth, TreeOptions opts, int[] counts) {
        if (e.isDirectory()) {
            counts[0]++;
            boolean deeper = opts.maxDepth() == 0 || depth < opts.maxDepth();
            return new TreeNode("directory", e.name(), null, deeper ? contents(e, depth + 1, opts, counts) : null);
        }
        if (e.isSymlink()) {
            counts[pointsAtDirectory(e) ? 0 : 1]++;
            return new TreeNode("link", e.name(), e.linkTarget(), null);
        }
        counts[1]++;
        return new TreeNode("file", e.name(), null, null);
    }

    private boolean pointsAtDirectory(FileEntry link) {
        try {
            return resolver.resolve(link.path()).isDirectory();
        } catch (FsException dangling) {
            return false;
        }
    }

    private static void lines(List<TreeNode> nodes, String indent, List<String> out) {
        if (nodes == null) {
            return;
        }
        for (int i = 0; i < nodes.size(); i++) {
            TreeNode n = nodes.get(i);
            boolean last = i == nodes.size() - 1;
            String label = n.target() == null ? n.name() : n.name() + " -> " + n.target();
            out.add(indent + (last ? LAST : BRANCH) + label);
            lines(n.contents(), indent + (last ? SPACE : PIPE), out);
        }
    }

    static String summary(int directories, int files) {
        return directories + (directories == 1 ? " directory, " : " directories, ")
                + files + (files == 1 ? " file" : " files");
    }
}
