package dev.stagesh.shell;

import dev.stagesh.dockerfile.Dockerfile;
import dev.stagesh.dockerfile.instructions.Instruction;
import dev.stagesh.engine.Breakpoints;
import dev.stagesh.engine.StageRun;
import dev.stagesh.shell.syntax.DockerfileLexer;
import dev.stagesh.shell.syntax.Palette;
import dev.stagesh.shell.syntax.Token;
import java.util.ArrayList;
import java.util.List;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * A stage's steps as {@code list} shows them on a terminal: each step's source lines as
 * written (continuations, heredoc bodies), highlighted, with its state mark (✓ done, → current,
 * ✗ failed), a ● where a breakpoint stops, the step number and the line numbers ({@code +} for a
 * step kept from {@code shell --keep}, which is not in the file). Script mode
 * keeps its one-line-per-step form (see {@link ListCommand}), which scripts parse.
 */
final class StageListing {
    private static final AttributedStyle DONE = AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
    private static final AttributedStyle CURRENT = AttributedStyle.BOLD.foreground(AttributedStyle.GREEN);
    private static final AttributedStyle FAILED = AttributedStyle.DEFAULT.foreground(AttributedStyle.RED);
    private static final AttributedStyle BREAK = AttributedStyle.DEFAULT.foreground(AttributedStyle.RED);
    private static final AttributedStyle NUMBER = AttributedStyle.DEFAULT.faint();
    private static final AttributedStyle WARNED = AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW);

    private final Palette palette;

    StageListing(Palette palette) {
        this.palette = palette;
    }

    List<AttributedString> lines(StageRun run, Dockerfile dockerfile, Breakpoints breakpoints) {
        return lines(run, dockerfile, breakpoints, step -> "");
    }

    /** @param warned the rules with build check warnings for a step, "" when none (marked after its first line) */
    List<AttributedString> lines(StageRun run, Dockerfile dockerfile, Breakpoints breakpoints,
                                 java.util.function.Function<Instruction, String> warned) {
        List<AttributedString> out = new ArrayList<>();
        out.add(new AttributedString(run.label() + ":"));
        for (int i = 0; i < run.total(); i++) {
            Instruction ins = run.steps().get(i);
            boolean kept = run.keptFromShell(ins);
            List<String> text = kept ? List.of(ins.node().original().strip()) : sourceLines(ins, dockerfile);
            List<List<Token>> source = DockerfileLexer.instruction(text, dockerfile.escapeToken());
            for (int k = 0; k < source.size(); k++) {
                AttributedStringBuilder b = new AttributedStringBuilder();
                if (k == 0) {
                    mark(b, run, i);
                    if (breakpoints.hasLine(ins)) {
                        palette.append(b, "●", BREAK);
                    } else {
                        b.append(' ');
                    }
                    b.append(String.format(" %2d  ", i + 1));
                } else {
                    b.append("       ");
                }
                // a step kept from 'shell --keep' has no line in the file (yet)
                palette.append(b, kept ? "   +" : String.format("%4d", ins.node().startLine() + k), NUMBER);
                b.append("  ");
                palette.append(b, source.get(k));
                String rules = k == 0 ? warned.apply(ins) : "";
                if (!rules.isEmpty()) {
                    palette.append(b, "  ! " + rules, WARNED);
                }
                out.add(b.toAttributedString());
            }
        }
        return out;
    }

    private void mark(AttributedStringBuilder b, StageRun run, int i) {
        if (run.failure() != null && run.failure().step() == i + 1) {
            palette.append(b, "✗", FAILED);
        } else if (i == run.position() - 1) {
            palette.append(b, "→", CURRENT);
        } else if (i < run.position()) {
            palette.append(b, "✓", DONE);
        } else {
            b.append(' ');
        }
    }

    /**
     * The physical lines of a step. The file may have changed since it was read (or the step came
     * from a base image's ONBUILD), so when its lines are not there the assembled text stands in.
     */
    private static List<String> sourceLines(Instruction ins, Dockerfile dockerfile) {
        List<String> lines = new ArrayList<>();
        for (int n = ins.node().startLine(); n <= ins.node().endLine(); n++) {
            String line = dockerfile.sourceLine(n);
            if (line == null) {
                return List.of(ins.node().original().strip());
            }
            lines.add(line);
        }
        // trailing blank lines belong to the node's span but not to what the user wrote for it
        while (lines.size() > 1 && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        return lines.isEmpty() ? List.of(ins.node().original().strip()) : lines;
    }
}
