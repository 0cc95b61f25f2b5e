package dev.stagesh.dockerfile;

import dev.stagesh.dockerfile.instructions.ArgDecl;
import dev.stagesh.dockerfile.instructions.Instruction;
import dev.stagesh.dockerfile.instructions.KeyValue;
import dev.stagesh.dockerfile.instructions.WordExpander;
import dev.stagesh.dockerfile.shell.ShellLex;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The variables of one stage while it is built, following BuildKit's dispatcher. Feed every instruction to
 * {@link #apply} in order (only ENV and ARG change the scope); before dispatching instruction i, ask for
 * {@link #expander()} (to call {@link Instruction#expand}), {@link #runEnv()} (the environment of a RUN) or
 * {@link #imageEnv()} (what the image config gets).
 *
 * <p>Rules, as in BuildKit:
 * <ul>
 * <li>a global ARG (before the first FROM) is visible in a stage only after {@code ARG NAME} re-declares it there
 * without a default; a {@code --build-arg} override beats both the global value and the default;</li>
 * <li>an ARG default is expanded with the environment at that point; an ARG with no value anywhere stays unset;</li>
 * <li>ARG and ENV share one environment for expansion and RUN, the later instruction winning, so an ENV after an
 * ARG of the same name wins (and, as in current BuildKit, a later ARG with a value overrides an earlier ENV for
 * the following steps, though not in the image config);</li>
 * <li>all pairs of one ENV instruction are expanded with the environment from before that instruction;</li>
 * <li>proxy build args reach RUN without declaration.</li>
 * </ul>
 * Not thread-safe; one instance per stage build.
 */
public final class VariableScope {
    private final BuildArgs args;
    private final ShellLex lex;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final Map<String, String> imageEnv = new LinkedHashMap<>();
    private final Map<String, String> stageArgs = new LinkedHashMap<>();
    /** Every ARG the stage declared, with a value or not, in the order first declared. */
    private final java.util.Set<String> declared = new java.util.LinkedHashSet<>();

    VariableScope(BuildArgs args, Map<String, String> baseEnv) {
        this.args = args;
        this.lex = new ShellLex(args.dockerfile().escapeToken());
        env.putAll(baseEnv);
        imageEnv.putAll(baseEnv);
    }

    /**
     * The scope a stage {@code FROM} this one starts with. BuildKit hands such a stage its base stage's whole
     * state: the environment with the ARG values in it, and the declared build args (so a RUN there sees them
     * without an ARG line, and its history names them). {@code fromEnv} is the image env the stage's FROM
     * produced: where it differs from this stage's image env (an ONBUILD trigger's ENV), it wins.
     */
    public VariableScope inheritedBy(Map<String, String> fromEnv) {
        VariableScope next = new VariableScope(args, Map.of());
        next.env.putAll(env);
        next.imageEnv.putAll(imageEnv);
        next.stageArgs.putAll(stageArgs);
        next.declared.addAll(declared);
        fromEnv.forEach((k, v) -> {
            if (!v.equals(imageEnv.get(k))) {
                next.env.remove(k);
                next.env.put(k, v);
                next.imageEnv.remove(k);
                next.imageEnv.put(k, v);
            }
        });
        return next;
    }

    /** Updates the scope with an ENV or ARG instruction (given unexpanded); other instructions are ignored. */
    public void apply(Instruction instruction) {
        try {
            if (instruction instanceof Instruction.Env e) {
                Function<String, String> before = Map.copyOf(env)::get;
                List<KeyValue> expanded = new ArrayList<>();
                for (KeyValue kv : e.pairs()) {
                    expanded.add(new KeyValue(lex.processWord(kv.key(), before), lex.processWord(kv.value(), before)));
                }
                for (KeyValue kv : expanded) {
                    env.remove(kv.key());
                    env.put(kv.key(), kv.value());
                    imageEnv.remove(kv.key());
                    imageEnv.put(kv.key(), kv.value());
                }
            } else if (instruction instanceof Instruction.Arg a) {
                for (ArgDecl d : a.args()) {
                    declare(d);
                }
            }
        } catch (DockerfileException ex) {
            throw BuildArgs.located(ex, instruction, args.dockerfile());
        }
    }

    private void declare(ArgDecl d) {
        String name = d.name();
        declared.add(name);
        String value = valueOf(d, env::get);
        if (value != null) {
            env.remove(name);
            env.put(name, value);
            stageArgs.put(name, value);
        }
    }

    /** The Dockerfile's escape token, for expanding text (heredoc bodies) the same way. */
    /** An ARG's value: the --build-arg, else its default expanded, else the global ARG's; null for none. */
    private String valueOf(ArgDecl d, Function<String, String> lookup) {
        if (args.overrides().containsKey(d.name())) {
            return args.overrides().get(d.name());
        } else if (d.defaultValue() != null) {
            return lex.processWord(d.defaultValue(), lookup);
        }
        return args.globals().get(d.name());
    }

    /**
     * The history entry of an ARG as BuildKit (Docker 28's) writes it: each name with the value
     * it takes ({@code ARG GREETING=howdy} under {@code --build-arg GREETING=howdy}), a name
     * without value alone. Docker 20.10's BuildKit wrote the instruction as written instead.
     */
    public String historyOf(Instruction.Arg a) {
        Map<String, String> after = new LinkedHashMap<>(env);
        List<String> parts = new ArrayList<>();
        try {
            for (ArgDecl d : a.args()) {
                String v = valueOf(d, after::get);
                if (v != null) {
                    after.put(d.name(), v);
                }
                parts.add(v == null ? d.name() : d.name() + "=" + v);
            }
        } catch (DockerfileException ex) {
            throw BuildArgs.located(ex, a, args.dockerfile());
        }
        return "ARG " + String.join(" ", parts);
    }

    public char escapeToken() {
        return lex.escapeToken();
    }

    /** Lookup for {@link ShellLex}: the current environment (ENV and ARG values); null when unset. */
    public Function<String, String> lookup() {
        return env::get;
    }

    /** A {@link WordExpander} over the current environment, for {@link Instruction#expand}. */
    public WordExpander expander() {
        Function<String, String> snapshot = Map.copyOf(env)::get;
        return new WordExpander() {
            @Override
            public String expand(String word) {
                return lex.processWord(word, snapshot);
            }

            @Override
            public List<String> expandWords(String word) {
                return lex.processWords(word, snapshot);
            }
        };
    }

    /** Expands {@code ins} with the current environment (errors carry the instruction's position). */
    public Instruction expand(Instruction ins) {
        try {
            return ins.expand(expander());
        } catch (DockerfileException e) {
            throw BuildArgs.located(e, ins, args.dockerfile());
        }
    }

    /** The environment for expansion: base image env, ENV and ARG values, in definition order. */
    public Map<String, String> env() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(env));
    }

    /** The environment a RUN gets: {@link #env()} plus proxy build args not already set. */
    public Map<String, String> runEnv() {
        Map<String, String> out = new LinkedHashMap<>(env);
        args.proxyEnv().forEach(out::putIfAbsent);
        return Collections.unmodifiableMap(out);
    }

    /**
     * How BuildKit records a RUN's build args in its history ({@code runCommandString}): every ARG
     * the stage declared, in the order first declared, with its value in the RUN's environment (an
     * ENV of that name wins; none gives an empty value), led by their count: {@code |2 A=1 B=};
     * empty when the stage declared none.
     */
    public String historyArgsPrefix() {
        if (declared.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("|").append(declared.size());
        for (String name : declared) {
            out.append(' ').append(name).append('=').append(env.getOrDefault(name, ""));
        }
        return out.append(' ').toString();
    }

    /** The ARGs declared in this stage that have a value (the RUN-only build-arg part of the environment). */
    public Map<String, String> stageArgs() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(stageArgs));
    }

    /** What the image config's Env gets: base image env and ENV only, never ARG values. */
    public Map<String, String> imageEnv() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(imageEnv));
    }
}
