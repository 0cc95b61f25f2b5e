package dev.stagesh.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The command lines people start stagesh with most, read without picocli: a session
 * ({@code stagesh [options] [DOCKERFILE]}, from a terminal), an editor's launch
 * ({@code stagesh dap [options]}) and a build ({@code stagesh build -t TAG [options]}, in CI, where
 * it is a build's whole start-up that counts). picocli's fixed cost, its classes' initialisation and the
 * reflection over the root command's options, is 0.1 s of CPU before anything else can start,
 * a fifth of the way to the first prompt; the prompt's own commands then pay picocli's start on
 * a thread of their own ({@code ShellModel}). Only the plain forms are read here ({@code -f FILE},
 * {@code --file=FILE}, {@code --build-arg K=V}, ..., {@code --no-cache}, {@code --keep}, one
 * DOCKERFILE; a build's {@code -t}, {@code --squash}, {@code -q}); any other word (help, a version, {@code -c}, a subcommand, an unknown or
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

    /** {@code stagesh build -t TAG... [options] [DOCKERFILE]}: a build, committed and tagged. */
    record Build(BuildOptions options, List<String> tags, boolean squash, boolean quiet) implements Plain {}

    /** Which command the line is: what it may hold differs. */
    private enum Kind { SESSION, DAP, BUILD }

    /** What the line asks for when every word is plain; empty when picocli must read it. */
    static Optional<Plain> of(String[] args, Set<String> subcommands) {
        Kind kind = args.length == 0 ? Kind.SESSION : switch (args[0]) {
            case "dap" -> Kind.DAP;
            case "build" -> Kind.BUILD;
            default -> Kind.SESSION;
        };
        Words words = new Words();
        for (int i = kind == Kind.SESSION ? 0 : 1; i < args.length; i++) {
            String word = args[i];
            int eq = word.startsWith("--") ? word.indexOf('=') : -1;
            String name = eq > 0 ? word.substring(0, eq) : word;
            String value = eq > 0 ? word.substring(eq + 1) : null;
            boolean ok;
            if (isFlag(name, kind)) {
                ok = value == null && words.flag(name);
            } else if (!takesValue(name, kind)) {
                // a subcommand's name is picocli's to read: as the root's positional, it names the subcommand
                ok = !word.startsWith("-") && !word.startsWith("@") && (kind != Kind.SESSION || !subcommands.contains(word))
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
        return switch (kind) {
            case SESSION -> Optional.of(new Session(words.options, words.keep));
            case DAP -> Optional.of(new Dap(words.options));
            // no tag: picocli says that one is required
            case BUILD -> words.tags.isEmpty() ? Optional.empty()
                    : Optional.of(new Build(words.options, List.copyOf(words.tags), words.squash, words.quiet));
        };
    }

    private static boolean isFlag(String name, Kind kind) {
        return switch (name) {
            case "--no-cache" -> true;
            case "--keep" -> kind == Kind.SESSION;
            case "--squash", "-q", "--quiet" -> kind == Kind.BUILD;
            default -> false;
        };
    }

    private static boolean takesValue(String name, Kind kind) {
        return switch (name) {
            case "-f", "--file", "-C", "--context", "--target", "--build-arg", "--secret" -> true;
            case "-t", "--tag" -> kind == Kind.BUILD;
            default -> false;
        };
    }

    /** The options as the words set them; each setter says false where picocli would refuse the word. */
    private static final class Words {
        final BuildOptions options = new BuildOptions();
        final List<String> tags = new ArrayList<>();
        boolean keep;
        boolean squash;
        boolean quiet;

        /** Sets the flag; false when it was set already (picocli refuses a flag given twice). */
        boolean flag(String name) {
            boolean before;
            switch (name) {
                case "--keep" -> {
                    before = keep;
                    keep = true;
                }
                case "--squash" -> {
                    before = squash;
                    squash = true;
                }
                case "-q", "--quiet" -> {
                    before = quiet;
                    quiet = true;
                }
                default -> {
                    before = options.noCache;
                    options.noCache = true;
                }
            }
            return !before;
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
                case "-t", "--tag" -> {
                    return tags.add(value);
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
