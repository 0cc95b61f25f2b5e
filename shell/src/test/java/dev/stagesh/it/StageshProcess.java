package dev.stagesh.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A stagesh session running in the background, driven line by line: commands go to its stdin
 * as they are written, its output is collected as it comes, and it can be sent signals. For
 * tests that need to act while a session is alive (kill it mid-step, restart the engine under
 * it, count its open files).
 */
final class StageshProcess implements AutoCloseable {
    private final Process process;
    private final OutputStream stdin;
    private final StringBuffer stdout = new StringBuffer();
    private final StringBuffer stderr = new StringBuffer();
    private final Thread[] drains;

    private StageshProcess(Process process) {
        this.process = process;
        this.stdin = process.getOutputStream();
        this.drains = new Thread[] {drain(process.getInputStream(), stdout), drain(process.getErrorStream(), stderr)};
    }

    static StageshProcess start(Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>();
        // a process started in the background of a non-interactive shell inherits SIGINT ignored,
        // and a JVM keeps it ignored: reset it, as a terminal's Ctrl-C would find it
        if (Files.isExecutable(Path.of("/usr/bin/env")) && envResetsSignals()) {
            cmd.addAll(List.of("/usr/bin/env", "--default-signal=INT,TERM"));
        }
        cmd.addAll(List.of("java", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", Stagesh.jar().toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        try {
            return new StageshProcess(pb.start());
        } catch (IOException e) {
            throw new AssertionError("cannot start stagesh: " + e, e);
        }
    }

    private static Boolean resets;

    private static synchronized boolean envResetsSignals() {
        if (resets == null) {
            try {
                Process p = new ProcessBuilder("/usr/bin/env", "--default-signal=INT", "true").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                resets = p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException | InterruptedException e) {
                resets = false;
            }
        }
        return resets;
    }

    /** How a process ended and what it printed. */
    record Ended(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    long pid() {
        return process.pid();
    }

    /** Sends one command line (a newline is added). */
    StageshProcess send(String line) {
        try {
            stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException e) {
            throw new AssertionError("stagesh's stdin is closed: " + this, e);
        }
        return this;
    }

    /** Ctrl-D: end of input. */
    void closeStdin() {
        try {
            stdin.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    String stdout() {
        return stdout.toString();
    }

    String stderr() {
        return stderr.toString();
    }

    /** Waits until stdout (or stderr, with {@code onStderr}) matches; fails with everything seen. */
    StageshProcess await(Pattern pattern, boolean onStderr, Duration timeout) {
        return awaitThat(s -> pattern.matcher(s).find(), onStderr, timeout, pattern.pattern());
    }

    StageshProcess awaitStdout(String regex) {
        return await(Pattern.compile(regex), false, Duration.ofSeconds(90));
    }

    StageshProcess awaitStderr(String regex) {
        return await(Pattern.compile(regex), true, Duration.ofSeconds(90));
    }

    private StageshProcess awaitThat(Predicate<String> ok, boolean onStderr, Duration timeout, String what) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (ok.test(onStderr ? stderr() : stdout())) {
                return this;
            }
            if (!process.isAlive() && ok.negate().test(onStderr ? stderr() : stdout())) {
                joinDrains();
                if (ok.test(onStderr ? stderr() : stdout())) {
                    return this;
                }
                throw new AssertionError("stagesh ended (exit " + process.exitValue() + ") before "
                        + (onStderr ? "stderr" : "stdout") + " showed /" + what + "/\n" + this);
            }
            sleep(50);
        }
        throw new AssertionError("no /" + what + "/ on " + (onStderr ? "stderr" : "stdout") + " within " + timeout + "\n" + this);
    }

    /** Sends a signal by name (TERM, INT, KILL) with kill(1). */
    void signal(String name) {
        try {
            Process k = new ProcessBuilder("kill", "-" + name, Long.toString(pid())).redirectErrorStream(true).start();
            k.getInputStream().readAllBytes();
            k.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("cannot signal stagesh: " + e, e);
        }
    }

    /** Waits for the process to end and returns its exit code. */
    int waitFor(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("stagesh did not end within " + timeout + "\n" + this
                        + "\n--- its threads:\n" + Stagesh.threadDump(pid()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        joinDrains();
        return process.exitValue();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** How many files the stagesh JVM has open (its /proc/PID/fd entries). */
    int openFiles() {
        try (var s = Files.list(Path.of("/proc", Long.toString(pid()), "fd"))) {
            return (int) s.count();
        } catch (IOException e) {
            throw new AssertionError("cannot read /proc/" + pid() + "/fd: " + e, e);
        }
    }

    private void joinDrains() {
        for (Thread t : drains) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return "stagesh pid " + pid() + (process.isAlive() ? " (running)" : " (exit " + process.exitValue() + ")")
                + "\n--- stdout\n" + stdout() + "\n--- stderr\n" + stderr();
    }

    private static Thread drain(InputStream in, StringBuffer into) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    into.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "stagesh-drain");
        t.setDaemon(true);
        t.start();
        return t;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
