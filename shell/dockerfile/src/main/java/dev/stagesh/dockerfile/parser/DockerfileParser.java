package dev.stagesh.dockerfile.parser;

import dev.stagesh.dockerfile.DockerfileSyntaxException;
import dev.stagesh.dockerfile.DockerfileText;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses Dockerfile text into a {@link ParsedFile}, reproducing BuildKit's {@code parser.Parse}: line assembly with
 * continuations, comments and directives, per-instruction argument parsing, and heredoc bodies. Unknown instructions
 * and flags are accepted here, as BuildKit's parser accepts them; the typed layer rejects them.
 *
 * <p>Linear in the input size. A physical line longer than 65535 bytes is an error, as in BuildKit.
 */
public final class DockerfileParser {
    private static final String NO_INSTRUCTIONS = "file with no instructions";

    private DockerfileParser() {
    }

    /** Reads a file ({@link DockerfileText}) and parses it; its name is used in errors. */
    public static ParsedFile parse(Path file) {
        return parse(DockerfileText.read(file), file.toString());
    }

    /**
     * @param text     the Dockerfile
     * @param fileName name for error messages; null means "Dockerfile"
     * @throws DockerfileSyntaxException when BuildKit's parser would fail
     */
    public static ParsedFile parse(String text, String fileName) {
        if (text == null) {
            throw new DockerfileSyntaxException(NO_INSTRUCTIONS, fileName == null ? "Dockerfile" : fileName, 0, 0,
                    null);
        }
        return new Run(text, fileName == null ? "Dockerfile" : fileName).parse();
    }

    /** The state of one parse. */
    private static final class Run {
        private final String fileName;
        private final PhysicalLines lines;
        private final DirectiveParser directives = new DirectiveParser();
        private final List<Node> nodes = new ArrayList<>();
        private final List<String> warnings = new ArrayList<>();
        private final List<Integer> warningLines = new ArrayList<>();
        private List<String> comments = new ArrayList<>();

        Run(String text, String fileName) {
            this.fileName = fileName;
            this.lines = new PhysicalLines(text);
        }

        ParsedFile parse() {
            String raw;
            while ((raw = lines.next()) != null) {
                if (lines.number() == 1 && raw.startsWith("\uFEFF")) {
                    raw = raw.substring(1);
                }
                instruction(raw);
            }
            if (nodes.isEmpty()) {
                throw new DockerfileSyntaxException(NO_INSTRUCTIONS, fileName, Math.max(1, lines.number()), 0, null);
            }
            if (lines.tooLong()) {
                throw new DockerfileSyntaxException(
                        "dockerfile line greater than max allowed size of " + PhysicalLines.MAX_LINE_BYTES, fileName,
                        lines.number() + 1, 0, null);
            }
            return new ParsedFile(fileName, directives.escapeToken(), directives.directives(), nodes, warnings,
                    warningLines);
        }

        /** Handles one physical line that may start an instruction, plus its continuation and heredoc lines. */
        private void instruction(String raw) {
            int startLine = lines.number();
            String content = trimNewline(raw);
            boolean comment = isComment(raw);
            if (comment) {
                // BuildKit drops the first byte of the raw line (not of the trimmed one) before trimming
                String text = GoText.trimSpace(raw.substring(Math.min(1, raw.length())));
                if (text.isEmpty()) {
                    comments = new ArrayList<>();
                } else {
                    comments.add(text);
                }
            }
            String stripped = GoText.trimLeftSpace(content);
            int column = content.length() - stripped.length() + 1;
            boolean directive;
            try {
                directive = directives.offer(stripped);
            } catch (DockerfileSyntaxException e) {
                throw located(e, startLine, column, content);
            }
            if (directive && !comments.isEmpty()) {
                comments.remove(comments.size() - 1);
            }
            String piece = comment ? "" : stripped;
            String assembled = trimContinuation(piece, directives.escapeToken());
            boolean continues = assembled != null;
            if (!continues && piece.isEmpty()) {
                return;
            }
            StringBuilder line = new StringBuilder(continues ? assembled : piece);
            boolean emptyContinuation = false;
            String next;
            while (continues && (next = lines.next()) != null) {
                if (isComment(next)) {
                    continue;
                }
                String body = trimNewline(next);
                if (GoText.trimLeftSpace(body).isEmpty()) {
                    emptyContinuation = true;
                    continue;
                }
                String cut = trimContinuation(body, directives.escapeToken());
                continues = cut != null;
                line.append(continues ? cut : body);
            }
            String logical = line.toString();
            if (emptyContinuation) {
                warnings.add("Empty continuation line found in: " + logical);
                // BuildKit places the warning on the instruction's last line before any heredoc body
                warningLines.add(lines.number());
            }
            Node node;
            try {
                node = NodeFactory.fromLine(logical, directives.escapeToken(), comments);
            } catch (DockerfileSyntaxException e) {
                throw located(e, startLine, column, content);
            }
            List<Heredoc> heredocs = List.of();
            if (NodeFactory.canContainHeredoc(node) && logical.contains("<<")) {
                try {
                    heredocs = readHeredocs(HeredocScanner.fromLine(logical));
                } catch (DockerfileSyntaxException e) {
                    throw located(e, startLine, column, content);
                }
            }
            nodes.add(node.withPosition(startLine, lines.number(), column, heredocs));
            comments = new ArrayList<>();
        }

        private List<Heredoc> readHeredocs(List<Heredoc> opened) {
            List<Heredoc> done = new ArrayList<>(opened.size());
            for (Heredoc h : opened) {
                StringBuilder body = new StringBuilder();
                boolean terminated = false;
                String raw;
                while ((raw = lines.next()) != null) {
                    String candidate = trimNewline(raw);
                    if (h.chomp()) {
                        candidate = trimLeadingTabs(candidate);
                    }
                    if (candidate.equals(h.name())) {
                        terminated = true;
                        break;
                    }
                    body.append(raw);
                }
                if (!terminated) {
                    throw new DockerfileSyntaxException("unterminated heredoc");
                }
                done.add(h.withContent(body.toString()));
            }
            return done;
        }

        private DockerfileSyntaxException located(DockerfileSyntaxException e, int line, int column,
                                                  String source) {
            return new DockerfileSyntaxException(e.getMessage(), fileName, line, column, source);
        }
    }

    /**
     * Parses one word as a heredoc opener ({@code <<EOF}, {@code <<-'EOF'}, {@code 3<<EOF}); null if it is not one.
     * The typed layer uses it to tell heredoc sources of COPY/ADD from paths.
     */
    public static Heredoc heredocWord(String word) {
        return HeredocScanner.parseWord(word);
    }

    /** Removes trailing {@code \r} and {@code \n} characters (any mix). */
    static String trimNewline(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
            end--;
        }
        return end == s.length() ? s : s.substring(0, end);
    }

    private static String trimLeadingTabs(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) == '\t') {
            i++;
        }
        return s.substring(i);
    }

    static boolean isComment(String line) {
        String t = GoText.trimLeftSpace(line);
        return !t.isEmpty() && t.charAt(0) == '#';
    }

    /**
     * BuildKit's continuation test {@code ([^E])E[ \t]*$|^E[ \t]*$} for escape token E: if the line continues,
     * returns it with the escape token and trailing blanks removed; otherwise null. An escape token preceded by
     * another one ({@code foo\\}, also {@code foo \\\}) does not continue the line.
     */
    static String trimContinuation(String line, char escape) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
            end--;
        }
        if (end == 0 || line.charAt(end - 1) != escape) {
            return null;
        }
        if (end >= 2 && line.charAt(end - 2) == escape) {
            return null;
        }
        return line.substring(0, end - 1);
    }
}
