package dev.stagesh.dockerfile.checks;

import dev.stagesh.dockerfile.DockerfileException;
import dev.stagesh.dockerfile.Platform;
import dev.stagesh.dockerfile.Stage;
import dev.stagesh.dockerfile.instructions.Instruction;
import dev.stagesh.dockerfile.instructions.InstructionParser;
import dev.stagesh.dockerfile.parser.DockerfileParser;
import dev.stagesh.dockerfile.parser.GoText;
import dev.stagesh.dockerfile.parser.Node;
import dev.stagesh.dockerfile.parser.ParsedFile;
import dev.stagesh.dockerfile.shell.ShellLex;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs BuildKit's build checks over a Dockerfile without building it, in the order and with the semantics of
 * {@code docker build --check}: the parse-time checks, the stage-level ones, the FROM checks with the global ARG
 * scope, then each stage dispatched in file order with its variable scope ({@link Dispatch}). Where BuildKit would
 * stop with an error, the result carries it with the warnings found up to that point.
 */
public final class Checker {
    private static final String EMPTY_IMAGE = "scratch";

    private final String text;
    private final String fileName;
    private final CheckOptions options;
    private Lint lint;
    private ShellLex lex;

    private Checker(String text, String fileName, CheckOptions options) {
        this.text = text == null ? "" : text;
        this.fileName = fileName == null ? "Dockerfile" : fileName;
        this.options = options;
    }

    /** Checks {@code text}; never throws for a bad Dockerfile (that is the result's build error). */
    public static CheckResult check(String text, String fileName, CheckOptions options) {
        return new Checker(text, fileName, options).run();
    }

    private CheckResult run() {
        try {
            steps();
        } catch (Stop s) {
            return new CheckResult(lint == null ? List.of() : lint.findings(), Optional.of(s.error));
        }
        return new CheckResult(lint.findings(), Optional.ofNullable(lint.violation()));
    }

    private void steps() {
        if (text.isEmpty()) {
            throw new Stop("the Dockerfile cannot be empty", List.of());
        }
        CheckConfig config = config();
        ParsedFile parsed;
        try {
            parsed = DockerfileParser.parse(text, fileName);
        } catch (DockerfileException e) {
            throw new Stop(e.getMessage(), e.line() > 0 ? Lint.lines(e.line(), e.line()) : List.of());
        }
        lint = new Lint(config);
        lex = new ShellLex(parsed.escapeToken());
        for (int line : parsed.warningLines()) {
            lint.report(Rule.NO_EMPTY_CONTINUATION, List.of(new LineRange(line, line)), "Empty continuation line");
        }
        List<Instruction> metaArgs = new ArrayList<>();
        List<Stage> stages = stages(parsed, metaArgs);
        SyntaxChecks.stageNames(stages, lint);
        SyntaxChecks.commandCasing(stages, lint);

        Map<String, String> defaults = defaultArgs(stages);
        FromChecks from = new FromChecks(lex, lint);
        from.invalidDefaultArgInFrom(stages, defaults, metaArgs);
        Set<String> declared = new LinkedHashSet<>();
        Map<String, String> globals = from.metaArgs(defaults, metaArgs, options.buildArgs(), declared);

        List<StageState> states = from.states(stages, globals, declared);
        Set<StageState> reachable = StageDependencies.toDispatch(states, options.target(), lex);
        resolveBases(states, reachable);
        Dispatch dispatch = new Dispatch(lex, options, globals, lint);
        for (StageState s : states) {
            if (reachable.contains(s)) {
                dispatch.stage(s, states);
            }
        }
    }

    /** {@code BUILDKIT_DOCKERFILE_CHECK} replaces the {@code # check=} directive entirely, as in BuildKit. */
    private CheckConfig config() {
        String arg = options.buildArgs().get(CheckOptions.CHECK_BUILD_ARG);
        if (arg != null) {
            try {
                return CheckConfig.parse(arg);
            } catch (CheckConfig.InvalidOptionException e) {
                throw new Stop("failed to parse " + CheckOptions.CHECK_BUILD_ARG + ": " + e.getMessage(), List.of());
            }
        }
        String value;
        try {
            value = DockerfileParser.parse(text, fileName).directives().get("check");
        } catch (DockerfileException e) {
            return CheckConfig.DEFAULT;
        }
        if (value == null) {
            return CheckConfig.DEFAULT;
        }
        int space = value.indexOf(' ');
        try {
            return CheckConfig.parse(space < 0 ? value : value.substring(0, space));
        } catch (CheckConfig.InvalidOptionException e) {
            throw new Stop("failed to parse check options: " + e.getMessage(), List.of());
        }
    }

    /** BuildKit's {@code instructions.Parse}, with the checks it runs per node. */
    private List<Stage> stages(ParsedFile parsed, List<Instruction> metaArgs) {
        List<Stage> stages = new ArrayList<>();
        Instruction.From from = null;
        List<Instruction> current = new ArrayList<>();
        for (Node node : parsed.instructions()) {
            Lint here = lint.withComments(node.prevComments());
            SyntaxChecks.beforeParse(node, here);
            Instruction ins;
            try {
                ins = InstructionParser.parse(node);
            } catch (DockerfileException e) {
                throw new Stop("dockerfile parse error on line " + node.startLine() + ": " + e.getMessage(),
                        Lint.location(node));
            }
            SyntaxChecks.afterParse(ins, here);
            if (ins instanceof Instruction.From f) {
                if (from != null) {
                    stages.add(new Stage(stages.size(), from.stageName(), from, current));
                }
                from = f;
                current = new ArrayList<>();
            } else if (from == null) {
                if (!(ins instanceof Instruction.Arg)) {
                    throw new Stop("no build stage in current context", Lint.location(node));
                }
                metaArgs.add(ins);
            } else {
                current.add(ins);
            }
        }
        if (from == null) {
            throw new Stop("dockerfile contains no stages to build", List.of());
        }
        stages.add(new Stage(stages.size(), from.stageName(), from, current));
        return stages;
    }

    private Map<String, String> defaultArgs(List<Stage> stages) {
        Platform p = options.targetPlatform();
        String target = options.target() != null && !options.target().isEmpty() ? options.target()
                : stages.get(stages.size() - 1).name();
        Map<String, String> env = new LinkedHashMap<>();
        String[][] pairs = {
            {"BUILDPLATFORM", p.os() + "/" + p.architecture() + (p.variant().isEmpty() ? "" : "/" + p.variant())},
            {"BUILDOS", p.os()}, {"BUILDOSVERSION", ""}, {"BUILDARCH", p.architecture()},
            {"BUILDVARIANT", p.variant()}, {"TARGETPLATFORM", p.format()}, {"TARGETOS", p.os()},
            {"TARGETOSVERSION", ""}, {"TARGETARCH", p.architecture()}, {"TARGETVARIANT", p.variant()},
            {"TARGETSTAGE", target == null || target.isEmpty() ? "default" : target}};
        for (String[] kv : pairs) {
            env.put(kv[0], options.buildArgs().getOrDefault(kv[0], kv[1]));
        }
        return env;
    }

    /** Base images: their env and shell start a stage; InvalidBaseImagePlatform compares their platform. */
    private void resolveBases(List<StageState> states, Set<StageState> reachable) {
        List<StageState> images = new ArrayList<>();
        for (StageState s : states) {
            s.platform = s.platformFlag != null ? s.platformFlag : options.targetPlatform();
            if (s.base != null || s.baseName.equals(EMPTY_IMAGE) || !reachable.contains(s)) {
                continue;
            }
            // BuildKit resolves the bases in parallel and stops at the first error; a name that does not parse
            // fails at once, before any image answers
            String problem = ImageReference.problem(s.baseName);
            if (problem != null) {
                throw new Stop("failed to parse stage name " + GoText.quote(s.baseName) + ": " + problem,
                        Lint.location(s.stage.from().node()));
            }
            images.add(s);
        }
        for (StageState s : images) {
            List<LineRange> where = Lint.location(s.stage.from().node());
            Optional<BaseImages.Image> image = options.images().lookup(s.baseName, s.platform);
            if (image.isEmpty()) {
                continue;
            }
            BaseImages.Image img = image.get();
            img.env().forEach(kv -> {
                int eq = kv.indexOf('=');
                s.setEnv(eq < 0 ? kv : kv.substring(0, eq), eq < 0 ? "" : kv.substring(eq + 1));
            });
            s.shell = img.shell();
            Platform actual = img.platform();
            if (!actual.os().equals(s.platform.os()) || !actual.architecture().equals(s.platform.architecture())) {
                lint.report(Rule.INVALID_BASE_IMAGE_PLATFORM, where, "Base image " + s.baseName
                        + " was pulled with platform \"" + actual.format() + "\", expected \"" + s.platform.format()
                        + "\" for current build");
            }
        }
    }
}
