package dev.stagesh.engine;

import dev.stagesh.dockerfile.instructions.Instruction;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where {@code continue} stops: before a step at a line, before every step of a kind
 * ({@code break RUN}), and, unless turned off, where a step fails ({@code on-error}).
 */
public final class Breakpoints {
    /** A breakpoint: a line, or an instruction keyword. Numbered from 1 as {@code breaks} lists them. */
    public record Breakpoint(int number, Integer line, String keyword) {
        boolean matches(Instruction ins) {
            if (line != null) {
                return ins.node().startLine() <= line && line <= ins.node().endLine();
            }
            return ins.keyword().equals(keyword);
        }

        public String describe() {
            return line != null ? "line " + line : keyword;
        }
    }

    private final List<Breakpoint> list = new ArrayList<>();
    private boolean onError = true;
    private int nextNumber = 1;

    public Breakpoint atLine(int line) {
        Breakpoint b = new Breakpoint(nextNumber++, line, null);
        list.add(b);
        return b;
    }

    public Breakpoint atInstruction(String keyword) {
        Breakpoint b = new Breakpoint(nextNumber++, null, keyword.toUpperCase(Locale.ROOT));
        list.add(b);
        return b;
    }

    public boolean delete(int number) {
        return list.removeIf(b -> b.number() == number);
    }

    public List<Breakpoint> list() {
        return List.copyOf(list);
    }

    public boolean onError() {
        return onError;
    }

    public void onError(boolean stop) {
        onError = stop;
    }

    Optional<Breakpoint> at(Instruction next) {
        return list.stream().filter(b -> b.matches(next)).findFirst();
    }

    /** Whether a step at this line has a breakpoint, for marks in {@code list}. */
    public boolean hasLine(Instruction ins) {
        return list.stream().anyMatch(b -> b.matches(ins));
    }
}
