package dev.stagesh.dockerfile.checks;

import dev.stagesh.dockerfile.DockerfileException;
import dev.stagesh.dockerfile.instructions.ArgDecl;
import dev.stagesh.dockerfile.instructions.Instruction;
import dev.stagesh.dockerfile.instructions.InstructionParser;
import dev.stagesh.dockerfile.instructions.KeyValue;
import dev.stagesh.dockerfile.instructions.WordExpander;
import dev.stagesh.dockerfile.parser.GoText;
import dev.stagesh.dockerfile.parser.Heredoc;
import dev.stagesh.dockerfile.parser.Node;
import dev.stagesh.dockerfile.shell.ShellLex;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks BuildKit runs while dispatching a stage's instructions (dockerfile2llb's {@code dispatch}): UndefinedVar
 * on every word it expands, LegacyKeyValueFormat, SecretsUsedInArgOrEnv, WorkdirRelativePath, JSONArgsRecommended,
 * MultipleInstructionsDisallowed, the EXPOSE rules and CopyIgnoredFile.
 */
final class Dispatch {
    private static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    /** Build args BuildKit never puts in the environment, so never reports as undefined. */
    private static final Set<String> NON_ENV_ARGS = Set.of("BUILDKIT_SBOM_SCAN_CONTEXT", "BUILDKIT_SBOM_SCAN_STAGE");
    private static final Pattern SECRET = Pattern.compile(
            "(?i)(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)");
    private static final Pattern NOT_SECRET = Pattern.compile("(?i)(?:_|^)(?:public|file|version)(?:_|$)");

    private final ShellLex lex;
    /** Heredoc bodies of COPY/ADD expand with the default escape and quotes left alone, as BuildKit does. */
    private final ShellLex heredocLex = new ShellLex('\\', new ShellLex.Mode(false, false, false, true));
    private final CheckOptions options;
    private final Map<String, String> globals;
    private final Lint fileLint;

    Dispatch(ShellLex lex, CheckOptions options, Map<String, String> globals, Lint lint) {
        this.lex = lex;
        this.options = options;
        this.globals = globals;
        this.fileLint = lint;
    }

    void stage(StageState s, List<StageState> all) {
        List<Node> triggers = new ArrayList<>();
        if (s.base != null) {
            s.env.putAll(s.base.env);
            s.shell = s.base.shell;
            s.platform = s.base.platform;
            s.workdirSet = s.base.workdirSet;
            s.buildArgs.addAll(s.base.buildArgs);
            // the base stage's ONBUILD triggers run first, placed at this stage's FROM
            Node from = s.stage.from().node();
            for (Node onbuild : s.base.onbuildTriggers) {
                Node t = onbuild.onbuildTrigger();
                // the trigger keeps its heredocs (the ONBUILD's) but stands where this stage's FROM is
                triggers.add(new Node(t.name(), t.original(), t.flags(), t.args(), t.jsonForm(), from.startLine(),
                        from.endLine(), from.column(), onbuild.heredocs(), null, List.of()));
            }
        }
        s.dispatched = true;
        if (!s.env.containsKey("PATH") && !s.platform.os().equals("windows")) {
            s.setEnv("PATH", DEFAULT_PATH);
        }
        Map<String, StageState> byName = new HashMap<>();
        all.forEach(x -> {
            if (x.stage.name() != null) {
                byName.put(x.stage.name(), x);
            }
        });
        for (Node t : triggers) {
            Instruction ins;
            try {
                ins = InstructionParser.parse(t);
            } catch (DockerfileException e) {
                throw new Stop(e.getMessage(), Lint.location(t));
            }
            instruction(s, ins, fileLint, all, byName);
        }
        for (Instruction ins : s.stage.instructions()) {
            instruction(s, ins, fileLint.withComments(ins.node().prevComments()), all, byName);
        }
    }

    private void instruction(StageState s, Instruction ins, Lint lint, List<StageState> all,
                             Map<String, StageState> byName) {
        List<LineRange> where = Lint.location(ins.node());
        Instruction x = ins;
        if (!(ins instanceof Instruction.Arg)) {
            try {
                x = ins.expand(reporting(s, ins.node(), lint));
                heredocBodies(s, ins, lint);
            } catch (DockerfileException e) {
                throw new Stop(e.getMessage(), where);
            }
        }
        // Java 17 has no pattern switch: the other instructions (FROM, RUN, USER, MAINTAINER) need nothing beyond
        // the expansion above
        if (x instanceof Instruction.Env e) {
            List<String> seps = separators(ins.node());
            for (int i = 0; i < e.pairs().size(); i++) {
                KeyValue kv = e.pairs().get(i);
                legacyFormat(seps, i, "ENV", where, lint);
                secret("ENV", kv.key(), where, lint);
                s.setEnv(kv.key(), kv.value());
            }
        } else if (x instanceof Instruction.Label l) {
            List<String> seps = separators(ins.node());
            for (int i = 0; i < l.labels().size(); i++) {
                legacyFormat(seps, i, "LABEL", where, lint);
            }
        } else if (x instanceof Instruction.Workdir w) {
            if (!s.workdirSet && !isAbs(w.path(), s.platform.os())) {
                lint.report(Rule.WORKDIR_RELATIVE_PATH, where, "Relative workdir " + GoText.quote(w.path())
                        + " can have unexpected results if the base image changes");
            }
            s.workdirSet = true;
        } else if (x instanceof Instruction.Cmd c) {
            s.lastCmd = usedOnce(s.lastCmd, ins.node(), lint);
            jsonArgs(s, c.command().shellForm(), ins.node(), lint);
        } else if (x instanceof Instruction.Entrypoint c) {
            s.lastEntrypoint = usedOnce(s.lastEntrypoint, ins.node(), lint);
            jsonArgs(s, c.command().shellForm(), ins.node(), lint);
        } else if (x instanceof Instruction.Healthcheck) {
            s.lastHealthcheck = usedOnce(s.lastHealthcheck, ins.node(), lint);
        } else if (x instanceof Instruction.Shell sh) {
            s.shell = sh.shell();
        } else if (x instanceof Instruction.Expose) {
            for (String word : ((Instruction.Expose) ins).ports()) {
                Expansions.Result r = Expansions.process(lex, word, s.env);
                if (r.error() != null) {
                    throw new Stop(r.error().getMessage(), where);
                }
                for (String port : r.words()) {
                    Ports.check(port, where, lint);
                }
            }
        } else if (x instanceof Instruction.Arg a) {
            arg(s, a, lint);
        } else if (x instanceof Instruction.Copy c) {
            if (c.from() != null) {
                StageState src = StageDependencies.stageRef(c.from(), all, byName, ins.node());
                if (src != null && !src.dispatched) {
                    throw new Stop("cannot copy from stage " + GoText.quote(c.from())
                            + ", it needs to be defined before current stage " + GoText.quote(s.displayName()),
                            where);
                }
            } else {
                ignored("Copy", c.sources(), where, lint);
            }
        } else if (x instanceof Instruction.Add a) {
            ignored("Add", a.sources(), where, lint);
        } else if (x instanceof Instruction.Volume v) {
            if (v.volumes().contains("")) {
                throw new Stop("VOLUME specified can not be an empty string", where);
            }
        } else if (x instanceof Instruction.Stopsignal st && !Signals.valid(st.signal())) {
            throw new Stop("invalid signal: " + st.signal(), where);
        } else if (x instanceof Instruction.Onbuild o) {
            s.onbuildTriggers.add(o.node());
        }
    }

    /** An expander that reports, per word as BuildKit does, the variables it found unset (UndefinedVar). */
    private WordExpander reporting(StageState s, Node node, Lint lint) {
        return new WordExpander() {
            @Override
            public String expand(String word) {
                Expansions.Result r = Expansions.process(lex, word, s.env);
                undefined(s, r.unmatched(), node, lint);
                if (r.error() != null) {
                    throw r.error();
                }
                return r.word();
            }

            @Override
            public List<String> expandWords(String word) {
                // EXPOSE's words: BuildKit expands them without looking for undefined variables
                return lex.processWords(word, s.env::get);
            }
        };
    }

    private void heredocBodies(StageState s, Instruction ins, Lint lint) {
        List<String> sources;
        List<Heredoc> heredocs;
        if (ins instanceof Instruction.Copy c) {
            sources = c.sources();
            heredocs = c.heredocs();
        } else if (ins instanceof Instruction.Add a) {
            sources = a.sources();
            heredocs = a.heredocs();
        } else {
            return;
        }
        for (String src : sources) {
            Optional<Heredoc> h = ins instanceof Instruction.Copy c ? c.heredocSource(src)
                    : ((Instruction.Add) ins).heredocSource(src);
            if (h.isPresent() && h.get().expand() && heredocs.contains(h.get())) {
                Expansions.Result r = Expansions.process(heredocLex, h.get().chompedContent(), s.env);
                undefined(s, r.unmatched(), ins.node(), lint);
                if (r.error() != null) {
                    throw r.error();
                }
            }
        }
    }

    private void undefined(StageState s, Set<String> unmatched, Node node, Lint lint) {
        for (String name : unmatched) {
            if (s.buildArgs.contains(name) || NON_ENV_ARGS.contains(name)) {
                continue;
            }
            String suggestion = Suggest.search(name, s.env.keySet(), true);
            lint.report(Rule.UNDEFINED_VAR, Lint.location(node), "Usage of undefined variable '$" + name + "'"
                    + (suggestion.isEmpty() ? "" : " (did you mean $" + suggestion + "?)"));
        }
    }

    /** BuildKit's {@code dispatchArg}: a default is expanded (and checked) only when no build arg overrides it. */
    private void arg(StageState s, Instruction.Arg a, Lint lint) {
        List<LineRange> where = Lint.location(a.node());
        for (ArgDecl d : a.args()) {
            secret("ARG", d.name(), where, lint);
            String value = null;
            boolean given = options.buildArgs().containsKey(d.name());
            if (given) {
                value = options.buildArgs().get(d.name());
            } else if (d.defaultValue() != null) {
                Expansions.Result r = Expansions.process(lex, d.defaultValue(), s.env);
                undefined(s, r.unmatched(), a.node(), lint);
                if (r.error() != null) {
                    throw new Stop(r.error().getMessage(), where);
                }
                value = r.word();
            } else if (globals.containsKey(d.name())) {
                value = globals.get(d.name());
            }
            if (value != null && !NON_ENV_ARGS.contains(d.name())) {
                s.setEnv(d.name(), value);
            }
            s.buildArgs.add(d.name());
        }
    }

    /** The separator of each key/value pair of ENV or LABEL: "" for the legacy {@code KEY value} form. */
    private static List<String> separators(Node node) {
        List<String> out = new ArrayList<>();
        List<String> args = node.args();
        for (int i = 2; i < args.size(); i += 3) {
            out.add(args.get(i));
        }
        return out;
    }

    private static void legacyFormat(List<String> seps, int i, String name, List<LineRange> where, Lint lint) {
        if (i < seps.size() && seps.get(i).isEmpty()) {
            lint.report(Rule.LEGACY_KEY_VALUE_FORMAT, where,
                    "\"" + name + " key=value\" should be used instead of legacy \"" + name + " key value\" format");
        }
    }

    private static void secret(String instruction, String key, List<LineRange> where, Lint lint) {
        if (SECRET.matcher(key).find() && !NOT_SECRET.matcher(key).find()) {
            lint.report(Rule.SECRETS_USED_IN_ARG_OR_ENV, where, "Do not use ARG or ENV instructions for sensitive "
                    + "data (" + instruction + " " + GoText.quote(key) + ")");
        }
    }

    /** MultipleInstructionsDisallowed points at the earlier instruction: that is the one that has no effect. */
    private static List<LineRange> usedOnce(List<LineRange> last, Node node, Lint lint) {
        if (last != null) {
            lint.report(Rule.MULTIPLE_INSTRUCTIONS_DISALLOWED, last, "Multiple " + node.name()
                    + " instructions should not be used in the same stage because only the last one will be used");
        }
        return Lint.location(node);
    }

    private static void jsonArgs(StageState s, boolean shellForm, Node node, Lint lint) {
        if (shellForm && s.shell.isEmpty()) {
            lint.report(Rule.JSON_ARGS_RECOMMENDED, Lint.location(node), "JSON arguments recommended for "
                    + node.name() + " to prevent unintended behavior related to OS signals");
        }
    }

    private static boolean isAbs(String path, String os) {
        if (!os.equals("windows")) {
            return path.startsWith("/");
        }
        if (path.startsWith("\\") || path.startsWith("/")) {
            return true;
        }
        return path.length() >= 3 && Character.isLetter(path.charAt(0)) && path.charAt(1) == ':'
                && (path.charAt(2) == '\\' || path.charAt(2) == '/');
    }

    /** CopyIgnoredFile: only when there is a {@code .dockerignore} and it has no {@code !} exclusions. */
    private void ignored(String cmd, List<String> sources, List<LineRange> where, Lint lint) {
        Optional<IgnoreRules> rules = options.ignoreRules();
        if (rules.isEmpty() || rules.get().patterns().isEmpty() || rules.get().hasExclusions()) {
            return;
        }
        for (String src : sources) {
            if (src.startsWith("<<") || src.startsWith("http://") || src.startsWith("https://")
                    || src.startsWith("git@") || src.contains(".git#")) {
                continue;
            }
            String clean = dev.stagesh.dockerfile.GoPaths.clean(src);
            if (clean.equals(".") || clean.equals("/")) {
                boolean rootIgnored = rules.get().patterns().stream().anyMatch(p -> p.equals("*") || p.equals("**")
                        || p.equals("**/*"));
                if (!rootIgnored) {
                    continue;
                }
            }
            if (rules.get().matchesOrParentMatches(clean)) {
                lint.report(Rule.COPY_IGNORED_FILE, where, "Attempting to " + cmd + " file " + GoText.quote(clean)
                        + " that is excluded by .dockerignore");
            }
        }
    }
}
