package dev.stagesh.dockerfile.checks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * A check result as the docker CLI prints it: the text of {@code docker build --check} and the JSON of
 * {@code docker buildx build --call=check,format=json}.
 */
public final class CheckReport {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Go's {@code json.MarshalIndent(v, "", "  ")}: two spaces, {@code "key": value}, one element per line. */
    private static final DefaultPrettyPrinter GO_INDENT = new DefaultPrettyPrinter(Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"));

    private CheckReport() {
    }

    /**
     * What {@code docker build --check} writes to stdout: the count, then each warning (by line) with the source
     * excerpt. The build error, if any, is {@link #errorText}'s (the CLI prints it to stderr).
     */
    public static String text(CheckResult result, String fileName, String source) {
        StringBuilder out = new StringBuilder();
        int n = result.warnings().size();
        if (n > 0) {
            out.append("Check complete, ").append(n == 1 ? "1 warning has been found!" : n
                    + " warnings have been found!").append('\n');
        }
        for (Finding f : result.sortedByLine()) {
            out.append("\nWARNING: ").append(f.rule().ruleName());
            if (!f.rule().url().isEmpty()) {
                out.append(" - ").append(f.rule().url());
            }
            out.append('\n').append(f.detail()).append('\n');
            excerpt(out, fileName, source, f.ranges());
        }
        if (result.buildError().isEmpty() && n == 0) {
            out.append("Check complete, no warnings found.\n");
        } else if (result.buildError().isPresent() && n > 0) {
            out.append('\n');
        }
        return out.toString();
    }

    /** The build error as the CLI reports it ({@code ERROR: message} and the excerpt), or "" when there is none. */
    public static String errorText(CheckResult result, String fileName, String source) {
        if (result.buildError().isEmpty()) {
            return "";
        }
        BuildError e = result.buildError().get();
        StringBuilder out = new StringBuilder("ERROR: ").append(e.message()).append('\n');
        excerpt(out, fileName, source, e.ranges());
        return out.toString();
    }

    /** BuildKit's {@code errdefs.Source.Print}: the lines with context around them, {@code >>>} marking them. */
    static void excerpt(StringBuilder out, String fileName, String source, List<LineRange> ranges) {
        if (ranges.isEmpty()) {
            return;
        }
        String[] lines = source.split("\n", -1);
        int start = ranges.stream().mapToInt(LineRange::start).min().orElse(0);
        int end = ranges.stream().mapToInt(r -> Math.max(r.start(), r.end())).max().orElse(0);
        if (start > lines.length || start < 1) {
            return;
        }
        end = Math.min(end, lines.length);
        int pad = end == start ? 4 : 2;
        int firstLine = start;
        int p = 0;
        while (p < pad) {
            if (start > 1) {
                start--;
                p++;
            }
            if (end != lines.length) {
                end++;
                p++;
            }
            p++;
        }
        out.append(fileName).append(':').append(firstLine).append("\n--------------------\n");
        for (int i = start; i <= end; i++) {
            final int line = i;
            boolean marked = ranges.stream().anyMatch(r -> r.contains(line));
            out.append(String.format(" %3d | %s %s", i, marked ? ">>>" : "   ", lines[i - 1])).append('\n');
        }
        out.append("--------------------\n");
    }

    /** The {@code --call=check,format=json} document: warnings, the source, and the build error if any. */
    public static String json(CheckResult result, String fileName, String source) {
        ObjectNode root = JSON.createObjectNode();
        if (result.warnings().isEmpty()) {
            // Go marshals buildx's empty (nil) slice as null
            root.putNull("warnings");
        }
        ArrayNode warnings = result.warnings().isEmpty() ? JSON.createArrayNode() : root.putArray("warnings");
        for (Finding f : result.warnings()) {
            ObjectNode w = warnings.addObject();
            w.put("ruleName", f.rule().ruleName());
            w.put("description", f.rule().description());
            if (!f.rule().url().isEmpty()) {
                w.put("url", f.rule().url());
            }
            w.put("detail", f.detail());
            location(w.putObject("location"), f.ranges());
        }
        ObjectNode src = root.putArray("sources").addObject();
        // BuildKit's SourceInfo also carries the LLB definition that loaded the file; stagesh has none to give
        src.put("filename", fileName);
        src.put("data", Base64.getEncoder().encodeToString(source.getBytes(StandardCharsets.UTF_8)));
        src.put("language", "Dockerfile");
        result.buildError().ifPresent(e -> {
            ObjectNode b = root.putObject("buildError");
            b.put("message", e.message());
            location(b.putObject("location"), e.ranges());
        });
        try {
            return JSON.writer(GO_INDENT).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree of strings always serialises", e);
        }
    }

    private static void location(ObjectNode location, List<LineRange> ranges) {
        if (ranges.isEmpty()) {
            return;
        }
        ArrayNode rs = location.putArray("ranges");
        for (LineRange r : ranges) {
            ObjectNode o = rs.addObject();
            o.putObject("start").put("line", r.start());
            o.putObject("end").put("line", r.end());
        }
    }
}
