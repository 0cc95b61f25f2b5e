package dev.stagesh.dap;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The breakpoints an editor set: at lines of the Dockerfile (placed on the step table at once),
 * on every step of an instruction kind (function breakpoints: {@code RUN}, {@code COPY}), each
 * with an optional {@link Condition} and {@link HitCondition}; and whether a failed step stops.
 * The ids are DAP's breakpoint ids, unique across both kinds.
 */
public final class DapBreakpoints {
    /** The instruction keywords a function breakpoint may name. */
    static final Set<String> KEYWORDS = Set.of("FROM", "RUN", "COPY", "ADD", "WORKDIR", "ENV", "ARG", "LABEL",
            "EXPOSE", "VOLUME", "USER", "CMD", "ENTRYPOINT", "SHELL", "HEALTHCHECK", "STOPSIGNAL", "ONBUILD", "MAINTAINER");

    /** What the editor asked for; {@code condition} and {@code hitCondition} may be null. */
    public record Request(int line, String name, String condition, String hitCondition) {
        public static Request atLine(int line, String condition, String hitCondition) {
            return new Request(line, null, condition, hitCondition);
        }

        public static Request onInstruction(String name, String condition, String hitCondition) {
            return new Request(0, name, condition, hitCondition);
        }
    }

    /** The answer for one requested breakpoint: verified with the line it stops at, or why not. */
    public record Placed(int id, boolean verified, Integer line, String message) {}

    /** A step about to run, as breakpoints see it. */
    public record StepAt(int stageIndex, int step, String keyword) {}

    private sealed interface Match {
        record AtStep(int stageIndex, int step) implements Match {}

        record OfKind(String keyword) implements Match {}
    }

    private static final class Armed {
        final int id;
        final Match match;
        final Condition condition;
        final HitCondition hit;
        int hits;

        Armed(int id, Match match, Condition condition, HitCondition hit) {
            this.id = id;
            this.match = match;
            this.condition = condition;
            this.hit = hit;
        }

        boolean matches(StepAt at) {
            if (match instanceof Match.AtStep s) {
                return s.stageIndex() == at.stageIndex() && s.step() == at.step();
            }
            return ((Match.OfKind) match).keyword().equals(at.keyword());
        }
    }

    private List<Map.Entry<Integer, Request>> lineRequests = List.of();
    private List<Armed> lines = List.of();
    private List<Armed> functions = List.of();
    private boolean stopOnFailure = true;
    private int nextId = 1;

    /** Replaces the line breakpoints; each is placed on the table now. */
    public synchronized List<Placed> setLines(List<Request> requests, StepTable table) {
        List<Map.Entry<Integer, Request>> numbered = new ArrayList<>();
        for (Request r : requests) {
            numbered.add(Map.entry(nextId++, r));
        }
        lineRequests = List.copyOf(numbered);
        return place(table);
    }

    /**
     * Places the line breakpoints again on a new table (after a reload), keeping their ids and
     * their hit counts where they land on the same step.
     */
    public synchronized List<Placed> place(StepTable table) {
        List<Armed> armed = new ArrayList<>();
        List<Placed> out = new ArrayList<>();
        for (var numbered : lineRequests) {
            int id = numbered.getKey();
            Request r = numbered.getValue();
            if (table == null) {
                out.add(new Placed(id, false, r.line(), "placed when the session is launched"));
                continue;
            }
            StepTable.Placement where = table.place(r.line());
            if (where instanceof StepTable.Placement.Nowhere n) {
                out.add(new Placed(id, false, r.line(), n.reason()));
            } else if (where instanceof StepTable.Placement.AtStep at) {
                try {
                    Armed a = new Armed(id, new Match.AtStep(at.thread().stage().index(), at.step().step()),
                            Condition.parse(r.condition()), HitCondition.parse(r.hitCondition()));
                    lines.stream().filter(old -> old.id == id && old.match.equals(a.match))
                            .findFirst().ifPresent(old -> a.hits = old.hits);
                    armed.add(a);
                    out.add(new Placed(id, true, at.step().startLine(), null));
                } catch (ConditionException e) {
                    out.add(new Placed(id, false, r.line(), e.getMessage()));
                }
            }
        }
        lines = List.copyOf(armed);
        return out;
    }

    /** Replaces the function breakpoints: each names an instruction keyword. */
    public synchronized List<Placed> setFunctions(List<Request> requests) {
        List<Armed> armed = new ArrayList<>();
        List<Placed> out = new ArrayList<>();
        for (Request r : requests) {
            int id = nextId++;
            String keyword = r.name() == null ? "" : r.name().strip().toUpperCase(Locale.ROOT);
            if (!KEYWORDS.contains(keyword)) {
                out.add(new Placed(id, false, null, "'" + r.name() + "' is not a Dockerfile instruction (RUN, COPY, ...)"));
                continue;
            }
            try {
                armed.add(new Armed(id, new Match.OfKind(keyword), Condition.parse(r.condition()),
                        HitCondition.parse(r.hitCondition())));
                out.add(new Placed(id, true, null, null));
            } catch (ConditionException e) {
                out.add(new Placed(id, false, null, e.getMessage()));
            }
        }
        functions = List.copyOf(armed);
        return out;
    }

    public synchronized void stopOnFailure(boolean stop) {
        stopOnFailure = stop;
    }

    public synchronized boolean stopOnFailure() {
        return stopOnFailure;
    }

    /**
     * Whether the step about to run stops, and at which breakpoint: every breakpoint on it whose
     * condition holds counts a hit; the first whose hit count says so stops. {@code vars} (the
     * step's ENV and ARG values) is asked for only when a condition needs them.
     */
    public synchronized Optional<Integer> check(StepAt at, Supplier<Map<String, String>> vars) {
        return find(at, vars, true);
    }

    /** As {@link #check}, counting no hit and ignoring hit counts: going back does not use them up. */
    public synchronized Optional<Integer> peek(StepAt at, Supplier<Map<String, String>> vars) {
        return find(at, vars, false);
    }

    /** Whether the breakpoint is a function (instruction) breakpoint. */
    public synchronized boolean isFunction(int id) {
        return functions.stream().anyMatch(a -> a.id == id);
    }

    private Optional<Integer> find(StepAt at, Supplier<Map<String, String>> vars, boolean count) {
        Map<String, String> values = null;
        Integer stop = null;
        for (List<Armed> list : List.of(lines, functions)) {
            for (Armed a : list) {
                if (!a.matches(at)) {
                    continue;
                }
                if (a.condition instanceof Condition.Literal l) {
                    if (!l.test(Map.of())) {
                        continue;
                    }
                } else {
                    if (values == null) {
                        values = vars.get();
                    }
                    if (!a.condition.test(values)) {
                        continue;
                    }
                }
                if (!count) {
                    return Optional.of(a.id);
                }
                a.hits++;
                if (stop == null && a.hit.stopsAt(a.hits)) {
                    stop = a.id;
                }
            }
        }
        return Optional.ofNullable(stop);
    }
}
