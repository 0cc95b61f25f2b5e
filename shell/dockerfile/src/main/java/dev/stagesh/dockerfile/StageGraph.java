package dev.stagesh.dockerfile;

import dev.stagesh.dockerfile.instructions.Instruction;
import dev.stagesh.dockerfile.instructions.Mount;
import dev.stagesh.dockerfile.shell.ShellLex;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Which stages depend on which, as BuildKit decides: a stage needs an earlier stage named by its FROM (after
 * expansion with the global build args), by {@code COPY --from=<name or index>} and by
 * {@code RUN --mount=from=<name>}. A {@code --from} that names no stage is an image reference. Stage names are
 * case-insensitive; when a name is defined twice the later definition wins. Dependencies must be defined before the
 * stage that uses them, so build order is file order.
 */
public final class StageGraph {
    private final Dockerfile dockerfile;
    private final BuildArgs args;
    private final List<List<Integer>> deps;
    private final boolean lenient;

    public StageGraph(Dockerfile dockerfile, BuildArgs args) {
        this(dockerfile, args, false);
    }

    /**
     * For reporting ({@code parse --json}): a FROM that cannot be expanded (e.g. a required build arg is missing)
     * is taken literally instead of failing.
     */
    static StageGraph lenient(Dockerfile dockerfile, BuildArgs args) {
        return new StageGraph(dockerfile, args, true);
    }

    private StageGraph(Dockerfile dockerfile, BuildArgs args, boolean lenient) {
        this.dockerfile = dockerfile;
        this.args = args;
        this.lenient = lenient;
        List<List<Integer>> all = new ArrayList<>();
        for (Stage s : dockerfile.stages()) {
            all.add(Collections.unmodifiableList(new ArrayList<>(computeDeps(s))));
        }
        this.deps = List.copyOf(all);
    }

    /** With default build args (linux/amd64, no overrides). */
    public StageGraph(Dockerfile dockerfile) {
        this(dockerfile, BuildArgs.defaults(dockerfile));
    }

    /** A stage by name (case-insensitive) or 0-based index; throws naming the known stages. */
    public Stage resolve(String nameOrIndex) {
        return dockerfile.stage(nameOrIndex);
    }

    /** Direct dependencies of a stage, as stage indexes, ascending. */
    public List<Integer> dependencies(Stage stage) {
        return deps.get(stage.index());
    }

    /** The earlier stage this stage's FROM names, if any. */
    public Optional<Stage> baseStage(Stage stage) {
        return byName(fromImage(stage), stage.index()).map(i -> dockerfile.stages().get(i));
    }

    /**
     * The stage a {@code COPY --from} or {@code RUN --mount from=} of {@code stage} names (a name,
     * case-insensitive, the later of two stages of one name winning, or a stage index), or empty
     * when it names an image. The graph has already refused a reference to a later stage.
     */
    public Optional<Stage> source(Stage stage, String from) {
        Integer index = atoi(from);
        Optional<Integer> found = index != null && index >= 0 && index < stage.index() ? Optional.of(index)
                : anyByName(from).filter(i -> i < stage.index());
        return found.map(i -> dockerfile.stages().get(i));
    }

    /**
     * The earlier stages one step of {@code stage} reads, as stage indexes: its FROM's base stage,
     * a {@code COPY --from} stage, the stages of a RUN's {@code --mount from=}. None for any other step.
     */
    public List<Integer> stepSources(Stage stage, Instruction step) {
        TreeSet<Integer> out = new TreeSet<>();
        if (step instanceof Instruction.From) {
            byName(fromImage(stage), stage.index()).ifPresent(out::add);
        } else if (step instanceof Instruction.Copy c && c.from() != null && !c.from().isEmpty()) {
            copyFrom(stage, c).ifPresent(out::add);
        } else if (step instanceof Instruction.Run r) {
            for (Mount m : r.mounts()) {
                if (m.from() != null && !m.from().isEmpty()) {
                    mountFrom(stage, r, m.from()).ifPresent(out::add);
                }
            }
        }
        return List.copyOf(out);
    }

    /** The base image reference (expanded), or empty when the base is a stage. */
    public Optional<String> baseImage(Stage stage) {
        if (baseStage(stage).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(fromImage(stage));
    }

    private String fromImage(Stage stage) {
        try {
            return args.expandFrom(stage).image();
        } catch (DockerfileException e) {
            if (lenient) {
                return stage.from().image();
            }
            throw e;
        }
    }

    /** The stages {@code target} needs, transitively, plus itself, in build order; unneeded stages excluded. */
    public List<Stage> required(Stage target) {
        TreeSet<Integer> needed = new TreeSet<>();
        List<Integer> work = new ArrayList<>(List.of(target.index()));
        while (!work.isEmpty()) {
            int i = work.remove(work.size() - 1);
            if (needed.add(i)) {
                work.addAll(deps.get(i));
            }
        }
        List<Stage> out = new ArrayList<>();
        for (int i : needed) {
            out.add(dockerfile.stages().get(i));
        }
        return List.copyOf(out);
    }

    /** Index of the latest stage before {@code before} whose name matches; BuildKit's later-wins rule. */
    private Optional<Integer> byName(String name, int before) {
        String key = name.toLowerCase(Locale.ROOT);
        for (int i = before - 1; i >= 0; i--) {
            String n = dockerfile.stages().get(i).name();
            if (key.equals(n)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    private Optional<Integer> anyByName(String name) {
        return byName(name, dockerfile.stages().size());
    }

    private TreeSet<Integer> computeDeps(Stage stage) {
        TreeSet<Integer> out = new TreeSet<>();
        byName(fromImage(stage), stage.index()).ifPresent(out::add);
        for (Instruction ins : stage.instructions()) {
            if (ins instanceof Instruction.Copy c && c.from() != null && !c.from().isEmpty()) {
                copyFrom(stage, c).ifPresent(out::add);
            } else if (ins instanceof Instruction.Run r) {
                for (Mount m : r.mounts()) {
                    if (m.from() != null && !m.from().isEmpty()) {
                        mountFrom(stage, r, m.from()).ifPresent(out::add);
                    }
                }
            }
        }
        return out;
    }

    private Optional<Integer> copyFrom(Stage stage, Instruction.Copy c) {
        String from = c.from();
        String expanded;
        try {
            expanded = new ShellLex(dockerfile.escapeToken()).processWord(from, null);
        } catch (DockerfileException e) {
            throw error(e.getMessage(), c);
        }
        if (!expanded.equals(from)) {
            throw error("variable expansion is not supported for --from, define a new stage with FROM using ARG "
                    + "from global scope as a workaround", c);
        }
        Integer index = atoi(from);
        int target;
        if (index == null) {
            Optional<Integer> named = anyByName(from);
            if (named.isEmpty()) {
                return Optional.empty(); // an image reference
            }
            target = named.get();
        } else {
            if (index < 0 || index >= dockerfile.stages().size()) {
                throw error("invalid stage index " + index, c);
            }
            target = index;
        }
        if (target >= stage.index()) {
            throw error("cannot copy from stage \"" + from + "\", it needs to be defined before current stage \""
                    + stageName(stage) + "\"", c);
        }
        return Optional.of(target);
    }

    private Optional<Integer> mountFrom(Stage stage, Instruction.Run r, String from) {
        Optional<Integer> named = anyByName(from);
        if (named.isPresent() && named.get() >= stage.index()) {
            throw error("cannot mount from stage \"" + from + "\" to \"" + stageName(stage)
                    + "\", stage needs to be defined before current command", r);
        }
        return named;
    }

    private static String stageName(Stage s) {
        return s.name() != null ? s.name() : "stage-" + s.index();
    }

    /** Go's strconv.Atoi: optional sign and decimal digits; null if not a number. */
    private static Integer atoi(String s) {
        if (s.isEmpty() || s.length() > 11) {
            return null;
        }
        int i = s.charAt(0) == '+' || s.charAt(0) == '-' ? 1 : 0;
        if (i == s.length()) {
            return null;
        }
        for (int k = i; k < s.length(); k++) {
            if (s.charAt(k) < '0' || s.charAt(k) > '9') {
                return null;
            }
        }
        long v = Long.parseLong(s);
        return v > Integer.MAX_VALUE || v < Integer.MIN_VALUE ? null : (int) v;
    }

    private DockerfileException error(String message, Instruction at) {
        return dockerfile.locate(new DockerfileException(message, null, at.line(), at.node().column(), null));
    }
}
