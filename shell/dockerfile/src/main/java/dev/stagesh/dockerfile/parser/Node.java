package dev.stagesh.dockerfile.parser;

import java.util.List;
import java.util.Objects;

/**
 * One instruction of the raw syntax tree. Immutable.
 *
 * <p>{@link #args()} are the argument strings exactly as BuildKit's {@code Dump} prints them: unexpanded, quotes and
 * escapes kept except where JSON decoding removed them. For ENV and LABEL they are key/value/separator triples
 * ({@code "="} for {@code k=v}, {@code ""} for the legacy {@code ENV k v}). For ONBUILD the args are empty and the
 * wrapped instruction is {@link #onbuildTrigger()}.
 */
public final class Node {
    private final String name;
    private final String original;
    private final List<String> flags;
    private final List<String> args;
    private final boolean jsonForm;
    private final int startLine;
    private final int endLine;
    private final int column;
    private final List<Heredoc> heredocs;
    private final Node onbuildTrigger;
    private final List<String> prevComments;

    public Node(String name, String original, List<String> flags, List<String> args, boolean jsonForm,
                int startLine, int endLine, int column, List<Heredoc> heredocs, Node onbuildTrigger,
                List<String> prevComments) {
        this.name = Objects.requireNonNull(name, "name");
        this.original = Objects.requireNonNull(original, "original");
        this.flags = List.copyOf(flags);
        this.args = List.copyOf(args);
        this.jsonForm = jsonForm;
        this.startLine = startLine;
        this.endLine = endLine;
        this.column = column;
        this.heredocs = List.copyOf(heredocs);
        this.onbuildTrigger = onbuildTrigger;
        this.prevComments = List.copyOf(prevComments);
    }

    /** The instruction name as written, e.g. {@code run} or {@code RUN}. */
    public String name() {
        return name;
    }

    /** The upper-case instruction name (Unicode simple case mapping, as BuildKit's case-insensitive lookup). */
    public String keyword() {
        return GoText.toLower(name).toUpperCase(java.util.Locale.ROOT);
    }

    /** The assembled logical line: continuation pieces joined, comments and heredoc bodies excluded. */
    public String original() {
        return original;
    }

    /** Leading {@code --flags}, quotes and escapes removed (e.g. {@code --mount=type=cache,target=/x}). */
    public List<String> flags() {
        return flags;
    }

    public List<String> args() {
        return args;
    }

    /** True when the arguments were a JSON array (exec form). */
    public boolean jsonForm() {
        return jsonForm;
    }

    /** 1-based first line; 0 for an ONBUILD trigger, as in BuildKit. */
    public int startLine() {
        return startLine;
    }

    /** 1-based last line, including continuation, comment, blank and heredoc lines. */
    public int endLine() {
        return endLine;
    }

    /** 1-based column of the instruction name on its first line (0 for an ONBUILD trigger). */
    public int column() {
        return column;
    }

    public List<Heredoc> heredocs() {
        return heredocs;
    }

    /** For ONBUILD: the wrapped instruction; otherwise null. */
    public Node onbuildTrigger() {
        return onbuildTrigger;
    }

    /** Comment lines directly before this instruction, {@code #} and surrounding blanks removed. */
    public List<String> prevComments() {
        return prevComments;
    }

    /**
     * This ONBUILD trigger placed where its ONBUILD is (lines, column, heredocs), so that checks of the trigger
     * report a useful position.
     */
    public Node asTriggerOf(Node onbuild) {
        return new Node(name, original, flags, args, jsonForm, onbuild.startLine, onbuild.endLine, onbuild.column,
                onbuild.heredocs, onbuildTrigger, List.of());
    }

    Node withPosition(int newStart, int newEnd, int newColumn, List<Heredoc> newHeredocs) {
        return new Node(name, original, flags, args, jsonForm, newStart, newEnd, newColumn, newHeredocs,
                onbuildTrigger, prevComments);
    }

    @Override
    public String toString() {
        return "Node[" + startLine + "-" + endLine + ": " + original + "]";
    }
}
