package dev.stagesh.dockerfile.checks;

import dev.stagesh.dockerfile.Platform;
import dev.stagesh.dockerfile.Stage;
import dev.stagesh.dockerfile.instructions.ArgDecl;
import dev.stagesh.dockerfile.instructions.Instruction;
import dev.stagesh.dockerfile.parser.Node;
import dev.stagesh.dockerfile.shell.ShellLex;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The checks of FROM lines, which read the global ARG scope (BuildKit's {@code buildMetaArgs},
 * {@code validateBaseImagesWithDefaultArgs} and {@code buildDispatchStates}): InvalidDefaultArgInFrom,
 * UndefinedArgInFrom, RedundantTargetPlatform and FromPlatformFlagConstDisallowed, and the errors BuildKit stops
 * with there (a blank base name, a platform that does not parse).
 */
final class FromChecks {
    private final ShellLex lex;
    private final Lint lint;

    FromChecks(ShellLex lex, Lint lint) {
        this.lex = lex;
        this.lint = lint;
    }

    /**
     * BuildKit's {@code buildMetaArgs}: the global scope after the ARGs before the first FROM.
     *
     * @param declared receives every global ARG name, with or without a value
     */
    Map<String, String> metaArgs(Map<String, String> start, List<Instruction> metaArgs,
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
    void invalidDefaultArgInFrom(List<Stage> stages, Map<String, String> defaults,
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
    List<StageState> states(List<Stage> stages, Map<String, String> globals, Set<String> declared) {
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
}
