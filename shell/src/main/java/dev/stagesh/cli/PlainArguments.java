package dev.stagesh.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * The two command lines people start stagesh with most, read without picocli: a session
 * ({@code stagesh [options] [DOCKERFILE]}, from a terminal) and an editor's launch
 * ({@code stagesh dap [options]}). picocli's fixed cost, its classes' initialisation and the
 * reflection over the root command's options, is 0.1 s of CPU before anything else can start,
 * a fifth of the way to the first prompt; the prompt's own commands then pay picocli's start on
 * a thread of their own ({@code ShellModel}). Only the plain forms are read here ({@code -f FILE},
 * {@code --file=FILE}, {@code --build-arg K=V}, ..., {@code --no-cache}, {@code --keep}, one
 * DOCKERFILE); any other word (help, a version, {@code -c}, a subcommand, an unknown or
 * repeated option, a value that looks like an option, an {@code @file}) answers empty and picocli
 * parses the line as ever, with its help and its one-line errors: picocli stays the one
 * definition of what the line means, which {@code PlainArgumentsTest} holds this to.
 */
final class PlainArguments {
    private PlainArguments() {}

    /** What a plain line asks for. */
    sealed interface Plain {
        BuildOptions options();
    }

    /** {@code stagesh [options] [DOCKERFILE]}: a session. */
    record Session(BuildOptions options, boolean keep) implements Plain {}

    /** {@code stagesh dap [options] [DOCKERFILE]}: the Debug Adapter Protocol server. */
    record Dap(BuildOptions options) implements Plain {}

    /** What the line asks for when every word is plain; empty when picocli must read it. */
    static Optional<Plain> of(String[] args, Set<String> subcommands) {
        boolean dap = args.length > 0 && args[0].equals("dap");
        Words words = new Words();
        for (int i = dap ? 1 : 0; i < args.length; i++) {
            String word = args[i];
            int eq = word.startsWith("--") ? word.indexOf('=') : -1;
            String name = eq > 0 ? word.substring(0, eq) : word;
            String value = eq > 0 ? word.substring(eq + 1) : null;
            boolean ok;
            if (isFlag(name, dap)) {
                ok = value == null && words.flag(name);
            } else if (!takesValue(name)) {
                // a subcommand's name is picocli's to read: as the root's positional, it names the subcommand
                ok = !word.startsWith("-") && !word.startsWith("@") && (dap || !subcommands.contains(word))
                        && words.positional(word);
            } else {
                if (value == null && i + 1 < args.length) {
                    value = args[++i];
                }
                ok = value != null && !value.startsWith("-") && !value.startsWith("@") && words.set(name, value);
            }
            if (!ok) {
                return Optional.empty();
            }
        }
        return Optional.of(dap ? new Dap(words.options) : new Session(words.options, words.keep));
    }

    private static boolean isFlag(String name, boolean dap) {
        return name.equals("--no-cache") || !dap && name.equals("--keep");
    }

    private static boolean takesValue(String name) {
        return switch (name) {
            case "-f", "--file", "-C", "--context", "--target", "--build-arg", "--secret" -> true;
            default -> false;
        };
    }

    /** The options as the words set them; each setter says false where picocli would refuse the word. */
    private static final class Words {
        final BuildOptions options = new BuildOptions();
        boolean keep;

        boolean flag(String name) {
            if (name.equals("--keep")) {
                boolean first = !keep;
                keep = true;
                return first;
            }
            boolean first = !options.noCache;
            options.noCache = true;
            return first;
        }

        boolean positional(String word) {
            if (options.positional != null) {
                return false;
            }
            return path(word).map(p -> options.positional = p).isPresent();
        }

        boolean set(String name, String value) {
            switch (name) {
                case "-f", "--file" -> {
                    return options.file == null && path(value).map(p -> options.file = p).isPresent();
                }
                case "-C", "--context" -> {
                    return options.context == null && path(value).map(p -> options.context = p).isPresent();
                }
                case "--target" -> {
                    if (options.target != null) {
                        return false;
                    }
                    options.target = value;
                    return true;
                }
                case "--build-arg" -> {
                    return options.buildArgs.add(value);
                }
                case "--secret" -> {
                    return options.secrets.add(value);
                }
                default -> throw new IllegalArgumentException(name);
            }
        }

        /** A path picocli can make of the word; none (picocli's error then) where it cannot. */
        private static Optional<Path> path(String word) {
            try {
                return Optional.of(Path.of(word));
            } catch (InvalidPathException e) {
                return Optional.empty();
            }
        }
    }
}
