package dev.stagesh.dockerfile.checks;

import dev.stagesh.dockerfile.DockerfileException;
import dev.stagesh.dockerfile.parser.GoText;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which checks run, and whether a warning fails the build: the value of {@code # check=} or of the
 * {@code BUILDKIT_DOCKERFILE_CHECK} build arg, e.g. {@code skip=JSONArgsRecommended,StageNameCasing;error=true}.
 */
public record CheckConfig(boolean skipAll, Set<String> skip, boolean experimentalAll, Set<String> experimental,
                          boolean error) {
    public static final CheckConfig DEFAULT = new CheckConfig(false, Set.of(), false, Set.of(), false);

    public CheckConfig {
        skip = Set.copyOf(skip);
        experimental = Set.copyOf(experimental);
    }

    /** A {@code # check=} value that BuildKit refuses; the message is BuildKit's. */
    public static final class InvalidOptionException extends DockerfileException {
        InvalidOptionException(String message) {
            super(message);
        }
    }

    /** Parses a check option string as BuildKit's {@code linter.ParseLintOptions} does. */
    public static CheckConfig parse(String text) {
        String s = GoText.trimSpace(text == null ? "" : text);
        if (s.isEmpty()) {
            return DEFAULT;
        }
        boolean skipAll = false;
        boolean experimentalAll = false;
        boolean error = false;
        Set<String> skip = new LinkedHashSet<>();
        Set<String> experimental = new LinkedHashSet<>();
        // Go's SplitN(s, ";", 3): a third part keeps any further ';'
        for (String part : splitN(s, ';', 3)) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                throw new InvalidOptionException("invalid check option \"" + part + "\"");
            }
            String key = GoText.trimSpace(part.substring(0, eq));
            String value = GoText.trimSpace(part.substring(eq + 1));
            switch (key) {
                case "skip" -> {
                    if (value.equals("all")) {
                        skipAll = true;
                    } else {
                        names(value, skip);
                    }
                }
                case "experimental" -> {
                    if (value.equals("all")) {
                        experimentalAll = true;
                    } else {
                        names(value, experimental);
                    }
                }
                case "error" -> error = parseBool(part, value);
                default -> throw new InvalidOptionException("invalid check option \"" + key + "\"");
            }
        }
        return new CheckConfig(skipAll, skip, experimentalAll, experimental, error);
    }

    private static void names(String value, Set<String> into) {
        for (String n : value.split(",", -1)) {
            into.add(GoText.trimSpace(n));
        }
    }

    private static boolean parseBool(String part, String value) {
        return switch (value) {
            case "1", "t", "T", "TRUE", "true", "True" -> true;
            case "0", "f", "F", "FALSE", "false", "False" -> false;
            default -> throw new InvalidOptionException("failed to parse check option \"" + part
                    + "\": strconv.ParseBool: parsing \"" + value + "\": invalid syntax");
        };
    }

    private static List<String> splitN(String s, char sep, int n) {
        List<String> out = new ArrayList<>();
        int from = 0;
        while (out.size() < n - 1) {
            int i = s.indexOf(sep, from);
            if (i < 0) {
                break;
            }
            out.add(s.substring(from, i));
            from = i + 1;
        }
        out.add(s.substring(from));
        return out;
    }

    /** This configuration with {@code other}'s skips, experiments and error flag added (BuildKit's merge). */
    public CheckConfig merged(CheckConfig other) {
        Set<String> s = new LinkedHashSet<>(skip);
        s.addAll(other.skip);
        Set<String> e = new LinkedHashSet<>(experimental);
        e.addAll(other.experimental);
        // as BuildKit's WithMergedConfig, a comment cannot change whether warnings are errors
        return new CheckConfig(skipAll || other.skipAll, s, experimentalAll || other.experimentalAll, e, error);
    }

    /** Whether {@code rule} runs under this configuration. */
    public boolean enabled(Rule rule) {
        if (rule.experimental()) {
            return experimentalAll || experimental.contains(rule.ruleName());
        }
        return !skipAll && !skip.contains(rule.ruleName());
    }
}
