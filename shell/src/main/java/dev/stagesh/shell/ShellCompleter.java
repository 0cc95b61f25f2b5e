package dev.stagesh.shell;

import dev.stagesh.engine.Session;
import dev.stagesh.engine.StageRun;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import picocli.CommandLine;

/**
 * stagesh's own Tab completion at the prompt, on top of the command registry's names and options
 * ({@link PromptCommands}): stage names after {@code into stage}, line numbers after
 * {@code break} and {@code until}, and paths inside the current snapshot (read through the
 * engine, so they exist only there).
 */
final class ShellCompleter implements Completer {
    private static final Set<String> PATH_COMMANDS = Set.of("ls", "cat", "tree", "find", "stat", "grep", "cp");

    /** Built on the first completion, not before the first prompt. */
    private final Supplier<CommandLine> commands;
    private final Session session;

    ShellCompleter(Supplier<CommandLine> commands, Session session) {
        this.commands = commands;
        this.session = session;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        List<String> words = line.words();
        int index = line.wordIndex();
        String word = line.word().substring(0, Math.min(line.wordCursor(), line.word().length()));
        // command names and options come from the command registry (PromptCommands)
        if (index == 0 || word.startsWith("-")) {
            return;
        }
        String command = words.get(0);
        CommandLine sub = commands.get().getSubcommands().get(command);
        if (sub == null) {
            return;
        }
        switch (sub.getCommandName()) {
            case "into" -> {
                if (index == 1) {
                    candidates.add(new Candidate("stage"));
                } else {
                    stages(candidates);
                }
            }
            case "list" -> stages(candidates);
            case "break", "until" -> lines(candidates, sub.getCommandName().equals("break"));
            default -> {
                if (PATH_COMMANDS.contains(sub.getCommandName())) {
                    paths(word, candidates);
                }
            }
        }
    }

    private void stages(List<Candidate> candidates) {
        for (StageRun run : session.stages()) {
            candidates.add(new Candidate(Integer.toString(run.stage().index())));
            if (run.stage().name() != null) {
                candidates.add(new Candidate(run.stage().name()));
            }
        }
    }

    private void lines(List<Candidate> candidates, boolean withKeywords) {
        for (var ins : session.current().steps()) {
            candidates.add(new Candidate(Integer.toString(ins.line()), Integer.toString(ins.line()), null,
                    ins.node().original().strip(), null, null, true));
        }
        if (withKeywords) {
            for (String k : List.of("on-error", "RUN", "COPY", "ADD", "WORKDIR", "ENV", "FROM")) {
                candidates.add(new Candidate(k));
            }
        }
    }

    /** Children of the directory part of {@code word}, inside the snapshot. */
    private void paths(String word, List<Candidate> candidates) {
        try {
            int slash = word.lastIndexOf('/');
            String dirPart = slash < 0 ? "" : word.substring(0, slash + 1);
            String workdir = session.snapshot().config().workingDir();
            String dir = Paths.absolute(workdir, dirPart.isEmpty() ? "." : dirPart);
            var files = session.files();
            String real = files.follow(dir);
            var tree = files.tree(real);
            for (var e : tree.children(normalize(real))) {
                String name = e.path().substring(e.path().lastIndexOf('/') + 1);
                boolean isDir = e.type() == dev.stagesh.fs.EntryType.DIRECTORY;
                candidates.add(new Candidate(dirPart + name + (isDir ? "/" : ""), name + (isDir ? "/" : ""), null,
                        null, null, null, !isDir));
            }
        } catch (RuntimeException e) {
            // nothing to offer: a path that does not exist, or no snapshot yet
        }
    }

    private static String normalize(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
