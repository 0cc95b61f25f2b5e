package dev.stagesh.context;

import dev.stagesh.dockerfile.GoPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns the source arguments of a COPY/ADD into the context objects they name, with docker's rules: paths are
 * relative to the context root (a leading '/' too), wildcards use Go's filepath.Match per path element,
 * ignored files do not exist, and nothing may lead out of the context — neither "../" nor a symlink.
 */
final class SourceResolver {
    /** Linux gives up after 40 links in one lookup; so do we, so a link loop is an error, not a hang. */
    private static final int MAX_LINKS = 40;

    private final Path root;
    private final DockerIgnore ignore;
    private final ContextWalker walker;

    SourceResolver(Path root, DockerIgnore ignore) {
        this.root = root;
        this.ignore = ignore;
        this.walker = new ContextWalker(root, ignore);
    }

    CopySources resolve(List<String> sources) {
        if (sources.isEmpty()) {
            throw new ContextException("COPY failed: no source files were specified");
        }
        List<CopySource> out = new ArrayList<>();
        boolean anyWildcard = false;
        for (String source : sources) {
            String path = contextPath(source);
            String pivot = pivotPrefix(source);
            if (GoGlob.hasMeta(path)) {
                anyWildcard = true;
                out.addAll(expand(source, path, pivot));
            } else {
                out.add(single(source, path, pivot, false));
            }
        }
        return new CopySources(out, anyWildcard);
    }

    /** The cleaned context-relative path a source names ("" = root); "../x" is refused, as docker refuses it. */
    private static String contextPath(String source) {
        String cleaned = GoPaths.clean(source);
        if (cleaned.startsWith("/")) {
            // "/x" means the context's x; ".." cannot climb above that root
            return cleaned.substring(1);
        }
        String inside = ContextPaths.inContext(cleaned);
        if (inside == null) {
            throw new ContextException("COPY failed: forbidden path outside the build context: " + source);
        }
        return inside;
    }

    /** For {@code --parents}: the part of the source before a "/./" pivot, whose elements are not kept. */
    private static String pivotPrefix(String source) {
        int at = source.indexOf("/./", 1);
        if (at < 0) {
            return "";
        }
        String before = GoPaths.clean(source.substring(0, at));
        if (before.startsWith("/")) {
            before = before.substring(1);
        }
        return before.equals(".") ? "" : before;
    }

    private List<CopySource> expand(String source, String pattern, String pivot) {
        try {
            GoGlob.validate(pattern);
        } catch (IllegalArgumentException e) {
            throw new ContextException("COPY failed: syntax error in pattern: " + source);
        }
        // only the literal leading directories need no matching; walk below them, as deep as the pattern goes
        String[] parts = pattern.split("/");
        int literal = 0;
        while (literal < parts.length - 1 && !GoGlob.hasMeta(parts[literal])) {
            literal++;
        }
        String base = String.join("/", Arrays.asList(parts).subList(0, literal));
        // the literal part may go through symlinks (BuildKit follows them, inside the context only)
        String resolvedBase = base.isEmpty() ? "" : followLinksOrNull(source, base);
        List<CopySource> out = new ArrayList<>();
        DockerIgnore.MatchState baseState = resolvedBase == null ? null : visibleState(resolvedBase);
        if (baseState != null && isDirectory(resolvedBase)) {
            for (ContextEntry e : walker.walk(resolvedBase, baseState, parts.length - literal)) {
                String logical = ContextPaths.join(base, ContextPaths.relativize(resolvedBase, e.path()));
                if (GoGlob.match(pattern, logical)) {
                    out.add(single(source, logical, pivot, true));
                }
            }
        }
        if (out.isEmpty()) {
            throw new ContextException("COPY failed: no source files were specified (nothing in the build context"
                    + " matches " + source + ")");
        }
        return out;
    }

    private boolean isDirectory(String rel) {
        return Files.isDirectory(file(rel), LinkOption.NOFOLLOW_LINKS);
    }

    /** One named source: follow symlinks (inside the context only) and collect a directory's contents. */
    private CopySource single(String source, String path, String pivot, boolean wildcard) {
        String resolved = followLinks(source, path);
        DockerIgnore.MatchState state = visibleState(resolved);
        ContextEntry target = state == null ? null : statOrNull(resolved);
        if (target == null) {
            throw notFound(source, path);
        }
        String parentsPath = ContextPaths.isWithin(path, pivot) ? ContextPaths.relativize(pivot, path) : path;
        if (target.isDirectory()) {
            List<ContextEntry> contents = walker.walk(resolved, state, Integer.MAX_VALUE);
            return new CopySource(source, path, parentsPath, target, contents, wildcard);
        }
        return new CopySource(source, path, parentsPath, target, List.of(), wildcard);
    }

    /** Like {@link #followLinks} but a missing path is null (a wildcard's base may simply not exist). */
    private String followLinksOrNull(String source, String path) {
        try {
            return followLinks(source, path);
        } catch (NotFound e) {
            return null;
        }
    }

    /**
     * The context path {@code path} leads to once every symlink on the way is followed (the last element too:
     * a symlink named as a source is copied as what it points to). Links are only followed inside the context;
     * one pointing out of it is an error, whatever its form.
     */
    private String followLinks(String source, String path) {
        String current = "";
        List<String> todo = new ArrayList<>(path.isEmpty() ? List.of() : List.of(path.split("/")));
        int links = 0;
        while (!todo.isEmpty()) {
            String name = todo.remove(0);
            String next = ContextPaths.join(current, name);
            Path file = file(next);
            if (!Files.isSymbolicLink(file)) {
                if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS) || visibleState(next) == null) {
                    throw notFound(source, path);
                }
                current = next;
                continue;
            }
            if (visibleState(next) == null) {
                throw notFound(source, path); // the link itself is ignored, so docker never sees it
            }
            if (++links > MAX_LINKS) {
                throw new ContextException("COPY failed: too many levels of symbolic links: " + source);
            }
            String target = readLink(file);
            String landed = landing(ContextPaths.parent(next), target);
            if (landed == null) {
                throw new ContextException("COPY failed: forbidden path outside the build context: " + source
                        + " (" + next + " -> " + target + ")");
            }
            List<String> rest = new ArrayList<>(landed.isEmpty() ? List.of() : List.of(landed.split("/")));
            rest.addAll(todo);
            todo = rest;
            current = "";
        }
        return current;
    }

    /** Where a link in {@code dir} with text {@code target} points, as a context path, or null if outside. */
    private String landing(String dir, String target) {
        if (target.startsWith("/")) {
            Path abs = Paths.get(target).normalize();
            if (!abs.startsWith(root)) {
                return null;
            }
            return root.relativize(abs).toString().replace('\\', '/');
        }
        return ContextPaths.inContext(GoPaths.clean(ContextPaths.join(dir, target)));
    }

    /**
     * The ignore state of a context path if docker would send it, else null. A path is sent when the rules
     * keep it, or when it is a directory holding something they keep; the ancestors decide first.
     */
    DockerIgnore.MatchState visibleState(String path) {
        DockerIgnore.MatchState state = DockerIgnore.MatchState.ROOT;
        if (path.isEmpty()) {
            return state;
        }
        String[] parts = path.split("/");
        String prefix = "";
        for (int i = 0; i < parts.length; i++) {
            prefix = ContextPaths.join(prefix, parts[i]);
            state = ignore.state(prefix, state);
            if (state.excluded()) {
                boolean last = i == parts.length - 1;
                if (!ignore.mayReincludeBelow(prefix)) {
                    return null; // docker does not even look inside
                }
                if (last && (!isDirectory(prefix) || walker.walk(prefix, state, Integer.MAX_VALUE).isEmpty())) {
                    return null;
                }
            }
        }
        return state;
    }

    private ContextEntry statOrNull(String rel) {
        try {
            return FileStat.stat(file(rel), rel.isEmpty() ? "." : rel);
        } catch (IOException e) {
            return null;
        }
    }

    private String readLink(Path file) {
        try {
            return Files.readSymbolicLink(file).toString();
        } catch (IOException e) {
            throw new ContextException("cannot read symlink " + file + ": " + ContextWalker.describe(e), e);
        }
    }

    private Path file(String rel) {
        return rel.isEmpty() ? root : root.resolve(rel);
    }

    private static ContextException notFound(String source, String path) {
        return new NotFound("COPY failed: file not found in build context or excluded by .dockerignore: stat "
                + (path.isEmpty() ? source : path) + ": file does not exist");
    }

    /** A missing (or ignored) source, told apart from escapes and loops where a wildcard needs to. */
    private static final class NotFound extends ContextException {
        NotFound(String message) {
            super(message);
        }
    }
}
