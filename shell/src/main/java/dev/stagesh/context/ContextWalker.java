package dev.stagesh.context;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists what docker would send of a context directory: entries the ignore rules keep, in Go's walk order
 * (names sorted within each directory, a directory before its contents), plus the excluded directories
 * that must still be sent because something inside them is re-included by a {@code !} line.
 */
final class ContextWalker {
    private final Path root;
    private final DockerIgnore ignore;

    ContextWalker(Path root, DockerIgnore ignore) {
        this.root = root;
        this.ignore = ignore;
    }

    /**
     * Visible entries strictly below {@code start} ("" = the root), at most {@code maxDepth} levels deep.
     *
     * @param startState the ignore state of {@code start} itself, so the rules of its ancestors carry over
     */
    List<ContextEntry> walk(String start, DockerIgnore.MatchState startState, int maxDepth) {
        List<ContextEntry> out = new ArrayList<>();
        walkDir(start, startState, maxDepth, new ArrayList<>(), out);
        return out;
    }

    private void walkDir(String rel, DockerIgnore.MatchState state, int depthLeft, List<ContextEntry> pending,
                         List<ContextEntry> out) {
        if (depthLeft <= 0) {
            return;
        }
        Path dir = rel.isEmpty() ? root : root.resolve(rel);
        for (Path child : sortedChildren(dir)) {
            String childRel = ContextPaths.join(rel, child.getFileName().toString());
            ContextEntry entry = stat(child, childRel);
            if (entry == null) {
                continue;
            }
            DockerIgnore.MatchState childState = ignore.state(childRel, state);
            if (!childState.excluded()) {
                // an included entry brings along the excluded directories above it, as docker sends them too
                out.addAll(pending);
                pending.clear();
                out.add(entry);
                if (entry.isDirectory()) {
                    walkDir(childRel, childState, depthLeft - 1, pending, out);
                }
            } else if (entry.isDirectory() && ignore.mayReincludeBelow(childRel)) {
                pending.add(entry);
                walkDir(childRel, childState, depthLeft - 1, pending, out);
                if (!pending.isEmpty() && pending.get(pending.size() - 1) == entry) {
                    pending.remove(pending.size() - 1);
                }
            }
        }
    }

    private static List<Path> sortedChildren(Path dir) {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(children::add);
        } catch (IOException e) {
            throw new ContextException("cannot read build context directory " + dir + ": " + describe(e), e);
        }
        children.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        return children;
    }

    private static ContextEntry stat(Path file, String rel) {
        try {
            return FileStat.stat(file, rel);
        } catch (IOException e) {
            throw new ContextException("cannot read " + file + ": " + describe(e), e);
        }
    }

    static String describe(IOException e) {
        String msg = e.getMessage();
        return e.getClass().getSimpleName() + (msg == null ? "" : " " + msg);
    }
}
