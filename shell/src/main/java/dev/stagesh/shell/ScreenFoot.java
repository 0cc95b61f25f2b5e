package dev.stagesh.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.Status;

/**
 * The rows at the foot of the terminal, below the scroll region, and the two things that want
 * them: the description of the command being typed (JLine's TailTip widgets, {@link CommandTips})
 * and stagesh's status line ({@link StatusLine} while a step runs, {@link PositionLine} under a
 * description). Both go through the terminal's one shared {@link Status}: two of them would each
 * set the scroll region over the other's rows. The description comes first, the status line is
 * always the last row.
 *
 * <p>Every draw takes the console's lock, the one the steps' output takes, so no escape sequence
 * of one cuts through the other.
 */
final class ScreenFoot {
    private final Terminal terminal;
    private final Object lock;
    /** Where the session stands, shown under a description (built when one shows). */
    private final Supplier<AttributedString> position;
    private List<AttributedString> description = List.of();
    private List<AttributedString> status = List.of();

    ScreenFoot(Terminal terminal, Object lock, Supplier<AttributedString> position) {
        this.terminal = terminal;
        this.lock = lock;
        this.position = position;
    }

    /**
     * The lines describing the command being typed. TailTip pads them with blank ones to a fixed
     * height: those take no row, so a one-line synopsis sits right on the status line, and an
     * empty description leaves the foot as it was without one.
     */
    void description(List<AttributedString> lines) {
        synchronized (lock) {
            int end = lines.size();
            while (end > 0 && lines.get(end - 1).toString().isBlank()) {
                end--;
            }
            List<AttributedString> shown = List.copyOf(lines.subList(0, end));
            if (shown.equals(description)) {
                return; // TailTip asks on every key; the rows are redrawn only when they change
            }
            description = shown;
            draw();
        }
    }

    /** The status line (and a pull's layer lines under it); empty takes it down. */
    void status(List<AttributedString> lines) {
        synchronized (lock) {
            status = List.copyOf(lines);
            draw();
        }
    }

    /** The window may have changed size since the rows were last drawn. */
    void resize() {
        synchronized (lock) {
            Status shared = Status.getStatus(terminal);
            if (shared != null) {
                shared.resize();
            }
        }
    }

    private void draw() {
        Status shared = Status.getStatus(terminal);
        if (shared == null) {
            return; // a terminal JLine cannot keep rows on
        }
        List<AttributedString> rows = new ArrayList<>(description);
        if (!description.isEmpty() && status.isEmpty()) {
            rows.add(position.get());
        }
        rows.addAll(status);
        shared.update(rows);
        terminal.flush();
    }
}
