package dev.stagesh.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code stagesh dap}'s command line read without picocli, for the editor's launch: picocli's
 * fixed cost (its classes' initialisation and model, 0.13-0.25 s on the loaded 2-core machine,
 * the same for a hand-built spec of dap alone) was a third of launch to first stop. Only the
 * plain forms an editor's adapter configuration writes are read here ({@code -f FILE},
 * {@code --file=FILE}, {@code --build-arg K=V}, ..., {@code --no-cache}, one DOCKERFILE); any
 * other word (help, a version, an unknown or repeated option, a value that looks like an option,
 * an {@code @file}) answers empty and picocli parses the line as ever, with its help and its
 * one-line errors: picocli stays the one definition of what the line means.
 */
final class DapArguments {
    private DapArguments() {}

    /** The options of {@code dap ARGS...} when every word is plain; empty when picocli must read them. */
    static Optional<BuildOptions> plain(String[] args) {
        if (args.length == 0 || !args[0].equals("dap")) {
            return Optional.empty();
        }
        BuildOptions o = new BuildOptions();
        try {
            for (int i = 1; i < args.length; i++) {
                String word = args[i];
                int eq = word.startsWith("--") ? word.indexOf('=') : -1;
                String name = eq > 0 ? word.substring(0, eq) : word;
                String value = eq > 0 ? word.substring(eq + 1) : null;
                if (name.equals("--no-cache")) {
                    if (value != null || o.noCache) {
                        return Optional.empty();
                    }
                    o.noCache = true;
                    continue;
                }
                if (!takesValue(name)) {
                    if (word.startsWith("-") || word.startsWith("@") || o.positional != null) {
                        return Optional.empty();
                    }
                    o.positional = Path.of(word);
                    continue;
                }
                if (value == null) {
                    if (i + 1 >= args.length) {
                        return Optional.empty();
                    }
                    value = args[++i];
                }
                if (value.startsWith("-") || value.startsWith("@") || !set(o, name, value)) {
                    return Optional.empty();
                }
            }
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        return Optional.of(o);
    }

    private static boolean takesValue(String name) {
        return switch (name) {
            case "-f", "--file", "-C", "--context", "--target", "--build-arg", "--secret" -> true;
            default -> false;
        };
    }

    /** Sets the option; false for a single-valued one given twice (picocli's error then). */
    private static boolean set(BuildOptions o, String name, String value) {
        switch (name) {
            case "-f", "--file" -> {
                if (o.file != null) {
                    return false;
                }
                o.file = Path.of(value);
            }
            case "-C", "--context" -> {
                if (o.context != null) {
                    return false;
                }
                o.context = Path.of(value);
            }
            case "--target" -> {
                if (o.target != null) {
                    return false;
                }
                o.target = value;
            }
            case "--build-arg" -> o.buildArgs.add(value);
            case "--secret" -> o.secrets.add(value);
            default -> throw new IllegalArgumentException(name);
        }
        return true;
    }
}
