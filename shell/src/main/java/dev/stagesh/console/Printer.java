package dev.stagesh.console;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.IntSupplier;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;

/**
 * Where a command's output goes: results to stdout (so scripts can read them), progress and
 * errors to stderr, as docker build does. Colour only on a terminal and never under NO_COLOR,
 * and always through JLine's {@link AttributedStyle}, the one way stagesh colours anything.
 */
public final class Printer {
    /** What help wraps at when no terminal says its width (a pipe, a file). */
    public static final int DEFAULT_WIDTH = 80;

    private final PrintStream out;
    private final PrintStream err;
    private final boolean colour;
    /** The terminal's width, asked each time (windows are resized); set once a terminal is open. */
    private volatile IntSupplier width = () -> DEFAULT_WIDTH;

    public Printer(OutputStream out, OutputStream err, boolean colour) {
        this.out = new PrintStream(out, true, StandardCharsets.UTF_8);
        this.err = new PrintStream(err, true, StandardCharsets.UTF_8);
        this.colour = colour;
    }

    public static Printer system(boolean terminal) {
        boolean colour = terminal && System.getenv("NO_COLOR") == null;
        return new Printer(new java.io.FileOutputStream(java.io.FileDescriptor.out),
                new java.io.FileOutputStream(java.io.FileDescriptor.err), colour);
    }

    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    public boolean colour() {
        return colour;
    }

    /** Measure lines against this terminal from now on. */
    public void measureWith(IntSupplier terminalWidth) {
        this.width = terminalWidth;
    }

    /** The width to wrap text at: the terminal's, or {@link #DEFAULT_WIDTH}. */
    public int width() {
        int w = width.getAsInt();
        return w > 0 ? w : DEFAULT_WIDTH;
    }

    public void line(String text) {
        out.println(text);
    }

    /**
     * Many lines at once, in one pass to the stream: a listing of thousands of lines printed one
     * {@link #line} at a time costs a flush (a write to the terminal or pipe) per line.
     */
    public void lines(java.util.List<String> lines) {
        StringBuilder b = new StringBuilder(lines.size() * 64);
        for (String l : lines) {
            b.append(l).append(System.lineSeparator());
        }
        out.print(b);
        out.flush();
    }

    /** A one-line error, as every user-facing failure is reported. */
    public void error(String message) {
        err.println(style("stagesh: " + message, AttributedStyle.DEFAULT.foreground(AttributedStyle.RED)));
    }

    public void progress(String text) {
        err.println(style(text, AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN)));
    }

    /** The text in this style when colour is on, else as it is. */
    public String style(String text, AttributedStyle style) {
        return colour ? new AttributedString(text, style).toAnsi() : text;
    }

    /** Styled text as this printer prints it: its escape sequences when colour is on, else its plain characters. */
    public String render(AttributedString text) {
        return colour ? text.toAnsi() : text.toString();
    }
}
