package dev.stagesh.dockerfile.checks;

import dev.stagesh.dockerfile.parser.Node;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Where checks report: the configuration in force (the file's, merged with a {@code # check=} comment right above
 * the instruction being checked) and the findings so far, which every derived {@code Lint} shares.
 */
final class Lint {
    private final CheckConfig config;
    private final Sink sink;

    private static final class Sink {
        final List<Finding> findings = new ArrayList<>();
        final Set<String> called = new LinkedHashSet<>();
    }

    Lint(CheckConfig config) {
        this(config, new Sink());
    }

    private Lint(CheckConfig config, Sink sink) {
        this.config = config;
        this.sink = sink;
    }

    /**
     * The configuration for an instruction with these comments above it: the first {@code check=} comment whose
     * options parse is merged in (BuildKit's {@code WithMergedConfigFromComments}).
     */
    Lint withComments(List<String> comments) {
        for (String comment : comments) {
            String value = checkDirective(comment);
            if (value == null) {
                continue;
            }
            int space = value.indexOf(' ');
            try {
                return new Lint(config.merged(CheckConfig.parse(space < 0 ? value : value.substring(0, space))),
                        sink);
            } catch (CheckConfig.InvalidOptionException e) {
                return this;
            }
        }
        return this;
    }

    /** The value of a {@code check = value} comment (the comment without its '#'), or null. */
    private static String checkDirective(String comment) {
        String s = comment.stripLeading();
        int i = 0;
        while (i < s.length() && (Character.isLetter(s.charAt(i)) && s.charAt(i) < 128
                || i > 0 && s.charAt(i) >= '0' && s.charAt(i) <= '9')) {
            i++;
        }
        if (i == 0 || !s.substring(0, i).toLowerCase(Locale.ROOT).equals("check")) {
            return null;
        }
        String rest = s.substring(i).stripLeading();
        if (!rest.startsWith("=")) {
            return null;
        }
        String value = rest.substring(1).strip();
        return value.isEmpty() ? null : value;
    }

    void report(Rule rule, List<LineRange> where, String detail) {
        if (!config.enabled(rule)) {
            return;
        }
        sink.called.add(rule.ruleName());
        sink.findings.add(new Finding(rule, detail, where));
    }

    List<Finding> findings() {
        return List.copyOf(sink.findings);
    }

    /** BuildKit's {@code Linter.Error}: under {@code error=true}, any finding fails the build. */
    BuildError violation() {
        if (!config.error() || sink.called.isEmpty()) {
            return null;
        }
        return new BuildError("lint violation found for rules: " + String.join(", ", sink.called), List.of());
    }

    /** One range per line of the node, as BuildKit's {@code Node.Location}. */
    static List<LineRange> location(Node node) {
        return lines(node.startLine(), node.endLine());
    }

    static List<LineRange> lines(int start, int end) {
        List<LineRange> out = new ArrayList<>();
        int last = Math.max(start, end);
        for (int i = start; i <= last; i++) {
            out.add(new LineRange(i, i));
        }
        return out;
    }
}
