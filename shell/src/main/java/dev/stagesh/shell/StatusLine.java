package dev.stagesh.shell;

import dev.stagesh.fs.SizeFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * The lines at the bottom of the terminal while a step runs: a spinner, the step and how long it
 * has run, what a COPY has sent, and one line per layer of an image being pulled. They are the
 * last rows of the {@link ScreenFoot}, out of the scroll region, so the step's output streams
 * above them untouched, even lines still being written. Every draw happens under the same lock as
 * the output, or escape sequences of one would cut through the other.
 */
final class StatusLine {
    private static final String SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏";
    private static final long REFRESH_MS = 100;
    /** Steps quicker than this (config-only ones) never show a status, which would only flicker. */
    private static final long QUIET_MS = 150;
    private static final int MAX_LAYERS = 6;

    private final ScreenFoot foot;
    private final Object lock;
    private final boolean colour;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "stagesh-status");
        t.setDaemon(true);
        return t;
    });
    private ScheduledFuture<?> tick;
    private String label;
    private long startNanos;
    private String detail = "";
    private final Map<String, String> layers = new LinkedHashMap<>();
    private int frame;
    private boolean shown;

    StatusLine(ScreenFoot foot, Object lock, boolean colour) {
        this.foot = foot;
        this.lock = lock;
        this.colour = colour;
    }

    void start(String stepLabel) {
        synchronized (lock) {
            stopLocked();
            label = stepLabel;
            startNanos = System.nanoTime();
            detail = "";
            layers.clear();
            tick = ticker.scheduleAtFixedRate(this::redraw, REFRESH_MS, REFRESH_MS, TimeUnit.MILLISECONDS);
        }
    }

    /** What a COPY's tar stream has sent so far. */
    void transferred(long sent, long total) {
        synchronized (lock) {
            detail = total > 0
                    ? "sent " + SizeFormat.si(Math.min(sent, total)) + " of " + SizeFormat.si(total)
                    : "sent " + SizeFormat.si(sent);
        }
    }

    /** The latest state of one layer of a pull; a finished layer leaves the board. */
    void layer(String id, String state, boolean finished) {
        synchronized (lock) {
            if (finished) {
                layers.remove(id);
            } else {
                layers.put(id, state);
            }
        }
    }

    /**
     * A line was printed above while the status showed: the terminal scrolled it over the status's rows,
     * which the display (it redraws only what changed) does not know. It is taken down and drawn whole
     * at the next tick.
     */
    void printedAbove() {
        synchronized (lock) {
            if (shown) {
                foot.status(List.of());
                shown = false;
            }
        }
    }

    /** Removes the lines; the cursor is back where the output left it. */
    void stop() {
        synchronized (lock) {
            stopLocked();
        }
    }

    private void stopLocked() {
        if (tick != null) {
            tick.cancel(false);
            tick = null;
        }
        if (shown) {
            foot.status(List.of());
            shown = false;
        }
        label = null;
    }

    private void redraw() {
        synchronized (lock) {
            if (label == null || (System.nanoTime() - startNanos) / 1_000_000 < QUIET_MS) {
                return;
            }
            if (!shown) {
                foot.resize(); // the window may have changed since the last step
            }
            foot.status(lines());
            shown = true;
        }
    }

    private List<AttributedString> lines() {
        frame = (frame + 1) % SPINNER.length();
        AttributedStringBuilder b = new AttributedStringBuilder();
        b.styled(style(AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN)), String.valueOf(SPINNER.charAt(frame)));
        // the time and the transfer go first: a long instruction is cut at the terminal's edge
        b.append(' ');
        b.styled(style(AttributedStyle.DEFAULT.faint()), elapsed());
        if (!detail.isEmpty()) {
            b.append("  ").append(detail);
        }
        b.append("  ");
        b.styled(style(AttributedStyle.BOLD), label);
        List<AttributedString> out = new ArrayList<>();
        out.add(b.toAttributedString());
        int skip = Math.max(0, layers.size() - MAX_LAYERS);
        for (Map.Entry<String, String> e : layers.entrySet()) {
            if (skip-- > 0) {
                continue;
            }
            out.add(new AttributedString("  " + e.getKey() + ": " + e.getValue()));
        }
        return out;
    }

    private String elapsed() {
        long ms = (System.nanoTime() - startNanos) / 1_000_000;
        long s = ms / 1000;
        return s < 60 ? String.format("%d.%ds", s, (ms % 1000) / 100) : String.format("%dm%02ds", s / 60, s % 60);
    }

    private AttributedStyle style(AttributedStyle s) {
        return colour ? s : AttributedStyle.DEFAULT;
    }
}
