package dev.stagesh.shell;

import dev.stagesh.dockerfile.instructions.Instruction;
import dev.stagesh.engine.StageRun;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * The status line while a command is typed: the step the command would act on, as the running
 * step's status line names it ({@code stage 0 (build) 2/4  RUN ...}), marked done or failed, and
 * the step {@code next} would run. The mark takes the spinner's place, so the line keeps its shape.
 * Shown only where the widgets are, on a terminal with colour.
 */
final class PositionLine {
    private PositionLine() {}

    static AttributedString of(StageRun run) {
        AttributedStringBuilder b = new AttributedStringBuilder();
        int at = run.position();
        boolean failed = run.failure() != null;
        if (failed) {
            b.styled(AttributedStyle.DEFAULT.foreground(AttributedStyle.RED), "✗");
        } else if (at > 0) {
            b.styled(AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN), "✓");
        } else {
            b.append('·');
        }
        // the step as the prompt counts it: the last one done, the failed one after it
        b.append("  ").styled(AttributedStyle.BOLD, "stage " + run.stage().displayName() + " " + at + "/" + run.total());
        if (at > 0) {
            b.append("  ").append(text(run.steps().get(at - 1)));
        }
        Instruction next = run.next();
        b.append("  ");
        if (next == null) {
            b.styled(AttributedStyle.DEFAULT.faint(), "stage done");
        } else {
            b.styled(failed ? AttributedStyle.DEFAULT.foreground(AttributedStyle.RED) : AttributedStyle.DEFAULT.faint(),
                    failed ? "failed: " : "next: ").append(text(next));
        }
        return b.toAttributedString();
    }

    private static String text(Instruction ins) {
        return ins.node().original().strip().replaceAll("\\s+", " ");
    }
}
