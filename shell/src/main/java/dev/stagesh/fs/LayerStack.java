package dev.stagesh.fs;

import java.util.List;

/**
 * The filesystem an image shows after a number of its layers, built by applying each layer's
 * whiteouts, then its entries, over the ones below: the snapshot at a build step without exporting
 * a container. The tree's parent path is {@code /}.
 */
public final class LayerStack {

    private LayerStack() {
    }

    public static FileTree tree(List<LayerChanges> layers) {
        FileTree.Builder stack = FileTree.builder();
        for (LayerChanges layer : layers) {
            apply(stack, layer);
        }
        return stack.build("/");
    }

    /** Applies one layer on top of {@code stack}. */
    public static void apply(FileTree.Builder stack, LayerChanges layer) {
        for (String dir : layer.opaqueDirectories()) {
            stack.clear(dir);
        }
        for (String path : layer.deletions()) {
            stack.remove(path);
        }
        for (FileEntry e : layer.entries()) {
            stack.add(e);
        }
    }
}
