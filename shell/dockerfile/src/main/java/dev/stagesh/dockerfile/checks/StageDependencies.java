package dev.stagesh.dockerfile.checks;

import dev.stagesh.dockerfile.instructions.Instruction;
import dev.stagesh.dockerfile.parser.Node;
import dev.stagesh.dockerfile.shell.ShellLex;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The stages' dependencies as BuildKit's {@code buildStageDependencyGraph} sees them: {@code COPY --from} and
 * {@code RUN --mount=from=} checked (no variables, a known index, no cycle), and the stages a target needs.
 */
final class StageDependencies {
    private StageDependencies() {
    }

    /**
     * Checks the stages {@code COPY --from} names (BuildKit's dependency graph) and returns the stages to dispatch:
     * all of them without {@code --target}, else those the target needs.
     */
    static Set<StageState> toDispatch(List<StageState> states, String target, ShellLex lex) {
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
        if (target == null || target.isEmpty()) {
            return new LinkedHashSet<>(states);
        }
        StageState wanted = byName.get(target.toLowerCase(Locale.ROOT));
        if (wanted == null) {
            String suggestion = Suggest.search(target, byName.keySet(), true);
            throw new Stop("target stage \"" + target + "\" could not be found"
                    + (suggestion.isEmpty() ? "" : " (did you mean " + suggestion + "?)"), List.of());
        }
        Set<StageState> out = new LinkedHashSet<>();
        List<StageState> todo = new ArrayList<>(List.of(wanted));
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
}
