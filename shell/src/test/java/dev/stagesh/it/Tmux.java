package dev.stagesh.it;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A real terminal for the shell: a detached tmux session, typed into and read back. */
final class Tmux implements AutoCloseable {
    private final String name;

    private Tmux(String name) {
        this.name = name;
    }

    static boolean available() {
        try {
            return new ProcessBuilder("tmux", "-V").start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static Tmux start(String name, Map<String, String> env, String command) {
        List<String> cmd = new ArrayList<>(List.of("tmux", "new-session", "-d", "-s", name, "-x", "160", "-y", "50"));
        env.forEach((k, v) -> cmd.addAll(List.of("-e", k + "=" + v)));
        cmd.add(command);
        run(cmd);
        return new Tmux(name);
    }

    /** Types text (no Enter). */
    void type(String text) {
        run(List.of("tmux", "send-keys", "-t", name, "-l", text));
    }

    /** Sends keys by tmux name: Enter, Tab, C-c, C-d. */
    void keys(String... keys) {
        List<String> cmd = new ArrayList<>(List.of("tmux", "send-keys", "-t", name));
        cmd.addAll(List.of(keys));
        run(cmd);
    }

    /** Resizes the window, as a user dragging it would: the program in it gets SIGWINCH. */
    void resize(int columns, int rows) {
        run(List.of("tmux", "resize-window", "-t", name, "-x", String.valueOf(columns), "-y", String.valueOf(rows)));
    }

    void line(String text) {
        type(text);
        keys("Enter");
    }

    String screen() {
        return run(List.of("tmux", "capture-pane", "-p", "-J", "-t", name, "-S", "-500"));
    }

    /** What the pane shows now, without the scrollback (the status line is only ever there). */
    String visible() {
        return run(List.of("tmux", "capture-pane", "-p", "-t", name));
    }

    /** What the pane shows now with its colours and attributes, as escape sequences. */
    String visibleWithEscapes() {
        return run(List.of("tmux", "capture-pane", "-p", "-e", "-t", name));
    }

    /** The last line of a screen that is not blank. */
    static String lastLine(String screen) {
        String[] lines = screen.strip().split("\n");
        return lines[lines.length - 1].strip();
    }

    /**
     * Waits until the last line the pane shows matches, judged on one capture: a line redrawn every 100 ms (the
     * status line, with its spinner and tenths of seconds) is never the same across two.
     */
    String waitForLastLine(java.util.function.Predicate<String> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String screen = "";
        while (System.nanoTime() < deadline) {
            screen = visible();
            if (!screen.isBlank() && match.test(lastLine(screen))) {
                return lastLine(screen);
            }
            sleep(50);
        }
        throw new AssertionError("the screen's last line never matched; it shows:\n" + screen);
    }

    /** Waits until a visible line matches; returns it (stripped). */
    String waitForLine(java.util.function.Predicate<String> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String screen = "";
        while (System.nanoTime() < deadline) {
            screen = visible();
            for (String line : screen.split("\n")) {
                if (match.test(line.strip())) {
                    return line.strip();
                }
            }
            sleep(100);
        }
        throw new AssertionError("no line of the screen matched; it shows:\n" + screen);
    }

    /** Waits until the screen shows {@code text}; fails with the screen after {@code timeout}. */
    String waitFor(String text, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String screen = "";
        while (System.nanoTime() < deadline) {
            if (!alive()) {
                throw new AssertionError("the terminal ended while waiting for '" + text + "'; last screen:\n" + screen);
            }
            screen = screen();
            if (screen.contains(text)) {
                return screen;
            }
            sleep(200);
        }
        throw new AssertionError("the screen never showed '" + text + "'; it shows:\n" + screen);
    }

    /**
     * Waits until the visible pane (no scrollback; trailing blanks of each row trimmed, rows not joined) shows
     * {@code text}; returns that capture.
     */
    String waitForVisible(String text, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String screen = "";
        while (System.nanoTime() < deadline) {
            screen = visible();
            if (screen.contains(text)) {
                return screen;
            }
            sleep(100);
        }
        throw new AssertionError("the visible screen never showed:\n" + text + "\nit shows:\n" + screen);
    }

    /** Waits until the session's process has ended. */
    boolean waitForExit(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!alive()) {
                return true;
            }
            sleep(200);
        }
        return false;
    }

    boolean alive() {
        try {
            return new ProcessBuilder("tmux", "has-session", "-t", name).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        if (alive()) {
            run(List.of("tmux", "kill-session", "-t", name));
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String run(List<String> cmd) {
        return DockerCli.must(Map.of(), cmd.toArray(String[]::new));
    }
}
