package dev.stagesh.it;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real stagesh jar as a user would, in script mode, against the real engine: the
 * contract every end-to-end test drives the product through.
 */
final class Stagesh {
    /** @param pid the stagesh process's pid, which labels everything its session made */
    record Result(int exitCode, String stdout, String stderr, long pid) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    static Path jar() {
        String jar = System.getProperty("stagesh.jar");
        if (jar == null) {
            throw new IllegalStateException("run through 'mvn verify': the stagesh.jar property names the built jar");
        }
        return Path.of(jar);
    }

    /** Runs {@code stagesh ARGS} with {@code stdin} as its standard input. */
    static Result run(String stdin, String... args) {
        return run(stdin, null, args);
    }

    static Result run(String stdin, Path workdir, String... args) {
        return run(stdin, workdir, java.util.Map.of(), args);
    }

    static Result run(String stdin, Path workdir, java.util.Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>(List.of("java", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar",
                jar().toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (workdir != null) {
            pb.directory(workdir.toFile());
        }
        pb.environment().putAll(env);
        try {
            Process p = pb.start();
            CompletableFuture<String> out = drain(p.getInputStream());
            CompletableFuture<String> err = drain(p.getErrorStream());
            try (var in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                // where it stands, for the report: a hang is a bug to find, and its threads say where
                String threads = threadDump(p.pid());
                p.destroyForcibly();
                p.waitFor(30, TimeUnit.SECONDS);
                throw new AssertionError("stagesh did not finish in 10 minutes\n--- its threads:\n" + threads
                        + "\n--- stdout:\n" + tail(out) + "\n--- stderr:\n" + tail(err));
            }
            return new Result(p.exitValue(), out.get(), err.get(), p.pid());
        } catch (IOException | java.util.concurrent.ExecutionException e) {
            throw new AssertionError("cannot run stagesh: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The JVM's threads as jcmd prints them, for the report of a hang. */
    static String threadDump(long pid) {
        try {
            Process jcmd = new ProcessBuilder("jcmd", Long.toString(pid), "Thread.print").redirectErrorStream(true).start();
            CompletableFuture<String> text = drain(jcmd.getInputStream());
            return jcmd.waitFor(30, TimeUnit.SECONDS) ? text.get(5, TimeUnit.SECONDS) : "(jcmd did not answer)";
        } catch (IOException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return "(no thread dump: " + e + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }

    private static String tail(CompletableFuture<String> text) {
        try {
            String s = text.get(10, TimeUnit.SECONDS);
            return s.length() <= 4000 ? s : s.substring(s.length() - 4000);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return "(not read: " + e + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }

    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
    }
}
