package dev.stagesh.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Completion of a stagesh command line for the shells, from picocli's model of the commands:
 * subcommands, options, the values an option names (stage names of the Dockerfile the line
 * gives, read on the spot), and where files are wanted, a word to the shell to complete files
 * itself. The answer follows cobra's {@code __complete} protocol (candidates, then a directive),
 * which is also what the docker CLI asks its plugins, so {@code docker stagesh <Tab>} works too.
 */
final class CommandLineCompleter {
    /** Cobra's directive bits: what the shell does beyond the candidates. */
    static final int NO_FILES = 4;
    static final int DIRECTORIES = 16;

    /** A candidate, with the description zsh shows beside it (empty when there is none). */
    record Candidate(String value, String description) {}

    /** The candidates, and whether the shell should offer files (and only directories) besides. */
    record Completion(List<Candidate> candidates, int directive) {
        /** Cobra's wire form: one {@code value\tdescription} a line, then {@code :directive}. */
        String wire() {
            StringBuilder sb = new StringBuilder();
            for (Candidate c : candidates) {
                sb.append(c.value());
                if (!c.description().isEmpty()) {
                    sb.append('\t').append(c.description());
                }
                sb.append('\n');
            }
            return sb.append(':').append(directive).append('\n').toString();
        }
    }

    private final CommandSpec root;
    /** The stage names of a Dockerfile; empty when it cannot be read. */
    private final Function<Path, List<String>> stageNames;

    CommandLineCompleter(CommandSpec root, Function<Path, List<String>> stageNames) {
        this.root = root;
        this.stageNames = stageNames;
    }

    /** Completes the last of {@code words} (the words after the program's name; the last may be empty). */
    Completion complete(List<String> words) {
        String current = words.isEmpty() ? "" : words.get(words.size() - 1);
        Line line = read(words.subList(0, Math.max(0, words.size() - 1)));
        if (line.awaiting() != null) {
            return valueOf(line.awaiting(), line, current);
        }
        if (current.startsWith("-")) {
            int eq = current.indexOf('=');
            if (eq > 0 && line.spec().findOption(current.substring(0, eq)) != null) {
                return prefixed(current.substring(0, eq + 1),
                        valueOf(line.spec().findOption(current.substring(0, eq)), line, current.substring(eq + 1)));
            }
            return new Completion(options(line.spec(), current), NO_FILES);
        }
        List<Candidate> out = new ArrayList<>();
        if (line.positionals() == 0) {
            line.spec().subcommands().forEach((name, sub) -> {
                if (!sub.getCommandSpec().usageMessage().hidden() && name.startsWith(current)) {
                    out.add(new Candidate(name, summary(sub.getCommandSpec())));
                }
            });
        }
        Optional<PositionalParamSpec> positional = line.spec().positionalParameters().stream()
                .filter(p -> p.index().contains(line.positionals())).findFirst();
        if (positional.isEmpty()) {
            return new Completion(out, NO_FILES);
        }
        Completion value = valueOf(positional.get(), line, current);
        out.addAll(value.candidates());
        return new Completion(out, value.directive());
    }

    /** What the words before the current one say: the (sub)command, the Dockerfile, an option awaiting its value. */
    private record Line(CommandSpec spec, Path file, Path positional, int positionals, ArgSpec awaiting) {
        Path dockerfile() {
            return StageshCommand.dockerfile(file, positional);
        }
    }

    private Line read(List<String> done) {
        CommandSpec spec = root;
        Path file = null;
        Path positional = null;
        int positionals = 0;
        OptionSpec awaiting = null;
        for (String w : done) {
            if (awaiting != null) {
                if (isFileOption(awaiting)) {
                    file = Path.of(w);
                }
                awaiting = null;
            } else if (w.startsWith("-") && w.length() > 1) {
                int eq = w.indexOf('=');
                OptionSpec o = spec.findOption(eq > 0 ? w.substring(0, eq) : w);
                if (o != null && eq > 0 && isFileOption(o)) {
                    file = Path.of(w.substring(eq + 1));
                } else if (o != null && eq < 0 && o.arity().min() > 0) {
                    awaiting = o;
                }
            } else if (positionals == 0 && spec.subcommands().containsKey(w)) {
                spec = spec.subcommands().get(w).getCommandSpec();
            } else {
                if (positionals == 0) {
                    positional = Path.of(w);
                }
                positionals++;
            }
        }
        return new Line(spec, file, positional, positionals, awaiting);
    }

    private static boolean isFileOption(OptionSpec o) {
        return o.longestName().equals("--file");
    }

    private Completion valueOf(ArgSpec arg, Line line, String current) {
        if (arg instanceof OptionSpec o && o.longestName().equals("--target")) {
            List<Candidate> stages = new ArrayList<>();
            for (String name : stageNames.apply(line.dockerfile())) {
                if (name.startsWith(current)) {
                    stages.add(new Candidate(name, "stage"));
                }
            }
            return new Completion(stages, NO_FILES);
        }
        if (arg.command() != null && arg.command().userObject() instanceof CommandLine.HelpCommand && arg.command().parent() != null) {
            // help's COMMAND is one of its siblings
            List<Candidate> out = new ArrayList<>();
            arg.command().parent().subcommands().forEach((name, sub) -> {
                if (!sub.getCommandSpec().usageMessage().hidden() && name.startsWith(current)) {
                    out.add(new Candidate(name, summary(sub.getCommandSpec())));
                }
            });
            return new Completion(out, NO_FILES);
        }
        if (arg.completionCandidates() != null) {
            List<Candidate> out = new ArrayList<>();
            arg.completionCandidates().forEach(c -> {
                if (c.startsWith(current)) {
                    out.add(new Candidate(c, ""));
                }
            });
            return new Completion(out, NO_FILES);
        }
        if (Path.class.isAssignableFrom(arg.type()) || java.io.File.class.isAssignableFrom(arg.type())) {
            return new Completion(List.of(), "DIR".equals(arg.paramLabel()) ? DIRECTORIES : 0);
        }
        return new Completion(List.of(), NO_FILES);
    }

    private static List<Candidate> options(CommandSpec spec, String current) {
        List<Candidate> out = new ArrayList<>();
        for (OptionSpec o : spec.options()) {
            if (o.hidden()) {
                continue;
            }
            for (String name : o.names()) {
                // "-" alone lists each option once, by its long name; a longer prefix picks names
                boolean listed = current.equals("-") ? name.equals(o.longestName()) : name.startsWith(current);
                if (listed) {
                    out.add(new Candidate(name, firstLine(o.description())));
                }
            }
        }
        return out;
    }

    private static Completion prefixed(String prefix, Completion c) {
        return new Completion(c.candidates().stream().map(x -> new Candidate(prefix + x.value(), x.description())).toList(),
                c.directive());
    }

    /** A command's one-line summary: its header where it has one (picocli's help does), else its description's first line. */
    private static String summary(CommandSpec spec) {
        String header = firstLine(spec.usageMessage().header());
        return header.isEmpty() ? firstLine(spec.usageMessage().description()) : header;
    }

    private static String firstLine(String[] description) {
        // picocli's texts may hold its line-break marker %n; the first line with words is the summary
        return String.join(" ", description).replace("%n", "\n").replace('\t', ' ').lines().map(String::strip)
                .filter(l -> !l.isEmpty()).findFirst().orElse("");
    }
}
