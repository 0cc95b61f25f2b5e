package dev.stagesh.context;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/** Builds small context trees in a temp directory, so each test states its files in one line each. */
final class Tree {
    final Path root;

    Tree(Path root) {
        this.root = root;
    }

    /** Creates files (content = their path) and, for names ending in '/', directories. */
    Tree with(String... paths) {
        for (String p : paths) {
            if (p.endsWith("/")) {
                dir(p);
            } else {
                file(p, p);
            }
        }
        return this;
    }

    Tree file(String path, String content) {
        try {
            Path f = root.resolve(path);
            Files.createDirectories(f.getParent());
            Files.writeString(f, content, StandardCharsets.UTF_8);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Tree dir(String path) {
        try {
            Files.createDirectories(root.resolve(path));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Tree link(String path, String target) {
        try {
            Path f = root.resolve(path);
            Files.createDirectories(f.getParent());
            Files.createSymbolicLink(f, Paths.get(target));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Tree mode(String path, String rwx) {
        try {
            Files.setPosixFilePermissions(root.resolve(path), PosixFilePermissions.fromString(rwx));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Tree mtime(String path, long millis) {
        try {
            Files.setLastModifiedTime(root.resolve(path), FileTime.fromMillis(millis));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Tree ignore(String... lines) {
        return file(".dockerignore", String.join("\n", lines) + "\n");
    }

    BuildContext context() {
        return BuildContext.open(root);
    }

    /** The walk of the context as a list of paths. */
    List<String> walk() {
        return context().walk().stream().map(ContextEntry::path).toList();
    }
}
