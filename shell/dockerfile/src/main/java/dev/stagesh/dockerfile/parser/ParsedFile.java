package dev.stagesh.dockerfile.parser;

import java.util.List;
import java.util.Map;

/**
 * The raw syntax tree of one Dockerfile, as BuildKit's {@code parser.Parse} returns it.
 *
 * @param fileName     the name used in error messages (never null)
 * @param escapeToken  {@code \} or {@code `}
 * @param directives   parser directives by lower-case key ({@code syntax}, {@code escape}, {@code check}), in order
 * @param instructions one node per instruction, in file order
 * @param warnings     parser warnings, e.g. "Empty continuation line found in: ..."
 * @param warningLines the 1-based line each of {@code warnings} is reported at (the build check NoEmptyContinuation
 *                     points there)
 */
public record ParsedFile(String fileName, char escapeToken, Map<String, String> directives, List<Node> instructions,
                         List<String> warnings, List<Integer> warningLines) {
    public ParsedFile {
        directives = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(directives));
        instructions = List.copyOf(instructions);
        warnings = List.copyOf(warnings);
        warningLines = List.copyOf(warningLines);
    }

    /** First line of the first instruction (1-based). */
    public int startLine() {
        return instructions.isEmpty() ? 0 : instructions.get(0).startLine();
    }

    /** Last line of the last instruction, heredoc bodies and continuation lines included. */
    public int endLine() {
        return instructions.isEmpty() ? 0 : instructions.get(instructions.size() - 1).endLine();
    }
}
