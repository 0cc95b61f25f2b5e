package dev.stagesh.dockerfile;

import dev.stagesh.dockerfile.instructions.Instruction;
import dev.stagesh.dockerfile.instructions.InstructionParser;
import dev.stagesh.dockerfile.instructions.PortSpecs;
import dev.stagesh.dockerfile.parser.DockerfileParser;
import dev.stagesh.dockerfile.parser.Node;
import dev.stagesh.dockerfile.parser.ParsedFile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A parsed and type-checked Dockerfile: the syntax tree, the global ARGs before the first FROM, and the stages.
 * Every failure is a {@link DockerfileException} carrying file, line, column and the source line.
 */
public final class Dockerfile {
    private final ParsedFile syntax;
    private final List<Instruction> metaArgs;
    private final List<Stage> stages;
    private final SourceLines source;

    private Dockerfile(ParsedFile syntax, List<Instruction> metaArgs, List<Stage> stages, SourceLines source) {
        this.syntax = syntax;
        this.source = source;
        this.metaArgs = List.copyOf(metaArgs);
        this.stages = List.copyOf(stages);
    }

    public static Dockerfile load(Path file) {
        return parse(DockerfileText.read(file), file.toString());
    }

    /**
     * Parses and type-checks {@code text}.
     *
     * @param fileName used in error messages; null means "Dockerfile"
     */
    public static Dockerfile parse(String text, String fileName) {
        String name = fileName == null ? "Dockerfile" : fileName;
        SourceLines source = new SourceLines(text == null ? "" : text);
        try {
            return build(DockerfileParser.parse(text, name), source);
        } catch (DockerfileException e) {
            throw source.locate(e, name);
        } catch (RuntimeException | StackOverflowError e) {
            // a bug must still surface as the module's error type, with the cause kept for diagnosis
            throw new DockerfileException("internal error while parsing: " + e, name, 0, 0, null, e);
        }
    }

    private static Dockerfile build(ParsedFile syntax, SourceLines source) {
        List<Instruction> metaArgs = new ArrayList<>();
        List<Stage> stages = new ArrayList<>();
        Instruction.From currentFrom = null;
        List<Instruction> current = new ArrayList<>();
        for (Node node : syntax.instructions()) {
            Instruction ins = InstructionParser.parse(node);
            if (ins instanceof Instruction.Expose e) {
                // BuildKit refuses a port that is no port before the first step runs
                PortSpecs.checkLiterals(e);
            }
            if (ins instanceof Instruction.From f) {
                if (currentFrom != null) {
                    stages.add(new Stage(stages.size(), currentFrom.stageName(), currentFrom, current));
                }
                currentFrom = f;
                current = new ArrayList<>();
            } else if (currentFrom == null) {
                if (!(ins instanceof Instruction.Arg)) {
                    throw new DockerfileSyntaxException("no build stage in current context", null, node.startLine(),
                            node.column(), null);
                }
                metaArgs.add(ins);
            } else {
                current.add(ins);
            }
        }
        if (currentFrom != null) {
            stages.add(new Stage(stages.size(), currentFrom.stageName(), currentFrom, current));
        }
        if (stages.isEmpty()) {
            Node last = syntax.instructions().get(syntax.instructions().size() - 1);
            throw new DockerfileSyntaxException("no build stage in current context (the file has no FROM)", null,
                    last.startLine(), last.column(), null);
        }
        return new Dockerfile(syntax, metaArgs, stages, source);
    }

    /** Attaches this file's name and the offending source line to an error that has a line number. */
    DockerfileException locate(DockerfileException e) {
        return source.locate(e, fileName());
    }

    /** The text of a 1-based physical line (without line break), or null. */
    public String sourceLine(int line) {
        return source.line(line);
    }

    public ParsedFile syntax() {
        return syntax;
    }

    public String fileName() {
        return syntax.fileName();
    }

    public char escapeToken() {
        return syntax.escapeToken();
    }

    /** The ARG instructions before the first FROM (all {@link Instruction.Arg}). */
    public List<Instruction> metaArgs() {
        return metaArgs;
    }

    public List<Stage> stages() {
        return stages;
    }

    /**
     * A stage by name (case-insensitive) or by 0-based index. When a name is used twice the later stage wins, as in
     * BuildKit.
     *
     * @throws DockerfileException naming the unknown stage and the known ones
     */
    public Stage stage(String nameOrIndex) {
        String key = nameOrIndex == null ? "" : nameOrIndex.trim();
        for (int i = stages.size() - 1; i >= 0; i--) {
            Stage s = stages.get(i);
            if (s.name() != null && s.name().equals(key.toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        if (!key.isEmpty() && key.chars().allMatch(c -> c >= '0' && c <= '9') && key.length() < 10) {
            int idx = Integer.parseInt(key);
            if (idx < stages.size()) {
                return stages.get(idx);
            }
        }
        String known = stages.stream().map(Stage::displayName).collect(Collectors.joining(", "));
        throw new DockerfileException("unknown stage \"" + nameOrIndex + "\"; the stages are: " + known,
                fileName(), 0, 0, null);
    }

    /** The last stage: what a build without {@code --target} produces. */
    public Stage lastStage() {
        return stages.get(stages.size() - 1);
    }
}
