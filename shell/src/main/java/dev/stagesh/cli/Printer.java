package dev.stagesh.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Where a command's output goes: results to stdout (so scripts can read them), progress and
 * errors to stderr, as docker build does. Colour only on a terminal and never under NO_COLOR.
 */
public final class Printer {
    private final PrintStream out;
    private final PrintStream err;
    private final boolean colour;

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

    public void line(String text) {
        out.println(text);
    }

    /** A one-line error, as every user-facing failure is reported. */
    public void error(String message) {
        err.println(style("stagesh: " + message, "31"));
    }

    public void progress(String text) {
        err.println(style(text, "36"));
    }

    public String style(String text, String sgr) {
        return colour ? "\u001b[" + sgr + "m" + text + "\u001b[0m" : text;
    }
}
