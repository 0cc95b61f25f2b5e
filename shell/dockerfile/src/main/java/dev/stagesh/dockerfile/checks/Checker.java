package dev.stagesh.dockerfile.checks;

import dev.stagesh.dockerfile.DockerfileException;
import dev.stagesh.dockerfile.Platform;
import dev.stagesh.dockerfile.Stage;
import dev.stagesh.dockerfile.instructions.ArgDecl;
import dev.stagesh.dockerfile.instructions.Instruction;
import dev.stagesh.dockerfile.instructions.InstructionParser;
import dev.stagesh.dockerfile.parser.DockerfileParser;
import dev.stagesh.dockerfile.parser.GoText;
import dev.stagesh.dockerfile.parser.Node;
import dev.stagesh.dockerfile.parser.ParsedFile;
import dev.stagesh.dockerfile.shell.ShellLex;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
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
        invalidDefaultArgInFrom(stages, defaults, metaArgs);
        Set<String> declared = new LinkedHashSet<>();
        Map<String, String> globals = metaArgs(defaults, metaArgs, options.buildArgs(), declared);

        List<StageState> states = fromChecks(stages, globals, declared);
        Set<StageState> reachable = dependencies(states);
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

    /**
     * BuildKit's {@code buildMetaArgs}: the global scope after the ARGs before the first FROM.
     *
     * @param declared receives every global ARG name, with or without a value
     */
    private Map<String, String> metaArgs(Map<String, String> start, List<Instruction> metaArgs,
                                         Map<String, String> overrides, Set<String> declared) {
        Map<String, String> env = new LinkedHashMap<>(start);
        for (Instruction ins : metaArgs) {
            for (ArgDecl d : ((Instruction.Arg) ins).args()) {
                String value;
                if (overrides.containsKey(d.name())) {
                    value = overrides.get(d.name());
                } else if (d.defaultValue() != null) {
                    Expansions.Result r = Expansions.process(lex, d.defaultValue(), env);
                    if (r.error() != null) {
                        throw new Stop(r.error().getMessage(), Lint.location(ins.node()));
                    }
                    value = r.word();
                } else {
                    value = null;
                }
                if (value != null) {
                    env.remove(d.name());
                    env.put(d.name(), value);
                }
                declared.add(d.name());
            }
        }
        return env;
    }

    /** InvalidDefaultArgInFrom: every base name must stay valid with the ARG defaults alone. */
    private void invalidDefaultArgInFrom(List<Stage> stages, Map<String, String> defaults,
                                         List<Instruction> metaArgs) {
        Map<String, String> args;
        try {
            args = metaArgs(defaults, metaArgs, Map.of(), new LinkedHashSet<>());
        } catch (Stop s) {
            // BuildKit abandons this check; the same error stops the build a moment later
            return;
        }
        for (Stage st : stages) {
            Expansions.Result r = Expansions.process(lex, st.from().image(), args);
            if (r.error() != null) {
                return;
            }
            if (!ImageReference.isValid(r.word())) {
                lint.report(Rule.INVALID_DEFAULT_ARG_IN_FROM, Lint.location(st.from().node()),
                        "Default value for ARG " + st.from().image() + " results in empty or invalid base image name");
            }
        }
    }

    /** BuildKit's {@code buildDispatchStates}: FROM expanded with the global scope, and the FROM checks. */
    private List<StageState> fromChecks(List<Stage> stages, Map<String, String> globals, Set<String> declared) {
        List<StageState> states = new ArrayList<>();
        Map<String, StageState> byName = new HashMap<>();
        Set<String> argKeys = new LinkedHashSet<>(declared);
        argKeys.addAll(globals.keySet());
        for (Stage st : stages) {
            Node node = st.from().node();
            List<LineRange> where = Lint.location(node);
            Lint here = lint.withComments(node.prevComments());
            Expansions.Result name = Expansions.process(lex, st.from().image(), globals);
            undefinedArgsInFrom(name.unmatched(), argKeys, where, here);
            if (name.error() != null) {
                throw new Stop(name.error().getMessage(), where);
            }
            if (name.word().isEmpty()) {
                throw new Stop("base name (" + st.from().image() + ") should not be blank", where);
            }
            Platform platform = null;
            String flag = st.from().platform();
            if (flag != null && !flag.isEmpty()) {
                Expansions.Result p = Expansions.process(lex, flag, globals);
                undefinedArgsInFrom(p.unmatched(), argKeys, where, here);
                redundantTargetPlatform(flag, p, globals, where, here);
                constPlatform(st.name(), p, where, here);
                if (p.error() != null) {
                    throw new Stop("failed to process arguments for platform " + flag + ": "
                            + p.error().getMessage(), where);
                }
                String hint = suggestion(p.unmatched(), globals.keySet());
                if (p.word().isEmpty()) {
                    throw new Stop("empty platform value from expression " + flag + hint, where);
                }
                String problem = PlatformSpec.problem(p.word());
                if (problem != null) {
                    throw new Stop("failed to parse platform " + flag + ": " + problem + hint, where);
                }
                platform = PlatformSpec.parse(p.word()).orElseThrow();
            }
            StageState state = new StageState(st, name.word(), platform, byName.get(name.word()));
            states.add(state);
            if (st.name() != null) {
                byName.put(st.name(), state);
            }
        }
        return states;
    }

    /** BuildKit's {@code wrapSuggestAny}: a hint for the first unset name that has a near match. */
    private static String suggestion(Set<String> unmatched, Set<String> options) {
        for (String name : unmatched) {
            String match = Suggest.search(name, options, true);
            if (!match.isEmpty()) {
                return " (did you mean " + match + "?)";
            }
        }
        return "";
    }

    private void undefinedArgsInFrom(Set<String> unmatched, Set<String> argKeys, List<LineRange> where, Lint here) {
        for (String arg : unmatched) {
            if (argKeys.contains(arg)) {
                continue;
            }
            String suggestion = Suggest.search(arg, argKeys, true);
            here.report(Rule.UNDEFINED_ARG_IN_FROM, where, "FROM argument '" + arg + "' is not declared"
                    + (suggestion.isEmpty() ? "" : " (did you mean " + suggestion + "?)"));
        }
    }

    private void redundantTargetPlatform(String flag, Expansions.Result p, Map<String, String> globals,
                                         List<LineRange> where, Lint here) {
        // only when $TARGETPLATFORM alone made the value: another variable could have expanded to ""
        if (p.matched().size() == 1 && p.unmatched().isEmpty() && p.matched().contains("TARGETPLATFORM")
                && p.word() != null && p.word().equals(globals.get("TARGETPLATFORM"))) {
            here.report(Rule.REDUNDANT_TARGET_PLATFORM, where, "Setting platform to predefined " + flag
                    + " in FROM is redundant as this is the default behavior");
        }
    }

    private void constPlatform(String stageName, Expansions.Result p, List<LineRange> where, Lint here) {
        if (!p.matched().isEmpty() || !p.unmatched().isEmpty() || p.word() == null) {
            return;
        }
        Optional<Platform> parsed = PlatformSpec.parse(p.word());
        if (parsed.isEmpty()) {
            return;
        }
        String name = stageName == null ? "" : stageName;
        // a stage named for its platform (build-arm64) pins it on purpose
        if (name.contains(parsed.get().os()) || name.contains(parsed.get().architecture())) {
            return;
        }
        here.report(Rule.FROM_PLATFORM_FLAG_CONST_DISALLOWED, where,
                "FROM --platform flag should not use constant value \"" + p.word() + "\"");
    }

    /**
     * Checks the stages {@code COPY --from} names (BuildKit's dependency graph) and returns the stages to dispatch:
     * all of them without {@code --target}, else those the target needs.
     */
    private Set<StageState> dependencies(List<StageState> states) {
        Map<String, StageState> byName = new HashMap<>();
        states.forEach(s -> {
            if (s.stage.name() != null) {
                byName.put(s.stage.name(), s);
            }
        });
        Map<StageState, Set<StageState>> deps = new HashMap<>();
        Map<StageState, Map<StageState, Node>> byCommand = new HashMap<>();
        for (StageState s : states) {
            Set<StageState> d = new LinkedHashSet<>();
            Map<StageState, Node> commands = new java.util.LinkedHashMap<>();
            byCommand.put(s, commands);
            if (s.base != null) {
                d.add(s.base);
            }
            for (Instruction ins : s.stage.instructions()) {
                if (ins instanceof Instruction.Copy c && c.from() != null) {
                    Expansions.Result r = Expansions.process(lex, c.from(), Map.of());
                    if (r.error() != null) {
                        throw new Stop(r.error().getMessage(), Lint.location(c.node()));
                    }
                    if (!r.word().equals(c.from())) {
                        throw new Stop("variable expansion is not supported for --from, define a new stage with "
                                + "FROM using ARG from global scope as a workaround", Lint.location(c.node()));
                    }
                    StageState src = stageRef(c.from(), states, byName, c.node());
                    if (src != null) {
                        d.add(src);
                        commands.put(src, c.node());
                    }
                } else if (ins instanceof Instruction.Run r) {
                    // a RUN --mount=from= needs that stage as well (BuildKit's detectRunMount)
                    for (var m : r.mounts()) {
                        StageState src = m.from() == null || m.from().isEmpty() ? null
                                : byName.get(m.from().toLowerCase(Locale.ROOT));
                        if (src != null) {
                            d.add(src);
                            commands.put(src, r.node());
                        }
                    }
                }
            }
            deps.put(s, d);
        }
        circular(states, byCommand);
        if (options.target() == null || options.target().isEmpty()) {
            return new LinkedHashSet<>(states);
        }
        StageState target = byName.get(options.target().toLowerCase(Locale.ROOT));
        if (target == null) {
            String suggestion = Suggest.search(options.target(), byName.keySet(), true);
            throw new Stop("target stage \"" + options.target() + "\" could not be found"
                    + (suggestion.isEmpty() ? "" : " (did you mean " + suggestion + "?)"), List.of());
        }
        Set<StageState> out = new LinkedHashSet<>();
        List<StageState> todo = new ArrayList<>(List.of(target));
        while (!todo.isEmpty()) {
            StageState s = todo.remove(todo.size() - 1);
            if (out.add(s)) {
                todo.addAll(deps.get(s));
            }
        }
        return out;
    }

    /** BuildKit's {@code validateCircularDependency}: a stage that needs itself through COPY/RUN --from. */
    private static void circular(List<StageState> states, Map<StageState, Map<StageState, Node>> byCommand) {
        Set<StageState> visited = new java.util.HashSet<>();
        for (StageState s : states) {
            List<Node> path = cycle(s, new ArrayList<>(), visited, new java.util.HashSet<>(), byCommand);
            if (path != null) {
                List<LineRange> where = new ArrayList<>();
                path.forEach(n -> where.addAll(Lint.location(n)));
                throw new Stop("circular dependency detected on stage: " + s.displayName(), where);
            }
        }
    }

    private static List<Node> cycle(StageState s, List<Node> current, Set<StageState> visited,
                                    Set<StageState> onPath, Map<StageState, Map<StageState, Node>> byCommand) {
        if (!visited.add(s)) {
            return null;
        }
        onPath.add(s);
        for (Map.Entry<StageState, Node> dep : byCommand.get(s).entrySet()) {
            List<Node> next = new ArrayList<>(current);
            next.add(dep.getValue());
            if (onPath.contains(dep.getKey())) {
                return next;
            }
            List<Node> found = cycle(dep.getKey(), next, visited, onPath, byCommand);
            if (found != null) {
                return found;
            }
        }
        onPath.remove(s);
        return null;
    }

    /** The stage {@code --from=ref} names, or null for an image. */
    static StageState stageRef(String ref, List<StageState> states, Map<String, StageState> byName, Node node) {
        if (!ref.isEmpty() && ref.chars().allMatch(ch -> ch >= '0' && ch <= '9') && ref.length() < 10) {
            int index = Integer.parseInt(ref);
            if (index >= states.size()) {
                throw new Stop("invalid stage index " + index, Lint.location(node));
            }
            return states.get(index);
        }
        return byName.get(ref.toLowerCase(Locale.ROOT));
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
