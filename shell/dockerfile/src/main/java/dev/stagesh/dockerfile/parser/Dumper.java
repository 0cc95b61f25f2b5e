package dev.stagesh.dockerfile.parser;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders a parsed file the way BuildKit's {@code Node.Dump()} does (the {@code result} files of its parser tests):
 * one {@code (name ["--flags"] "arg" ...)} line per instruction, names lower-cased, strings quoted like Go's
 * {@code strconv.Quote}, followed by a final newline.
 */
public final class Dumper {
    private Dumper() {
    }

    public static String dump(ParsedFile file) {
        StringBuilder sb = new StringBuilder();
        for (Node n : file.instructions()) {
            sb.append('(').append(dump(n)).append(")\n");
        }
        return GoText.trimSpace(sb.toString()) + "\n";
    }

    /** One instruction, without the surrounding parentheses; ONBUILD chains render as nested s-expressions. */
    public static String dump(Node node) {
        List<Node> chain = new ArrayList<>();
        for (Node n = node; n != null; n = n.onbuildTrigger()) {
            chain.add(n);
        }
        // innermost first: each wrapper is "onbuild [flags] (inner)"
        String inner = own(chain.get(chain.size() - 1));
        for (int i = chain.size() - 2; i >= 0; i--) {
            inner = GoText.trimSpace(head(chain.get(i)) + " (" + inner + ")");
        }
        return inner;
    }

    private static String head(Node n) {
        StringBuilder sb = new StringBuilder(GoText.toLower(n.name()));
        if (!n.flags().isEmpty()) {
            sb.append(" [");
            for (int i = 0; i < n.flags().size(); i++) {
                if (i > 0) {
                    sb.append(' ');
                }
                sb.append(GoText.quote(n.flags().get(i)));
            }
            sb.append(']');
        }
        return sb.toString();
    }

    private static String own(Node n) {
        StringBuilder sb = new StringBuilder(head(n));
        for (String a : n.args()) {
            sb.append(' ').append(GoText.quote(a));
        }
        return GoText.trimSpace(sb.toString());
    }
}
