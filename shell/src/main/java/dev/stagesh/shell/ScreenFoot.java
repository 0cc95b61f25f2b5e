package dev.stagesh.shell;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.jline.utils.Status;

/**
 * The rows at the foot of the terminal, below the scroll region, and the two things that want
 * them: the description of the command being typed (JLine's TailTip widgets, {@link CommandTips})
 * and stagesh's status line ({@link StatusLine} while a step runs, {@link PositionLine} under a
 * description). Both go through the terminal's one shared {@link Status}: two of them would each
 * set the scroll region over the other's rows. The description comes first, the status line is
 * always the last row.
 *
 * <p>While the prompt reads a line, once the foot has grown for a description it keeps its height
 * until the line is read, as TailTip's own padding does: when the rows grow the screen scrolls up
 * under the line editor, which redraws a completion at the wrong place if that happens in the
 * middle of one. So it grows at most once per line, on the first key that brings a description or
 * before a completion, and shrinks when the line is read, before the command prints anything. A
 * line with nothing to describe leaves the screen as it was.
 *
 * <p>Every draw takes the console's lock, the one the steps' output takes, so no escape sequence
 * of one cuts through the other.
 */
final class ScreenFoot {
    private static final AttributedString BLANK = new AttributedString("");

    private final Terminal terminal;
    private final Object lock;
    /** Where the session stands, shown under a description (built when one shows). */
    private final Supplier<AttributedString> position;
    private List<AttributedString> description = List.of();
    private List<AttributedString> status = List.of();
    /** While the prompt reads: the rows the foot may grow to (the description's and the status line's). */
    private int readingCapacity;
    /** The rows it has grown to for this line: none, or all of them. */
    private int readingRows;
    /** Whether the rows on the screen may no longer be the ones drawn. */
    private boolean wiped;

    ScreenFoot(Terminal terminal, Object lock, Supplier<AttributedString> position) {
        this.terminal = terminal;
        this.lock = lock;
        this.position = position;
    }

    /** The prompt starts reading a line with up to {@code rows} of description under it. */
    void reading(int rows) {
        synchronized (lock) {
            readingCapacity = rows + 1;
            readingRows = 0;
        }
    }

    /** A completion is about to run: the foot takes its height now rather than in the middle of it. */
    void reserve() {
        synchronized (lock) {
            if (readingRows < readingCapacity) {
                readingRows = readingCapacity;
                draw();
            }
        }
    }

    /** The line is read: the description's rows go, before the command prints. */
    void read() {
        synchronized (lock) {
            readingCapacity = 0;
            readingRows = 0;
            description = List.of();
            draw();
        }
    }

    /**
     * The lines describing the command being typed. TailTip pads them with blank ones at the end:
     * those are dropped, so a one-line synopsis sits right on the status line.
     */
    void description(List<AttributedString> lines) {
        synchronized (lock) {
            int end = lines.size();
            while (end > 0 && lines.get(end - 1).toString().isBlank()) {
                end--;
            }
            List<AttributedString> shown = List.copyOf(lines.subList(0, end));
            if (shown.equals(description) && !wiped) {
                return; // TailTip asks on every key; the rows are redrawn only when they change
            }
            description = shown;
            if (!shown.isEmpty()) {
                readingRows = readingCapacity;
            }
            if (wiped) {
                repaint();
            } else {
                draw();
            }
        }
    }

    /** The status line (and a pull's layer lines under it); empty takes it down. */
    void status(List<AttributedString> lines) {
        synchronized (lock) {
            status = List.copyOf(lines);
            draw();
        }
    }

    /**
     * A completion menu was up: the line editor draws it on rows the status's display still
     * thinks hold the foot (it draws only what changed), so the next draw repaints them whole.
     */
    void menuShown() {
        synchronized (lock) {
            wiped = true;
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

    /**
     * Draws every row again: once in another style, so that each differs from what the display
     * holds, and then as it is. The height stays, so nothing scrolls.
     */
    private void repaint() {
        wiped = false;
        Status shared = Status.getStatus(terminal);
        List<AttributedString> rows = rows();
        if (shared == null || rows.isEmpty()) {
            return;
        }
        shared.update(rows.stream().map(r -> new AttributedString(r.toString(), AttributedStyle.INVERSE)).toList(), false);
        shared.update(rows);
        terminal.flush();
    }

    private void draw() {
        Status shared = Status.getStatus(terminal);
        if (shared == null) {
            return; // a terminal JLine cannot keep rows on
        }
        shared.update(rows());
        terminal.flush();
    }

    /** What the foot shows now, top to bottom. */
    List<AttributedString> rows() {
        List<AttributedString> rows = new ArrayList<>();
        if (readingRows > 0) {
            // blank rows first: the description sits on the status line, at the foot's bottom
            List<AttributedString> shown = description.subList(0, Math.min(description.size(), readingRows - 1));
            rows.addAll(Collections.nCopies(readingRows - 1 - shown.size(), BLANK));
            rows.addAll(shown);
            rows.add(shown.isEmpty() ? BLANK : position.get());
        }
        rows.addAll(status);
        return rows;
    }
}
