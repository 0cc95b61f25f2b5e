package dev.stagesh.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The commands typed in {@code shell --keep}, read from the shell's history file, and the RUN
 * line they make. Leaving the shell is not part of the change, and neither are blank lines or
 * bash's timestamp lines.
 *
 * <p>Under bash each command is followed by a status line ({@link #STATUS}, written before each
 * prompt): a command that exited non-zero is left out of the RUN line, since the RUN would fail
 * at it, and so is whatever has no status (the {@code exit} that ended the shell). A shell that
 * writes no status lines (another /bin/sh) gives every command.
 *
 * @param commands the commands the RUN line is made of, in order
 * @param failed the commands left out because they exited non-zero
 */
record ShellHistory(List<String> commands, List<String> failed) {
    /** How the prompt hook marks the exit status of the commands written just before it. */
    static final String STATUS = "#stagesh-status ";
    private static final Set<String> LEAVING = Set.of("exit", "logout");

    ShellHistory {
        commands = List.copyOf(commands);
        failed = List.copyOf(failed);
    }

    static ShellHistory parse(String historyFile) {
        String[] lines = historyFile.split("\n");
        boolean statuses = historyFile.contains(STATUS);
        List<String> commands = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        List<String> pending = new ArrayList<>();
        for (String line : lines) {
            String c = line.strip();
            if (c.startsWith(STATUS)) {
                boolean ok = c.substring(STATUS.length()).strip().equals("0");
                (ok ? commands : failed).addAll(pending);
                pending.clear();
                continue;
            }
            if (c.isEmpty() || c.startsWith("#") || LEAVING.contains(c) || c.startsWith("exit ")) {
                continue;
            }
            pending.add(c);
        }
        if (!statuses) {
            commands.addAll(pending);
        }
        return new ShellHistory(commands, failed);
    }

    /** {@code RUN cmd1 && cmd2}: each runs only if the one before succeeded, as they did here. */
    Optional<String> runLine() {
        if (commands.isEmpty()) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        for (String c : commands) {
            // a command list of its own (a;b, a||b) must not bind to its neighbours' &&
            parts.add(needsGroup(c) ? "{ " + c + "; }" : c);
        }
        return Optional.of("RUN " + String.join(" && ", parts));
    }

    private static boolean needsGroup(String command) {
        return command.contains(";") || command.contains("||") || command.endsWith("&") && !command.endsWith("&&");
    }
}
