package dev.stagesh.context;

import dev.stagesh.dockerfile.GoPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The rules of a {@code .dockerignore}: which context paths docker leaves out of the build context.
 *
 * <p>Matching follows docker (moby patternmatcher as used by BuildKit's file sync): patterns are tried in
 * order and the last one that applies decides; a pattern applies to a path when it matches the path or
 * applied to one of its parent directories (so excluding a directory excludes everything under it, and
 * {@code !dir/keep} after {@code dir} re-includes just that subtree). Immutable and thread-safe.
 */
public final class DockerIgnore {
    public static final String FILE_NAME = ".dockerignore";
    private static final DockerIgnore NONE = new DockerIgnore(List.of());

    private final List<IgnorePattern> patterns;
    private final boolean hasExceptions;
    private final boolean onlyLiteralExceptions;

    private DockerIgnore(List<IgnorePattern> patterns) {
        this.patterns = List.copyOf(patterns);
        this.hasExceptions = patterns.stream().anyMatch(IgnorePattern::exception);
        this.onlyLiteralExceptions = patterns.stream().filter(IgnorePattern::exception).allMatch(IgnorePattern::literal);
    }

    /** Rules that exclude nothing (a context without .dockerignore). */
    public static DockerIgnore none() {
        return NONE;
    }

    /** Reads {@code contextDir/.dockerignore}; a missing file means nothing is excluded. */
    public static DockerIgnore load(Path contextDir) {
        Path file = contextDir.resolve(FILE_NAME);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return NONE;
        } catch (IOException e) {
            throw new ContextException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return parse(text);
    }

    /**
     * The rules BuildKit uses for a given Dockerfile: {@code <name>.dockerignore} beside the Dockerfile (e.g.
     * {@code build/app.Dockerfile.dockerignore}) wins over the context's {@code .dockerignore}.
     */
    public static DockerIgnore loadFor(Path contextDir, Path dockerfile) {
        if (dockerfile != null && dockerfile.getFileName() != null) {
            Path specific = dockerfile.resolveSibling(dockerfile.getFileName() + FILE_NAME);
            if (Files.isRegularFile(specific)) {
                try {
                    return parse(Files.readString(specific, StandardCharsets.UTF_8),
                            specific.getFileName().toString());
                } catch (IOException e) {
                    throw new ContextException("cannot read " + specific + ": " + e.getMessage(), e);
                }
            }
        }
        return load(contextDir);
    }

    /** Parses .dockerignore text; errors name {@code .dockerignore:LINE}. */
    public static DockerIgnore parse(String text) {
        return parse(text, FILE_NAME);
    }

    /** Parses ignore-file text whose errors should name {@code origin:LINE}. */
    public static DockerIgnore parse(String text, String origin) {
        List<IgnorePattern> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String raw = lines[i];
            if (i == 0 && raw.startsWith("\uFEFF")) {
                raw = raw.substring(1); // editors on Windows like to start files with a BOM; docker drops it
            }
            // docker tests for comments before trimming: " # x" is a pattern, "# x" is not
            if (raw.startsWith("#")) {
                continue;
            }
            IgnorePattern p = parseLine(raw, i + 1, origin);
            if (p != null) {
                out.add(p);
            }
        }
        return new DockerIgnore(out);
    }

    /**
     * Patterns given one by one, as COPY {@code --exclude=} values are. They get the same cleaning as
     * file lines but no comment handling.
     */
    public static DockerIgnore ofPatterns(List<String> patterns, String origin) {
        List<IgnorePattern> out = new ArrayList<>();
        for (int i = 0; i < patterns.size(); i++) {
            IgnorePattern p = parseLine(patterns.get(i), i + 1, origin);
            if (p != null) {
                out.add(p);
            }
        }
        return new DockerIgnore(out);
    }

    private static IgnorePattern parseLine(String raw, int line, String origin) {
        String text = goTrimSpace(raw);
        if (text.isEmpty()) {
            return null;
        }
        boolean exception = text.charAt(0) == '!';
        if (exception) {
            text = goTrimSpace(text.substring(1));
            if (text.isEmpty()) {
                throw new ContextException(origin + ":" + line + ": illegal exclusion pattern: \"!\"");
            }
        }
        // patterns are relative to the context root whatever their spelling: "./a", "/a" and "a//" are all "a"
        text = GoPaths.clean(text);
        if (text.length() > 1 && text.charAt(0) == '/') {
            text = text.substring(1);
        }
        try {
            return IgnorePattern.compile(text, exception, line);
        } catch (IllegalArgumentException e) {
            throw new ContextException(origin + ":" + line + ": syntax error in pattern \""
                    + (exception ? "!" : "") + text + "\"");
        }
    }

    /**
     * Go's strings.TrimSpace, which docker applies to every line: unlike String.strip() it also drops
     * U+0085 and U+00A0, which editors sometimes leave behind.
     */
    static String goTrimSpace(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isGoSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isGoSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isGoSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r') || c == '\u0085' || c == '\u00A0'
                || Character.getType(c) == Character.SPACE_SEPARATOR || c == '\u2028' || c == '\u2029';
    }

    /** The cleaned patterns in file order. */
    public List<IgnorePattern> patterns() {
        return patterns;
    }

    public boolean isEmpty() {
        return patterns.isEmpty();
    }

    /**
     * Whether docker would leave this context-relative, slash-separated path out of the context, looking at
     * the path alone. (A directory reported as excluded may still be sent as the parent of a re-included
     * file; {@link BuildContext#walk()} shows that.)
     */
    public boolean excluded(String relativePath) {
        String path = normalize(relativePath);
        if (path.isEmpty() || patterns.isEmpty()) {
            return false;
        }
        MatchState state = MatchState.ROOT;
        int from = 0;
        while (true) {
            int slash = path.indexOf('/', from);
            String prefix = slash < 0 ? path : path.substring(0, slash);
            state = state(prefix, state);
            if (slash < 0) {
                return state.excluded();
            }
            from = slash + 1;
        }
    }

    /** Cleans a caller's path to the form patterns are matched against ("" is the context root). */
    static String normalize(String relativePath) {
        String p = GoPaths.clean("/" + relativePath.replace('\\', '/'));
        return p.substring(1);
    }

    /**
     * What the rules say about {@code path}, given the state of its parent directory. Patterns that applied to
     * the parent apply to the child too; the others are tried on the child itself. Like docker, a pattern that
     * cannot change the outcome at its position is not tried, and so is not remembered for the children.
     */
    MatchState state(String path, MatchState parent) {
        if (patterns.isEmpty()) {
            return MatchState.ROOT;
        }
        boolean matched = false;
        BitSet applied = new BitSet(patterns.size());
        for (int i = 0; i < patterns.size(); i++) {
            IgnorePattern p = patterns.get(i);
            boolean match = parent.applied() != null && parent.applied().get(i);
            if (!match) {
                if (p.exception() != matched) {
                    continue;
                }
                match = p.matches(path);
            }
            if (match) {
                applied.set(i);
                matched = !p.exception();
            }
        }
        return new MatchState(matched, applied);
    }

    /**
     * Whether anything below an excluded directory could be re-included, i.e. whether a walk has to look
     * inside it. Docker skips such directories when every exception is a plain path outside them.
     */
    boolean mayReincludeBelow(String dir) {
        if (!hasExceptions) {
            return false;
        }
        if (!onlyLiteralExceptions) {
            return true;
        }
        String dirSlash = dir + "/";
        for (IgnorePattern p : patterns) {
            if (p.exception() && (p.pattern() + "/").startsWith(dirSlash)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return patterns.toString();
    }

    /**
     * The rules' verdict on one path plus which patterns applied to it, for its children to inherit
     * ({@code applied} is null when none did; never modified once built).
     */
    record MatchState(boolean excluded, BitSet applied) {
        static final MatchState ROOT = new MatchState(false, null);
    }
}
