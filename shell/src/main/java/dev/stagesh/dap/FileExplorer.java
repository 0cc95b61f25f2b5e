package dev.stagesh.dap;

import dev.stagesh.engine.SnapshotFiles;
import dev.stagesh.fs.FsException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.debug.Variable;

/**
 * The "File Explorer" scope: a snapshot's filesystem read through the engine's archive API (so
 * it works on failed steps' states and scratch images, and never runs anything), one directory
 * at a time, when the editor opens it. A small text file's value is its contents.
 */
final class FileExplorer {
    /** Files up to this size show their text as their value; larger ones show their size. */
    static final int MAX_TEXT = 4096;

    private final SnapshotFiles files;
    private final VariableStore store;

    FileExplorer(SnapshotFiles files, VariableStore store) {
        this.files = files;
        this.store = store;
    }

    List<Variable> list(String dir) {
        DirectoryListing listing;
        try (InputStream tar = files.open(dir)) {
            listing = DirectoryListing.read(tar, dir, MAX_TEXT);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        }
        List<Variable> out = new ArrayList<>();
        for (DirectoryListing.Child c : listing.children()) {
            out.add(switch (c.kind()) {
                case DIRECTORY -> withType(VariableStore.node(c.name() + "/", mode(c), store.add(() -> list(c.path()))), "directory");
                case SYMLINK -> withType(VariableStore.node(c.name(), "-> " + c.linkTarget(), store.add(() -> follow(c.path()))), "symlink");
                case FILE -> withType(VariableStore.leaf(c.name(), c.text() != null ? c.text() : c.size() + " bytes"), "file");
                case HARDLINK -> withType(VariableStore.leaf(c.name(), "hard link to " + c.linkTarget()), "file");
                case OTHER -> withType(VariableStore.leaf(c.name(), "special file"), "other");
            });
        }
        return out;
    }

    /** A symlink opened: the directory it leads to; a file or a dangling link shows where it leads. */
    private List<Variable> follow(String path) {
        try {
            String real = files.follow(path);
            List<Variable> children = list(real);
            return children.isEmpty() ? List.of(VariableStore.leaf("target", real)) : children;
        } catch (FsException e) {
            return List.of(VariableStore.leaf("target", e.getMessage()));
        }
    }

    private static String mode(DirectoryListing.Child c) {
        return String.format("directory %04o", c.mode());
    }

    private static Variable withType(Variable v, String type) {
        v.setType(type);
        return v;
    }
}
